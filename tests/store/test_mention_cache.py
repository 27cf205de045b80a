"""The store's cache of decoded mentions: merging gives the same events with it as without it, and a
cached mention is never used after its row changed (re-stored report, rollback, another writer)."""

from __future__ import annotations

import json

import pytest

from marsad.dedup.config import DedupConfig
from marsad.errors import StoreError
from marsad.runner import extract_paths, in_report_order, sample_corpus_paths
from marsad.store import Store
from tests.conftest import ARIHA_REPORT, report, shelling

VOLATILE = {"last_updated", "timestamp", "changed_at"}


def events_of(store: Store) -> list[dict]:
    """Every stored event without the moment it was written."""
    return [{k: v for k, v in e.items() if k not in VOLATILE} for e in store.iter_event_records()]


def mention_links(store: Store) -> list[tuple]:
    return store.conn.execute("SELECT id, event_id, merge_score, merge_reason FROM mentions ORDER BY id").fetchall()


@pytest.fixture(scope="module")
def sample_docs():
    return list(in_report_order(extract_paths(sample_corpus_paths())))


def test_mention_cache_merges_samples_as_without_it(sample_docs):
    with Store(":memory:") as cached, Store(":memory:", config=DedupConfig(mention_cache=2)) as tiny:
        for doc in sample_docs:
            cached.add_document(doc)
            tiny.add_document(doc)
        assert len(cached._mentions._items) > 2  # the default cache held them; the tiny one evicted all along
        assert len(tiny._mentions._items) <= 2
        assert events_of(cached) == events_of(tiny)
        assert mention_links(cached) == mention_links(tiny)


def second_report(toll: int):
    text = "قتل مدنيون في قصف مدفعي على أريحا اليوم الثلاثاء بحسب ناشطين."
    return report("enab-ariha", text, shelling(fatalities=toll), outlet="عنب بلدي")


def restated_first(toll: int):
    return report("sohr-ariha", ARIHA_REPORT + f"\nحصيلة محدثة {toll}.", shelling(fatalities=toll))


def fresh_events(*docs) -> list[dict]:
    with Store(":memory:") as store:
        for doc in docs:
            store.add_document(doc)
        return events_of(store)


def test_mention_cache_restored_report_is_decoded_again(store):
    store.add_document(report("sohr-ariha", ARIHA_REPORT, shelling(fatalities=5)))
    store.add_document(restated_first(9))
    store.add_document(second_report(7))
    assert [e["fatalities_high"] for e in events_of(store)] == [9]
    assert events_of(store) == fresh_events(restated_first(9), second_report(7))


def test_mention_cache_outlives_its_own_transactions(store_target):
    with Store(store_target) as store:
        store.add_document(report("sohr-ariha", ARIHA_REPORT, shelling(fatalities=5)))
        store.add_document(second_report(6))  # decodes and caches the first report's mention
        cached = dict(store._mentions._items)
        store.add_document(report("sana-ariha", "قصف على أريحا اليوم.", shelling(fatalities=4), outlet="سانا"))
        assert cached and all(store._mentions._items[k][1] is m for k, (_, m) in cached.items())


def test_mention_cache_sees_another_connections_writes(store_target):
    path = store_target
    with Store(path) as first, Store(path) as other:
        first.add_document(report("sohr-ariha", ARIHA_REPORT, shelling(fatalities=5)))
        first.add_document(second_report(6))  # decodes and caches the first report's mention
        other.add_document(restated_first(11))
        first.add_document(report("sana-ariha", "قصف على أريحا اليوم.", shelling(fatalities=4), outlet="سانا"))
        highs = [json.loads(r[0])["fatalities_high"] for r in first.conn.execute("SELECT data_json FROM events")]
    assert highs == [11]


def test_mention_cache_forgets_a_rolled_back_report(store):
    store.add_document(report("sohr-ariha", ARIHA_REPORT, shelling(fatalities=5)))

    def fail(conn, result):
        raise RuntimeError("queue row lost")

    with pytest.raises(StoreError):
        store.add_document(second_report(8), also=fail)
    assert store._mentions._items == {}
    store.add_document(second_report(6))
    assert events_of(store) == fresh_events(report("sohr-ariha", ARIHA_REPORT, shelling(fatalities=5)),
                                            second_report(6))


def test_mention_cache_events_equal_a_remerge_without_cache(sample_docs):
    """The incremental path (cached mentions, shared scores) against the plain one ``remerge`` takes."""
    with Store(":memory:") as store:
        for doc in sample_docs:
            store.add_document(doc)
        incremental = events_of(store)
        store.remerge()
        assert events_of(store) == incremental
