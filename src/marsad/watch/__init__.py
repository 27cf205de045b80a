"""marsad.watch: keep the dataset current by watching news sources, and alert on what matters.

``Watcher(store).run(once=...)`` polls the sources stored with ``add_source`` (RSS/Atom feeds,
news sitemaps, listing pages), fetches new reports politely (``Fetcher``), runs each through
the same ingest -> extract -> geocode -> merge -> store path as ``marsad ingest``, and records
alerts for the rules of an ``AlertRules`` file (``load_rules``). ``source_status`` and
``health`` say how it goes.
"""

from marsad.watch.alerts import AlertEngine, AlertLog, AlertRules, Firing, Rule, load_rules, past_firings
from marsad.watch.config import WatchConfig, format_duration, parse_duration, parse_size
from marsad.watch.fetch import Fetcher, Page
from marsad.watch.sources import (
    StarterSource,
    add_source,
    add_starter,
    list_sources,
    load_starter,
    remove_source,
    starter_sources,
)
from marsad.watch.status import SourceStatus, health, source_status
from marsad.watch.watcher import WatchSummary, Watcher

__all__ = [
    "AlertEngine",
    "AlertLog",
    "AlertRules",
    "Fetcher",
    "Firing",
    "Page",
    "Rule",
    "SourceStatus",
    "StarterSource",
    "WatchConfig",
    "WatchSummary",
    "Watcher",
    "add_source",
    "add_starter",
    "format_duration",
    "health",
    "list_sources",
    "load_rules",
    "load_starter",
    "parse_duration",
    "parse_size",
    "remove_source",
    "source_status",
    "starter_sources",
    "past_firings",
]
