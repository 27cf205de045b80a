"""``marsad sources add|list|remove|status``, ``marsad watch`` and ``marsad alerts test``.

Each command wraps one function of ``marsad.watch``.
"""

from __future__ import annotations

import contextlib
import json
import logging
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.table import Table

from marsad.cli.app import app, console, run_or_exit
from marsad.cli.dbpath import DbOpt

log = logging.getLogger(__name__)

sources_app = typer.Typer(help="News sources to watch: RSS/Atom feeds, news sitemaps, listing pages.",
                          no_args_is_help=True)
alerts_app = typer.Typer(help="Alert rules (YAML) over new and updated events.", no_args_is_help=True)
app.add_typer(sources_app, name="sources")
app.add_typer(alerts_app, name="alerts")

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def _store(db: Optional[Path]) -> Any:
    from marsad.store import Store

    return Store(db)


@sources_app.command("add")
def sources_add(
    url: Annotated[Optional[str], typer.Argument(help="Feed, news sitemap or listing page URL.")] = None,
    outlet: Annotated[Optional[str], typer.Option("--outlet", help="The outlet's name (the report's source).")] = None,
    lang: Annotated[Optional[str], typer.Option("--lang", help="ar or en (default: detected per report).")] = None,
    every: Annotated[str, typer.Option("--every", help="Poll interval: 30s, 10m, 1h.")] = "10m",
    kind: Annotated[str, typer.Option("--kind", help="auto, feed, sitemap or listing.")] = "auto",
    match: Annotated[Optional[str], typer.Option("--match", help="Listing pages: regex report URLs match.")] = None,
    starter: Annotated[bool, typer.Option("--starter", help="Add the shipped starter list instead.")] = False,
    country: Annotated[Optional[str], typer.Option("--country", help="With --starter: Syria, Iraq or Region.")] = None,
    db: DbOpt = None,
) -> None:
    """Watch a news source (or, with --starter, the shipped Syria/Iraq starter list).

    Example: marsad sources add https://example.org/feed/ --outlet "Enab Baladi" --lang ar --every 10m --db events.sqlite
    """
    from marsad.watch import add_source, add_starter

    if starter:
        added, skipped = run_or_exit(lambda: add_starter(_store(db), country=country, lang=lang, every=every))
        console.print(f"{len(added)} starter sources added, {len(skipped)} already watched")
        return
    if not url or not outlet:
        raise typer.BadParameter("give URL and --outlet (or --starter)")
    source = run_or_exit(lambda: add_source(_store(db), url, outlet=outlet, lang=lang, every=every, kind=kind,
                                            match=match))
    console.print(f"watching source {source.id}: {source.url} ({source.outlet}), every {every}", highlight=False)


@sources_app.command("list")
def sources_list(
    starter: Annotated[bool, typer.Option("--starter", help="Show the shipped starter list.")] = False,
    as_json: JsonOpt = False,
    db: DbOpt = None,
) -> None:
    """List the watched sources (or the shipped starter list).

    Example: marsad sources list --db events.sqlite
    """
    from marsad.watch import format_duration, list_sources, load_starter

    if starter:
        rows = [vars_of(s) for s in run_or_exit(load_starter)]
        _print(rows, ("name", "lang", "country", "url"), as_json, title="starter sources (not watched until added)")
        return
    rows = [dict(vars_of(s), every=format_duration(s.every_s)) for s in run_or_exit(lambda: list_sources(_store(db)))]
    _print(rows, ("id", "outlet", "lang", "kind", "every", "url"), as_json, title="watched sources")


@sources_app.command("remove")
def sources_remove(
    source: Annotated[str, typer.Argument(help="The source's id or URL.")],
    db: DbOpt = None,
) -> None:
    """Stop watching a source; the reports it brought stay stored.

    Example: marsad sources remove 3 --db events.sqlite
    """
    from marsad.watch import remove_source

    removed = run_or_exit(lambda: remove_source(_store(db), source))
    console.print(f"removed source {removed.id}: {removed.url}", highlight=False)


