"""Watched sources: add, list, remove, and the shipped starter list (data/starter_sources.yaml)."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from marsad.errors import DataFileError, InputError
from marsad.text.lexicon import read_yaml
from marsad.store.watch import SourceRow, WatchState
from marsad.watch.config import parse_duration
from marsad.watch.listing import KINDS

log = logging.getLogger(__name__)

LANGS = ("ar", "en")
MIN_EVERY = 1.0  # seconds; tests poll a loopback server this fast, real sources want minutes
DEFAULT_EVERY = "10m"
STARTER_FILE = "starter_sources.yaml"


@dataclass(frozen=True, slots=True)
class StarterSource:
    """One entry of the shipped starter list: an outlet's feed (not watched until added)."""

    name: str
    url: str
    lang: str
    country: str


def add_source(store: Any, url: str, *, outlet: str, lang: str | None = None, every: str | float = DEFAULT_EVERY,
               kind: str = "auto", match: str | None = None) -> SourceRow:
    """Watch ``url`` (a feed, news sitemap or listing page); raise ``InputError`` for a bad setting."""
    url = check_url(url)
    if not outlet or not outlet.strip():
        raise InputError(f"{url}: give the outlet's name (--outlet)")
    if lang is not None and lang not in LANGS:
        raise InputError(f"{url}: language {lang!r} is not one of {', '.join(LANGS)}")
    if kind not in KINDS:
        raise InputError(f"{url}: kind {kind!r} is not one of {', '.join(KINDS)}")
    seconds = parse_duration(every, what=f"{url}: --every")
    if seconds < MIN_EVERY:
        raise InputError(f"{url}: --every {every!r} is shorter than {MIN_EVERY:g} s")
    if match:
        try:
            re.compile(match)
        except re.error as exc:
            raise InputError(f"{url}: --match {match!r} is not a regular expression ({exc})") from exc
    return WatchState(store).add_source(url=url, outlet=outlet.strip(), lang=lang, kind=kind, every_s=seconds,
                                        match=match or None)


def check_url(url: str) -> str:
    """``url`` stripped, when it is an http(s) URL with a host; else ``InputError``."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InputError(f"{url!r}: not an http(s) URL of a feed, sitemap or listing page")
    return url


def list_sources(store: Any) -> list[SourceRow]:
    """Every watched source."""
    return WatchState(store).sources()


def remove_source(store: Any, key: str) -> SourceRow:
    """Stop watching a source (by id or URL); what it already brought stays stored."""
    return WatchState(store).remove_source(key)


def load_starter() -> list[StarterSource]:
    """The shipped starter list; raise ``DataFileError`` naming a bad entry."""
    data = read_yaml(STARTER_FILE) or {}
    out = []
    for number, raw in enumerate(data.get("sources") or [], start=1):
        where = f"data/{STARTER_FILE}: source {number}"
        try:
            entry = StarterSource(str(raw["name"]), check_url(str(raw["url"])), str(raw["lang"]), str(raw["country"]))
        except (KeyError, TypeError, InputError) as exc:
            raise DataFileError(f"{where}: needs name, an http(s) url, lang and country ({exc})") from exc
        if entry.lang not in LANGS:
            raise DataFileError(f"{where}: lang {entry.lang!r} is not one of {', '.join(LANGS)}")
        out.append(entry)
    return out


def starter_sources(*, country: str | None = None, lang: str | None = None) -> list[StarterSource]:
    """Starter sources, optionally of one country and/or language."""
    chosen = [s for s in load_starter()
              if (country is None or s.country.lower() == country.lower()) and (lang is None or s.lang == lang)]
    if not chosen:
        raise InputError(f"no starter source for country {country or 'any'} and language {lang or 'any'}")
    return chosen


def add_starter(store: Any, *, country: str | None = None, lang: str | None = None,
                every: str | float = "30m") -> tuple[list[SourceRow], list[str]]:
    """Watch the starter sources (optionally of one country / language); return those added and
    the URLs already watched."""
    watched = {s.url for s in list_sources(store)}
    added, skipped = [], []
    for entry in starter_sources(country=country, lang=lang):
        if entry.url in watched:
            skipped.append(entry.url)
            continue
        added.append(add_source(store, entry.url, outlet=entry.name, lang=entry.lang, every=every))
    return added, skipped
