"""Which event fields a person may correct through the API, and what values each accepts."""

from __future__ import annotations

import functools
import math
from datetime import date
from typing import Any

from marsad.errors import InputError
from marsad.text.lexicon import read_yaml

# field -> (minimum, maximum) for whole numbers
INT_FIELDS: dict[str, tuple[int, int]] = {
    "fatalities": (0, 1_000_000), "fatalities_low": (0, 1_000_000), "fatalities_best": (0, 1_000_000),
    "fatalities_high": (0, 1_000_000), "injured": (0, 1_000_000), "time_precision": (1, 3),
    "geo_precision": (1, 3), "where_prec": (1, 7), "inter1": (0, 8), "inter2": (0, 8), "interaction": (0, 88),
}
FLOAT_FIELDS: dict[str, tuple[float, float]] = {"latitude": (-90.0, 90.0), "longitude": (-180.0, 180.0)}
TEXT_FIELDS = frozenset({
    "disorder_type", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2",
    "civilian_targeting", "country", "admin1", "admin2", "admin3", "location", "source", "source_scale",
    "notes", "tags",
})
CORRECTABLE_FIELDS = frozenset({"event_date", *INT_FIELDS, *FLOAT_FIELDS, *TEXT_FIELDS})
MAX_TEXT = 2000


def _int(field: str, value: Any) -> int:
    low, high = INT_FIELDS[field]
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != int(value) or not low <= value <= high:
        raise InputError(f"{field}: {value!r} is not a whole number in {low}..{high}")
    return int(value)


def _float(field: str, value: Any) -> float:
    low, high = FLOAT_FIELDS[field]
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
            or not low <= value <= high:
        raise InputError(f"{field}: {value!r} is not a number in {low}..{high}")
    return float(value)


def _date(value: Any) -> str:
    try:
        if not isinstance(value, str) or len(value) != 10:
            raise ValueError(value)
        return date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise InputError(f"event_date: {value!r} is not a date (YYYY-MM-DD)") from exc


def _text(field: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_TEXT:
        raise InputError(f"{field}: expected non-empty text up to {MAX_TEXT} characters, got {str(value)[:40]!r}")
    return value.strip()


def check_correction(field: str, value: Any) -> Any:
    """The value to store for ``field`` (None clears it); InputError for a field or value that cannot be.

    ACLED-coded fields (event and sub-event type, disorder type, civilian targeting) take only
    the vocabulary's values, matched without regard to case and stored as the vocabulary writes them.
    """
    if field not in CORRECTABLE_FIELDS:
        raise InputError(f"field: {field!r} cannot be corrected; one of {', '.join(sorted(CORRECTABLE_FIELDS))}")
    if value is None:
        return None
    if field in INT_FIELDS:
        return _int(field, value)
    if field in FLOAT_FIELDS:
        return _float(field, value)
    if field == "event_date":
        return _date(value)
    text = _text(field, value)
    return _coded(field, text) if field in coded_values() else text


@functools.cache
def coded_values() -> dict[str, dict[str, str]]:
    """Field -> {folded value: the vocabulary's spelling} for the fields ACLED codes from a closed list."""
    vocabulary = read_yaml("vocabulary.yaml")
    lists = {"event_type": list(vocabulary["event_types"]),
             "sub_event_type": [s for subs in vocabulary["event_types"].values() for s in subs],
             "disorder_type": vocabulary["disorder_types"], "civilian_targeting": vocabulary["civilian_targeting"]}
    return {field: {v.casefold(): v for v in values} for field, values in lists.items()}


@functools.cache
def parent_types() -> dict[str, str]:
    """Sub-event type -> its event type (each sub-type belongs to one type)."""
    return {sub: parent for parent, subs in read_yaml("vocabulary.yaml")["event_types"].items() for sub in subs}


def _coded(field: str, value: str) -> str:
    allowed = coded_values()[field]
    if value.casefold() not in allowed:
        raise InputError(f"{field}: {value[:60]!r} is not an ACLED value; one of {', '.join(allowed.values())}")
    return allowed[value.casefold()]


def plan_corrections(field: str, value: Any, current: dict[str, Any]) -> dict[str, Any]:
    """The corrections one request makes on an event whose fields are ``current``.

    A sub-event type brings its event type with it; an event type that does not include the
    event's sub-event type is refused (correct the sub-event type instead), and cannot be cleared.
    """
    checked = check_correction(field, value)
    if field == "sub_event_type" and checked is not None:
        parent = parent_types()[checked]
        return {"event_type": parent, field: checked} if current.get("event_type") != parent else {field: checked}
    if field == "event_type":
        sub = current.get("sub_event_type")
        if checked is None:
            raise InputError("event_type: cannot be cleared (reject the event instead)")
        if sub and parent_types().get(sub, checked) != checked:
            raise InputError(f"event_type: {checked!r} does not include the event's sub_event_type {sub!r}; "
                             "correct sub_event_type instead (it sets the event type with it)")
    return {field: checked}
