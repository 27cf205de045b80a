"""A reviewer's toll correction keeps low <= best <= high consistent, in the store and its history."""

from __future__ import annotations


def _event_id(store, doc):  # type: ignore[no-untyped-def]
    return store.add_document(doc).event_ids[0]


def test_correcting_fatalities_moves_best_and_widens_the_range(store, ariha_doc):
    event_id = _event_id(store, ariha_doc)
    store.correct_field(event_id, "fatalities", 9, who="huda")
    event = store.get_event(event_id)
    assert (event.fatalities, event.fatalities_low, event.fatalities_best, event.fatalities_high) == (9, 5, 9, 9)
    store.correct_field(event_id, "fatalities", 3, who="huda")
    event = store.get_event(event_id)
    # the earlier correction is superseded: the range is the reports' figures and the current correction
    assert (event.fatalities, event.fatalities_low, event.fatalities_best, event.fatalities_high) == (3, 3, 3, 5)
    history = [h for h in store.event_record(event_id)["history"] if h["kind"] == "corrected"]
    assert [(h["detail"]["field"], h["detail"]["from"], h["detail"]["to"], h["who"]) for h in history] == [
        ("fatalities", 5, 9, "huda"), ("fatalities", 9, 3, "huda")]


def test_a_corrected_best_estimate_is_kept(store, ariha_doc):
    event_id = _event_id(store, ariha_doc)
    store.correct_field(event_id, "fatalities_best", 6, who="omar")
    store.correct_field(event_id, "fatalities", 4, who="omar")
    event = store.get_event(event_id)
    assert (event.fatalities, event.fatalities_low, event.fatalities_best, event.fatalities_high) == (4, 4, 6, 6)
