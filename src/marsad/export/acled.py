"""ACLED-clean values: what every export writes in ACLED's columns, and their documented types.

An exported event drops into an ACLED workflow (pandas, R's acledR) with no clean-up:
- ``source`` names outlets and monitors as ACLED writes them ("Syrian Observatory for Human Rights;
  AFP"), never an article id, "unnamed" or a dateline place; ``source_scale`` goes with it;
- ``fatalities`` is 0 when no death is reported (ACLED's rule), so the column stays integer; so are
  ``year``, ``time_precision``, ``inter1``, ``inter2``, ``interaction``, ``iso``, ``geo_precision``
  and ``timestamp`` (the Unix time of the event's last change);
- an event no report dates keeps its row: ``event_date`` is the middle day of its best window (the
  days ending on the report's publication date that merging uses; without one, the day the report
  was first seen), ``time_precision`` says how wide the window is, ``date_estimated`` is true and
  ``date_window_start``/``date_window_end`` give it;
- ``tags`` holds ACLED-style tags (``data/acled_tags.yaml``) and ``notes`` a one-sentence English
  summary (``marsad.export.notes``) unless a reviewer wrote the notes.
"""

from __future__ import annotations

import functools
import time
from datetime import date, datetime, timedelta, timezone
from typing import Any

from marsad.dedup.dates import date_window
from marsad.dedup.sources import SourceDirectory, SourceInfo, scale_of
from marsad.export.notes import acled_notes
from marsad.text.lexicon import read_yaml

# ACLED's documented column types (pandas dtypes); event_date is a date (parse it as one).
ACLED_DTYPES: dict[str, str] = {
    "event_id_cnty": "string", "event_date": "datetime64[ns]", "year": "int64", "time_precision": "int64",
    "disorder_type": "string", "event_type": "string", "sub_event_type": "string", "actor1": "string",
    "assoc_actor_1": "string", "inter1": "int64", "actor2": "string", "assoc_actor_2": "string",
    "inter2": "int64", "interaction": "int64", "civilian_targeting": "string", "iso": "int64",
    "region": "string", "country": "string", "admin1": "string", "admin2": "string", "admin3": "string",
    "location": "string", "latitude": "float64", "longitude": "float64", "geo_precision": "Int64",
    "source": "string", "source_scale": "string", "notes": "string", "fatalities": "int64", "tags": "string",
    "timestamp": "int64",
}
# marsad's extra columns and their types (Int64: a whole number that may be missing).
EXTRA_DTYPES: dict[str, str] = {
    "fatalities_low": "int64", "fatalities_best": "int64", "fatalities_high": "int64", "injured": "Int64",
    "where_prec": "Int64", "number_of_sources": "int64", "article_ids": "string", "sources": "string",
    "sources_disagree": "bool", "date_estimated": "bool", "date_window_start": "datetime64[ns]",
    "date_window_end": "datetime64[ns]", "confidence": "float64", "status": "string", "id": "string",
}
IMPLIED_DAYS = 2  # an undated event: the report's publication day and the two days before (as merging)


@functools.cache
def _tag_rules() -> dict[str, Any]:
    return read_yaml("acled_tags.yaml") or {}