@sources_app.command("status")
def sources_status(
    faults: Annotated[int, typer.Option("--faults", help="Also list the latest N faults.")] = 0,
    as_json: JsonOpt = False,
    db: DbOpt = None,
) -> None:
    """Per source: last poll, new reports, errors, next poll, lag; with --faults, what went wrong.

    Example: marsad sources status --faults 10 --db events.sqlite
    """
    from marsad.watch import health

    report = run_or_exit(lambda: health(_store(db)))
    if as_json:
        console.print_json(json.dumps(report, ensure_ascii=False))
        return
    console.print(_status_table(report))
    if faults:
        from marsad.store.watch import WatchState

        rows = run_or_exit(lambda: WatchState(_store(db)).faults(limit=faults))
        _print([dict(r, at=_ago(r["at"])) for r in rows], ("at", "source_id", "kind", "reason"), False,
               title="latest faults")


@app.command()
def watch(
    once: Annotated[bool, typer.Option("--once", help="Poll every source once, code what it brings, exit.")] = False,
    alerts: Annotated[Optional[Path], typer.Option("--alerts", help="Alert rules file (YAML).")] = None,
    workers: Annotated[int, typer.Option("--workers", min=1, max=64, help="Concurrent fetches.")] = 8,
    host_interval: Annotated[str, typer.Option("--host-interval", help="Least time between two requests"
                                                                         " to one host.")] = "1s",
    timeout: Annotated[str, typer.Option("--timeout", help="Read timeout of a request.")] = "20s",
    max_size: Annotated[str, typer.Option("--max-size", help="Largest page or feed fetched.")] = "5MB",
    user_agent: Annotated[Optional[str], typer.Option("--user-agent", help="User-Agent to send.")] = None,
    max_age: Annotated[str, typer.Option("--max-age", help="Skip listed reports dated older than this"
                                                           " ('none': take all).")] = "30d",
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log every poll and report.")] = False,
    db: DbOpt = None,
) -> None:
    """Poll the watched sources on schedule and code every new report into the store (Ctrl-C stops).

    Example: marsad watch --db events.sqlite --alerts alerts.yaml
    """
    from marsad.watch import Watcher, load_rules

    if verbose:
        logging.getLogger("marsad").setLevel(logging.INFO)
    else:  # each fault is logged once by the watcher; stamina's own line per quick retry is noise here
        import stamina.instrumentation

        stamina.instrumentation.set_on_retry_hooks([])
    config = run_or_exit(lambda: _config(workers, host_interval, timeout, max_size, user_agent, max_age))
    rules = run_or_exit(lambda: load_rules(alerts)) if alerts else None
    watcher = run_or_exit(lambda: Watcher(_store(db), config=config, rules=rules))
    console.print(f"marsad: watching {db or 'the default store'}" + (" once" if once else " (Ctrl-C stops)"),
                  highlight=False, soft_wrap=True)
    with _stop_on_signals() as stop:
        summary = run_or_exit(lambda: watcher.run(once=once, stop=stop))
    console.print(" ".join(f"{k} {v}," for k, v in summary.as_dict().items()).rstrip(","), highlight=False,
                  soft_wrap=True)


@alerts_app.command("test")
def alerts_test(
    rules: Annotated[Path, typer.Argument(help="Alert rules file (YAML).")],
    as_json: JsonOpt = False,
    db: DbOpt = None,
) -> None:
    """Show which stored events each rule would have fired on (nothing is delivered).

    Example: marsad alerts test alerts.yaml --db events.sqlite
    """
    from marsad.watch import load_rules, past_firings

    loaded = run_or_exit(lambda: load_rules(rules))
    firings = run_or_exit(lambda: past_firings(_store(db), loaded))
    rows = [{"rule": f.rule, **{k: f.event.get(k) for k in ("id", "event_date", "event_type", "actor1", "actor2",
                                                             "location", "admin1", "fatalities")}} for f in firings]
    for rule in loaded.rules:
        console.print(f"{rule.name}: {rule.description}: {sum(r['rule'] == rule.name for r in rows)} events",
                      highlight=False, soft_wrap=True)
    _print(rows, ("rule", "event_date", "event_type", "actor1", "actor2", "location", "admin1", "fatalities"),
           as_json, title="events the rules fire on")


