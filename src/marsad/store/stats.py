"""Statistics of the events matching a query: totals and counts by period, type, governorate, actor
and source, from the read side (``marsad.store.read_model``).

A query filtered only by dates, review status and event type is answered from the per-month and
per-day counts the triggers keep (whole months from ``stats_month``, the days of a partial month at
either end from ``stats_day``); any other filter selects its events from the narrow
``event_facts`` rows once (through the filter's index) and groups them in one statement.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from marsad.errors import InputError
from marsad.store.read_model import SOURCE_KIND

Rows = Callable[[str, Sequence[Any]], list[Any]]
# Filters the per-day and per-month counts can answer (with their type and status columns).
COUNTED_FILTERS = frozenset({"date_from", "date_to", "status", "event_type"})
OTHER_FILTERS = ("bbox", "admin1", "admin2", "sub_event_type", "actor", "source", "min_fatalities", "q",
                 "article_id")
STAT_PARTS = ("by_period", "by_period_type", "by_type", "by_admin1", "by_actor", "by_source")
# /api/facets: each filter and the breakdown that counts its values (None: sub-types, from the facts)
FACET_PARTS: dict[str, str | None] = {"event_type": "by_type", "sub_event_type": None, "admin1": "by_admin1",
                                      "actor": "by_actor", "source": "by_source"}
BUCKETS = ("day", "week", "month", "auto")
WEEK_BUCKET_DAYS = 180  # "auto": weeks when the dates span more than this
MONTH_BUCKET_DAYS = 3 * 365  # "auto": months when they span more than this


@dataclass(frozen=True, slots=True)
class Groups:
    """Events and fatalities per key of each breakdown (keys None mean none)."""

    total: tuple[int, int]
    by_type: dict[str | None, tuple[int, int]]
    by_admin1: dict[str | None, tuple[int, int]]
    by_actor: dict[str, tuple[int, int]]
    by_source: dict[str, tuple[int, int]]
    by_day_type: dict[tuple[str, str | None], tuple[int, int]]


def counted(query: Any) -> bool:
    """True when the per-day and per-month counts can answer ``query`` (no other filter is set)."""
    return not any(getattr(query, name) not in (None, "") for name in OTHER_FILTERS)


def check_parts(parts: Sequence[str] | None) -> tuple[str, ...]:
    """The breakdowns asked for (all by default); InputError naming any unknown one."""
    unknown = sorted(set(parts or ()) - set(STAT_PARTS))
    if unknown:
        raise InputError(f"part: {', '.join(unknown)} not one of {', '.join(STAT_PARTS)}")
    return tuple(parts) if parts else STAT_PARTS


def stats_dict(groups: Groups, bucket: str, parts: Sequence[str] = STAT_PARTS) -> dict[str, Any]:
    """The /api/stats answer from grouped counts, ``bucket`` "day", "week", "month" or "auto"."""
    if bucket not in BUCKETS:
        raise InputError(f"bucket: {bucket!r} is not one of {', '.join(BUCKETS)}")
    if bucket == "auto":
        bucket = _auto_bucket(groups)
    makers = {
        "by_period": lambda: _periods(groups.by_day_type, bucket, by_type=False),
        "by_period_type": lambda: _periods(groups.by_day_type, bucket, by_type=True),
        "by_type": lambda: _ranked(groups.by_type), "by_admin1": lambda: _ranked(groups.by_admin1),
        "by_actor": lambda: _ranked(groups.by_actor), "by_source": lambda: _ranked(groups.by_source),
    }
    out: dict[str, Any] = {"total_events": groups.total[0], "total_fatalities": groups.total[1], "bucket": bucket}
    out.update({name: makers[name]() for name in STAT_PARTS if name in parts})
    return out


def _auto_bucket(groups: Groups) -> str:
    """Days, or weeks or months when the dated events span long."""
    days = sorted({day for day, _ in groups.by_day_type})
    span = (date.fromisoformat(days[-1]) - date.fromisoformat(days[0])).days if days else 0
    return "month" if span > MONTH_BUCKET_DAYS else "week" if span > WEEK_BUCKET_DAYS else "day"


def _ranked(counts: dict[Any, tuple[int, int]]) -> list[dict[str, Any]]:
    """Most events first, then by key (none first), as the listing has always ordered them."""
    order = sorted(counts.items(), key=lambda kv: (-kv[1][0], kv[0] is not None, kv[0] or ""))
    return [{"key": key, "events": n, "fatalities": f} for key, (n, f) in order]


def _period(day: str, bucket: str) -> str:
    """The period a day falls in: itself, its week's Monday or its month's first day."""
    if bucket == "week":
        first = date.fromisoformat(day)
        return (first - timedelta(days=first.weekday())).isoformat()
    return day[:7] + "-01" if bucket == "month" else day


def _periods(by_day_type: dict[tuple[str, str | None], tuple[int, int]], bucket: str, *,
             by_type: bool) -> list[dict[str, Any]]:
    """Events and fatalities per period (and per event type with ``by_type``), in period order."""
    periods: dict[tuple[str, str | None], list[int]] = {}
    for (day, event_type), (n, f) in by_day_type.items():
        slot = periods.setdefault((_period(day, bucket), event_type if by_type else None), [0, 0])
        slot[0] += n
        slot[1] += f
    order = sorted(periods.items(), key=lambda kv: (kv[0][0], kv[0][1] is not None, kv[0][1] or ""))
    if by_type:
        return [{"period": p, "event_type": t, "events": n, "fatalities": f} for (p, t), (n, f) in order]
    return [{"period": p, "events": n, "fatalities": f} for (p, _), (n, f) in order]


def _add(counts: dict[Any, tuple[int, int]], key: Any, n: int, f: int) -> None:
    old = counts.get(key, (0, 0))
    counts[key] = (old[0] + n, old[1] + f)


# --- from the kept counts ---------------------------------------------------------------------

def _month(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _last_of_month(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def date_parts(date_from: str | None, date_to: str | None) -> tuple[tuple[str, str] | None, list[tuple[str, str]]]:
    """The whole months (first, last) and the day ranges outside them that cover [date_from, date_to]."""
    lo = date.fromisoformat(date_from) if date_from else None
    hi = date.fromisoformat(date_to) if date_to else None
    if lo and hi and lo > hi:
        return None, []
    first = "0000-00" if lo is None else _month(lo if lo.day == 1 else _last_of_month(lo) + timedelta(days=1))
    last = "9999-99" if hi is None else _month(hi if hi == _last_of_month(hi) else hi.replace(day=1) - timedelta(days=1))
    if first > last:  # no whole month inside: the days themselves
        return None, [((lo or date.min).isoformat(), (hi or date.max).isoformat())]
    days = []
    if lo and lo.day != 1:
        days.append((lo.isoformat(), _last_of_month(lo).isoformat()))
    if hi and hi != _last_of_month(hi):
        days.append((hi.replace(day=1).isoformat(), hi.isoformat()))
    return (first, last), days


def _filters(query: Any) -> tuple[str, list[Any]]:
    sql, params = "", []
    if query.status:
        sql += " AND status = ?"
        params.append(query.status)
    if query.event_type:
        sql += f" AND event_type COLLATE NOCASE IN ({','.join('?' * len(query.event_type))})"
        params.extend(query.event_type)
    return sql, params


def _counted_rows(rows: Rows, query: Any, dims: Sequence[str]) -> list[Any]:
    """(dim, key, event_type, n, fatalities) summed over the query's dates, from the kept counts."""
    extra, extra_params = _filters(query)
    marks = ",".join("?" * len(dims))
    if not (query.date_from or query.date_to):
        parts = [(f"SELECT dim, key, event_type, n, fatalities FROM stats_month WHERE dim IN ({marks}){extra}",
                  [*dims, *extra_params])]
    else:
        months, days = date_parts(query.date_from, query.date_to)
        parts = [(f"SELECT dim, key, event_type, n, fatalities FROM stats_day WHERE dim IN ({marks})"
                  f" AND day BETWEEN ? AND ?{extra}", [*dims, lo, hi, *extra_params]) for lo, hi in days]
        if months:
            parts.append((f"SELECT dim, key, event_type, n, fatalities FROM stats_month WHERE dim IN ({marks})"
                          f" AND month BETWEEN ? AND ?{extra}", [*dims, *months, *extra_params]))
    if not parts:
        return []
    sql = (f"SELECT dim, key, event_type, sum(n), sum(fatalities) FROM ({' UNION ALL '.join(p for p, _ in parts)}) u"
           " GROUP BY dim, key, event_type")
    return rows(sql, [v for _, params in parts for v in params])


