"""Identifiers of merged events: a stable internal id and ACLED's ``event_id_cnty``."""

from __future__ import annotations

import hashlib
from types import MappingProxyType

from marsad.document import Event

# ISO 3166 alpha-3 codes for the countries marsad covers and their neighbours,
# keyed by ACLED country name and by ISO numeric code (ACLED's ``iso`` column).
_ISO3_BY_NAME = MappingProxyType({
    "Syria": "SYR", "Iraq": "IRQ", "Lebanon": "LBN", "Turkey": "TUR", "Jordan": "JOR",
    "Israel": "ISR", "Palestine": "PSE", "Iran": "IRN", "Yemen": "YEM", "Saudi Arabia": "SAU",
    "Egypt": "EGY", "Libya": "LBY", "Kuwait": "KWT",
})
_ISO3_BY_NUMBER = MappingProxyType({
    760: "SYR", 368: "IRQ", 422: "LBN", 792: "TUR", 400: "JOR", 376: "ISR", 275: "PSE",
    364: "IRN", 887: "YEM", 682: "SAU", 818: "EGY", 434: "LBY", 414: "KWT",
})
UNKNOWN_COUNTRY = "XXX"


def event_uid(first_mention_id: str) -> str:
    """The stable internal id of the event a mention created: "MRS" + 12 hex digits."""
    return "MRS" + hashlib.sha1(first_mention_id.encode("utf-8")).hexdigest()[:12]


def iso3_of(event: Event) -> str:
    """The alpha-3 code of the event's country ("XXX" when unknown)."""
    if event.iso is not None and event.iso in _ISO3_BY_NUMBER:
        return _ISO3_BY_NUMBER[event.iso]
    return _ISO3_BY_NAME.get(event.country or "", UNKNOWN_COUNTRY)


def event_id_cnty(iso3: str, sequence: int) -> str:
    """ACLED-style country event id, e.g. "SYR1234"."""
    return f"{iso3}{sequence}"