# --- helpers ---------------------------------------------------------------------------


_SHORT = frozenset({"id", "state", "last poll", "next poll", "new", "backlog", "kind", "lang", "every", "at"})


def _config(workers: int, host_interval: str, timeout: str, max_size: str, user_agent: Optional[str],
            max_age: str) -> Any:
    from marsad.watch import WatchConfig, parse_duration, parse_size
    from marsad.watch.config import USER_AGENT

    age = None if max_age.strip().lower() == "none" else parse_duration(max_age, what="--max-age") / 86400
    return WatchConfig(workers=workers, host_interval=_seconds(host_interval, "--host-interval"),
                       read_timeout=parse_duration(timeout, what="--timeout"), max_bytes=parse_size(max_size),
                       user_agent=user_agent or USER_AGENT, max_age_days=age)


def _seconds(text: str, what: str) -> float:
    """A duration that may be zero ("0": no pause)."""
    from marsad.watch import parse_duration

    return 0.0 if text.strip() in ("0", "0s") else parse_duration(text, what=what)


@contextlib.contextmanager
def _stop_on_signals() -> Iterator[threading.Event]:
    """An event set by SIGINT or SIGTERM (the watcher finishes what it is fetching, then stops);
    the previous handlers come back afterwards."""
    stop = threading.Event()

    def handle(signum: int, _frame: Any) -> None:
        console.print(f"marsad: stopping ({signal.Signals(signum).name})")
        stop.set()

    if threading.current_thread() is not threading.main_thread():
        yield stop
        return
    previous = {sig: signal.signal(sig, handle) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield stop
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def vars_of(value: Any) -> dict[str, Any]:
    """A dataclass (with slots) as a dict."""
    return {name: getattr(value, name) for name in value.__dataclass_fields__}


def _print(rows: list[dict[str, Any]], columns: tuple[str, ...], as_json: bool, *, title: str) -> None:
    if as_json:
        console.print_json(json.dumps(rows, ensure_ascii=False, default=str))
        return
    table = Table(title=f"{title} ({len(rows)})")
    for column in columns:
        table.add_column(column, overflow="fold", no_wrap=column in _SHORT)
    for row in rows:
        table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in columns))
    console.print(table)


def _ago(at: float | None) -> str:
    from marsad.watch import format_duration

    if at is None:
        return "never"
    delta = time.time() - at
    return f"{format_duration(delta)} ago" if delta >= 0 else f"in {format_duration(-delta)}"


def _status_table(report: dict[str, Any]) -> Table:
    """Sources with their state, schedule, yield and faults."""
    live = [w for w in report["watchers"] if w["alive"]]
    table = Table(title=f"watch status: {report['status']} ({len(live)} watcher(s) running)")
    for column in ("id", "outlet", "state", "last poll", "next poll", "new", "errors", "backlog", "last error"):
        table.add_column(column, overflow="fold", no_wrap=column in _SHORT)
    for s in report["sources"]:
        faults = ", ".join(f"{k} {n}" for k, n in sorted(s["faults_by_kind"].items()))
        due = "due" if s["next_poll_at"] <= report["checked_at"] else _ago(s["next_poll_at"])
        table.add_row(str(s["id"]), s["outlet"], s["state"], _ago(s["last_poll_at"]), due,
                      str(s["new_reports"]), f"{s['errors']}" + (f" ({faults})" if faults else ""),
                      str(s["queued"] + s["fetched"]), s["last_error"] or "")
    alerts = report["alerts"]
    table.caption = (f"alerts: {alerts['recorded']} recorded, {alerts['webhook_sent']} sent,"
                     f" {alerts['webhook_pending']} pending, {alerts['webhook_failed']} failed")
    return table