def _counted_days(rows: Rows, query: Any) -> list[Any]:
    """(day, event type, n, fatalities) of the dated events in the query's range, from the per-day counts."""
    extra, params = _filters(query)
    sql = ("SELECT day, event_type, sum(n), sum(fatalities) FROM stats_day WHERE dim = 'all'"
           f" AND day BETWEEN ? AND ?{extra} GROUP BY day, event_type")
    return rows(sql, [query.date_from or "0000-01-01", query.date_to or "9999-12-31", *params])


def groups_from_counts(rows: Rows, query: Any) -> Groups:
    """Every breakdown of a query filtered only by dates, status and event type."""
    by: dict[str, dict[Any, tuple[int, int]]] = {"type": {}, "admin1": {}, "actor": {}, "source": {}}
    total = [0, 0]
    for dim, key, event_type, n, f in _counted_rows(rows, query, ("all", "admin1", "actor", "source")):
        if dim == "all":
            _add(by["type"], event_type or None, n, f)
            total[0] += n
            total[1] += f
        else:
            _add(by[dim], (key or None) if dim == "admin1" else key, n, f)
    by_day_type = {(day, event_type or None): (n, f) for day, event_type, n, f in _counted_days(rows, query)}
    return Groups((total[0], total[1]), by["type"], by["admin1"], by["actor"], by["source"], by_day_type)


