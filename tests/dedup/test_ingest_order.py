"""Dedup results do not depend on ingest order: the same batch in two orders gives the same events."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.pipeline import Pipeline
from marsad.runner import in_report_order, ingest_paths, report_order_key
from marsad.store import Store

SAMPLES = Path(__file__).resolve().parents[2] / "src" / "marsad" / "samples" / "dedup" / "reports.jsonl"


@pytest.fixture(scope="module")
def batch() -> list[str]:
    return [line for line in SAMPLES.read_text(encoding="utf-8").splitlines() if line.strip()][:16]


def _events(tmp_path: Path, lines: list[str], name: str, pipeline: Pipeline) -> list[tuple]:
    path = tmp_path / f"{name}.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with Store(tmp_path / f"{name}.sqlite") as store:
        summary = ingest_paths([path], store, pipeline=pipeline)
        assert not summary.errors
        return sorted(json.dumps([e.article_ids, e.event_date, e.event_type, e.location, e.fatalities,
                                  e.actor1, e.actor2], ensure_ascii=False) for e in store.iter_events())


def test_ingest_order_same_batch_in_two_orders_gives_the_same_events(tmp_path, batch):
    pipeline = Pipeline.default()
    forward = _events(tmp_path, batch, "forward", pipeline)
    backward = _events(tmp_path, batch[::-1], "backward", pipeline)
    assert forward == backward
    assert any(len(json.loads(e)[0]) > 1 for e in forward)  # some reports did merge


def test_ingest_order_puts_dated_reports_first_then_by_id(make_report, make_event):
    docs = [make_report("b", "نص", make_event(), published="2024-03-06"),
            make_report("c", "نص", make_event(), published="2024-03-05"),
            make_report("a", "نص", make_event(), published="2024-03-06")]
    docs[0].published = None
    ordered = [d.id for d in in_report_order(docs)]
    assert ordered == ["c", "a", "b"] and report_order_key(docs[0])[0] > "2024"


def _chain(make_report, make_event) -> list:
    """Ariha, a report 11 km north of it (near, not town-level), and Mhambal 22 km north: the one in
    between fits both towns, the towns never fit each other."""
    text = "قصف مدفعي على ريف إدلب الجنوبي اليوم أوقع خمسة قتلى مدنيين"
    return [make_report("a-ariha", text, make_event()),
            make_report("b-near", text, make_event(location="Ariha outskirts", latitude=35.9133, geo_precision=2)),
            make_report("c-mhambal", text, make_event(location="Mhambal", latitude=36.0133))]


def _clusters(docs) -> list[list[str]]:
    with Store(":memory:") as store:
        for doc in docs:
            store.add_document(doc)
        return sorted(sorted(e.article_ids) for e in store.iter_events())


def test_ingest_order_a_chain_merges_the_same_way_in_report_order(make_report, make_event):
    forward, backward = _chain(make_report, make_event), _chain(make_report, make_event)[::-1]
    assert _clusters(forward) != _clusters(backward)  # the greedy merge alone depends on the order
    assert _clusters(in_report_order(forward)) == _clusters(in_report_order(backward)) == \
        [["a-ariha", "b-near"], ["c-mhambal"]]


@pytest.fixture(scope="module")
def sample_docs() -> list:
    """Every bundled sample report (Arabic, English, the multi-outlet dedup set), extracted once."""
    from marsad.runner import extract_paths, sample_corpus_paths

    return list(extract_paths(sample_corpus_paths(), pipeline=Pipeline.default()))


def _stored_events(docs: list) -> list[str]:
    with Store(":memory:") as store:
        for doc in in_report_order(docs):
            store.add_document(doc)
        return sorted(json.dumps([sorted(e.article_ids), e.event_date, e.event_type, e.sub_event_type, e.location,
                                  e.fatalities, e.actor1, e.actor2, e.source], ensure_ascii=False)
                      for e in store.iter_events())


@pytest.mark.parametrize("seed", [1, 2])
def test_ingest_order_whole_sample_corpus_in_shuffled_orders_gives_the_same_events(sample_docs, seed) -> None:  # type: ignore[no-untyped-def]
    import random

    shuffled = list(sample_docs)
    random.Random(seed).shuffle(shuffled)
    forward, other = _stored_events(sample_docs), _stored_events(shuffled)
    assert len(sample_docs) > 90 and forward == other
    assert sum(len(json.loads(e)[0]) > 1 for e in forward) >= 5  # many reports merged across outlets


@pytest.mark.parametrize("seed", [1, 3])
def test_ingest_order_reports_one_at_a_time_then_remerge_give_the_batch_events(sample_docs, seed) -> None:  # type: ignore[no-untyped-def]
    """Stored one by one in a shuffled order, the greedy links depend on that order; ``marsad dedup``
    (``Store.remerge``) links every report again in report order and gives the batch's events."""
    import random

    shuffled = list(sample_docs)
    random.Random(seed).shuffle(shuffled)
    with Store(":memory:") as store:
        for doc in shuffled:
            store.add_document(doc)
        greedy = sorted(json.dumps([sorted(e.article_ids), e.event_date, e.event_type, e.sub_event_type, e.location,
                                    e.fatalities, e.actor1, e.actor2, e.source], ensure_ascii=False)
                        for e in store.iter_events())
        store.remerge()
        remerged = sorted(json.dumps([sorted(e.article_ids), e.event_date, e.event_type, e.sub_event_type,
                                      e.location, e.fatalities, e.actor1, e.actor2, e.source], ensure_ascii=False)
                          for e in store.iter_events())
    batch = _stored_events(sample_docs)
    assert greedy != batch  # the order did matter before the re-merge
    assert remerged == batch
