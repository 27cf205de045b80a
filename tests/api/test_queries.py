"""marsad.store.queries: keyset cursors over NULLs, FTS match strings, cursor and bbox parsing."""

from __future__ import annotations

import pytest

from demo_store import SPECS, build_demo_store, build_document
from marsad.errors import InputError
from marsad.store.queries import EventQuery, Queries, decode_cursor, encode_cursor, fts_match, parse_bbox
from marsad.text.normalize import normalize_key


@pytest.fixture(scope="module")
def queries_with_nulls(tmp_path_factory):  # type: ignore[no-untyped-def]
    """The demo store plus two undated events without a toll (NULL sort keys)."""
    store = build_demo_store(tmp_path_factory.mktemp("nulls") / "demo.sqlite")
    for i, spec in enumerate(SPECS[5:7]):
        doc = build_document(spec)
        doc.id = f"undated-{i}"
        event = doc.events[0]
        event.event_date = event.year = event.fatalities = None
        event.evidence.pop("fatalities", None)
        event.evidence.pop("event_date", None)
        event.latitude, event.longitude, event.location = 30.0 + i, 40.0 + i, f"Nowhere {i}"
        event.sources[0].fatalities = None
        store.add_document(doc)
    yield Queries(store.path)
    store.close()


@pytest.mark.parametrize("sort", ["event_date", "-event_date", "fatalities", "-fatalities", "admin1", "-admin1"])
def test_queries_cursor_walks_through_nulls(queries_with_nulls, sort) -> None:  # type: ignore[no-untyped-def]
    q = queries_with_nulls
    full = q.list_events(EventQuery(sort=sort, limit=1000))
    assert full.total == 11 and sum(e["event_date"] is None for e in full.events) == 2
    seen, cursor = [], None
    while True:
        page = q.list_events(EventQuery(sort=sort, limit=3, cursor=cursor))
        seen += [e["id"] for e in page.events]
        cursor = page.next_cursor
        if cursor is None:
            break
    assert seen == [e["id"] for e in full.events]


def test_queries_null_dates_sort_last_descending(queries_with_nulls) -> None:  # type: ignore[no-untyped-def]
    events = queries_with_nulls.list_events(EventQuery(sort="-event_date", limit=100)).events
    assert [e["event_date"] is None for e in events][-2:] == [True, True]
    assert all(e["event_date"] for e in events[:-2])


def test_queries_date_filter_excludes_undated(queries_with_nulls) -> None:  # type: ignore[no-untyped-def]
    page = queries_with_nulls.list_events(EventQuery(date_from="2000-01-01"))
    assert page.total == 9


def test_queries_fts_match_quotes_every_word() -> None:
    assert fts_match('قصف "إدلب" OR X', normalize_key) == '("قصف") AND ("إدلب" OR "ادلب") AND ("or") AND ("x")'
    assert fts_match("!!!", normalize_key) is None


def test_queries_cursor_roundtrip_and_tamper() -> None:
    cursor = encode_cursor("-fatalities", 5, "MRS1")
    assert decode_cursor(cursor, "-fatalities") == (5, "MRS1")
    assert decode_cursor(encode_cursor("event_date", None, "MRS2"), "event_date") == (None, "MRS2")
    with pytest.raises(InputError, match="cursor"):
        decode_cursor(cursor, "event_date")
    with pytest.raises(InputError, match="cursor"):
        decode_cursor(encode_cursor("-fatalities", "five", "MRS1"), "-fatalities")
    with pytest.raises(InputError, match="cursor"):
        decode_cursor("%%%", "-fatalities")


@pytest.mark.parametrize("text", ["1,2,3", "1,2,3,4,5", "x,1,2,3", "10,10,5,20", "0,-91,1,1", "nan,1,2,3"])
def test_queries_bbox_rejects_malformed(text) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match="bbox"):
        parse_bbox(text)


def test_queries_bbox_parses() -> None:
    assert parse_bbox("35.5, 32, 42.4,37.3") == (35.5, 32.0, 42.4, 37.3)


@pytest.mark.parametrize("kwargs, word", [({"limit": 0}, "limit"), ({"status": "gone"}, "status"),
                                          ({"min_fatalities": -2}, "min_fatalities"), ({"sort": "notes"}, "sort"),
                                          ({"date_from": "2024-02-30"}, "date_from")])
def test_queries_event_query_validates(kwargs, word) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match=word):
        EventQuery(**kwargs)