def count_from_counts(rows: Rows, query: Any) -> int:
    """How many events match a query filtered only by dates, status and event type."""
    return sum(row[3] for row in _counted_rows(rows, query, ("all",)))


# --- from the facts ---------------------------------------------------------------------------

def groups_from_facts(rows: Rows, where: str, params: Sequence[Any]) -> Groups:
    """Every breakdown of the events ``where`` selects, selected once and grouped in one statement."""
    sql = (
        "WITH sel AS MATERIALIZED (SELECT id, day, event_type, admin1, actor1, actor2,"
        f" coalesce(fatalities, 0) AS f FROM event_facts{where}) "
        "SELECT 'type', event_type, NULL, count(*), sum(f) FROM sel GROUP BY event_type "
        "UNION ALL SELECT 'admin1', admin1, NULL, count(*), sum(f) FROM sel GROUP BY admin1 "
        "UNION ALL SELECT 'day', day, event_type, count(*), sum(f) FROM sel WHERE day IS NOT NULL"
        " GROUP BY day, event_type "
        "UNION ALL SELECT 'actor', k, NULL, count(*), sum(f) FROM (SELECT actor1 AS k, f FROM sel WHERE actor1 != ''"
        " UNION ALL SELECT actor2, f FROM sel WHERE actor2 != '' AND actor2 != coalesce(actor1, '')) a GROUP BY k "
        "UNION ALL SELECT 'source', s.name, NULL, count(*), sum(sel.f) FROM sel JOIN"
        f" (SELECT DISTINCT event_id, name FROM event_sources WHERE kind = '{SOURCE_KIND}') s"
        " ON s.event_id = sel.id GROUP BY s.name"
    )
    by: dict[str, dict[Any, tuple[int, int]]] = {"type": {}, "admin1": {}, "actor": {}, "source": {}, "day": {}}
    for dim, key, event_type, n, f in rows(sql, params):
        by[dim][(key, event_type or None) if dim == "day" else key] = (n, f)
    total = (sum(n for n, _ in by["type"].values()), sum(f for _, f in by["type"].values()))
    return Groups(total, by["type"], by["admin1"], by["actor"], by["source"], by["day"])


def sub_types_from_facts(rows: Rows, where: str, params: Sequence[Any]) -> list[dict[str, Any]]:
    """Events and fatalities per sub-event type of the events ``where`` selects, most first."""
    sql = (f"SELECT sub_event_type, count(*), sum(coalesce(fatalities, 0)) FROM event_facts{where}"
           " GROUP BY sub_event_type")
    return _ranked({key: (n, f) for key, n, f in rows(sql, params)})