def acled_tags(data: dict[str, Any]) -> str | None:
    """ACLED-style tags for an event: those the rules give, and extracted ones ACLED uses ("; "-joined)."""
    rules = _tag_rules()
    actors = {data.get(k) for k in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")}
    tags: list[str] = []
    for rule in rules.get("rules") or []:
        checks = [(rule.get("event_type"), {data.get("event_type")}), (rule.get("sub_event_type"),
                  {data.get("sub_event_type")}), (rule.get("actor"), actors)]
        if all(wanted is None or set(wanted) & have for wanted, have in checks):
            tags.append(str(rule["tag"]))
    keep = tuple(str(p) for p in rules.get("keep") or [])
    for tag in (data.get("tags") or "").split(";"):
        if tag.strip() and tag.strip().startswith(keep):
            tags.append(tag.strip())
    return "; ".join(dict.fromkeys(tags)) or None


def clean_source(data: dict[str, Any], directory: SourceDirectory | None = None) -> tuple[str | None, str | None]:
    """``(source, source_scale)`` without placeholders or article ids (stored events already are clean)."""
    ids = set(data.get("article_ids") or []) | {data.get("id")}
    infos = [i for i in _source_infos(data.get("source") or "", directory or SourceDirectory.default())
             if i.name not in ids]
    plain = [i for i in infos if not i.cited] or infos
    source = "; ".join(i.name for i in plain) or None
    scale = data.get("source_scale") if source == data.get("source") and data.get("source_scale") else None
    return source, scale or scale_of(i.scale for i in plain)


@functools.lru_cache(maxsize=20_000)
def _source_infos(source: str, directory: SourceDirectory) -> tuple[SourceInfo, ...]:
    """The sources a ``source`` cell names, each once, placeholders left out (cached: cells repeat)."""
    infos: dict[str, SourceInfo] = {}
    for name in source.split(";"):
        name = name.strip()
        if name and not directory.is_placeholder(name):
            info = directory.source(name)
            if info is not None:
                infos.setdefault(info.name, info)
    return tuple(infos.values())


def best_window(data: dict[str, Any]) -> tuple[tuple[date, date] | None, bool]:
    """The days the event happened in, and whether no report dated it (an estimate from its report's date)."""
    lo, hi = data.get("date_lo"), data.get("date_hi")
    dated = bool(data.get("event_date"))
    if lo and hi:
        return (date.fromisoformat(lo[:10]), date.fromisoformat(hi[:10])), not dated
    anchor = data.get("published") or data.get("first_reported")
    # No publication date: the report was first seen now (as the store's first_reported is its ingest day).
    published = date.fromisoformat(anchor[:10]) if anchor else date.today()
    window = date_window(data.get("event_date"), data.get("time_precision"), published, implied_days=IMPLIED_DAYS)
    return ((window.lo, window.hi) if window else None), not dated


def _date_fields(data: dict[str, Any]) -> dict[str, Any]:
    """event_date (an ISO day), year, time_precision and the estimate flag with its window."""
    window, estimated = best_window(data)
    exact = data.get("event_date") if len(data.get("event_date") or "") == 10 else None
    if window is None:
        day = date.fromisoformat(exact) if exact else None
    else:
        middle = window[0] + timedelta(days=(window[1] - window[0]).days // 2)
        day = date.fromisoformat(exact) if exact and not estimated else middle
    width = (window[1] - window[0]).days if window else 0
    precision = data.get("time_precision") or 1
    if estimated or width > 0:
        precision = max(precision, 2 if width <= 7 else 3)
    return {"event_date": day.isoformat() if day else None, "year": day.year if day else data.get("year"),
            "time_precision": int(precision), "date_estimated": estimated,
            "date_window_start": window[0].isoformat() if window else None,
            "date_window_end": window[1].isoformat() if window else None, "_day": day, "_window": window}


def unix_time(value: Any) -> int:
    """Seconds since 1970 of an ISO timestamp (naive means UTC); now when there is none."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return int(value)
    if not value:
        return int(time.time())
    moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return int(moment.timestamp())


def _interaction(inter1: int, inter2: int) -> int:
    """ACLED's interaction code: both inter codes, lower first (10 x inter1 when there is no actor2)."""
    if not inter2:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def _numbers(data: dict[str, Any]) -> dict[str, Any]:
    """The whole-number columns ACLED always fills: missing tolls are 0, missing codes 0."""
    inter1, inter2 = int(data.get("inter1") or 0), int(data.get("inter2") or 0)
    deaths = int(data.get("fatalities") or 0)
    figures = {k: int(data[k]) if data.get(k) is not None else deaths
               for k in ("fatalities_low", "fatalities_best", "fatalities_high")}
    return {"fatalities": deaths, **figures, "inter1": inter1, "inter2": inter2,
            "interaction": int(data.get("interaction") or _interaction(inter1, inter2)),
            "iso": int(data.get("iso") or 0), "geo_precision": _geo_precision(data)}


def _geo_precision(data: dict[str, Any]) -> int | None:
    """ACLED's geo_precision; empty for a place outside the gazetteer's coverage (no point, no precision)."""
    if data.get("geo_precision"):
        return int(data["geo_precision"])
    return None if data.get("latitude") is None and data.get("where_prec") is None else 3


def acled_record(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` (an event dict) with ACLED-clean values in ACLED's columns and the date flag columns.

    The extracted ``notes`` (a quote from the report) move to ``quote`` and the extracted ``tags``
    (the geocoder's notes) to ``place_note``; both stay in JSON Lines, not in the CSV.
    """
    out = dict(data)
    out.update(_numbers(data))
    dates = _date_fields(data)
    day, window = dates.pop("_day"), dates.pop("_window")
    out.update(dates)
    out["source"], out["source_scale"] = clean_source(data)
    out["timestamp"] = unix_time(data.get("changed_at") or data.get("last_updated") or data.get("timestamp"))
    out["tags"] = acled_tags(data)
    if data.get("tags") and data.get("tags") != out["tags"]:
        out["place_note"] = data.get("tags")
    corrected = set(data.get("corrected") or [])
    if "notes" not in corrected:
        if data.get("notes"):
            out["quote"] = data["notes"]
        out["notes"] = acled_notes(out, day=day, precision=out["time_precision"], window=window,
                                   estimated=dates["date_estimated"])
    return out
