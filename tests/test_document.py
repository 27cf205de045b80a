"""The document model: spans stay inside the text, everything round-trips."""

from datetime import date

import pytest

from marsad import Claim, Document, Event, SpanError, Tally, stable_id

TEXT = "قتل خمسة عناصر من قوات النظام في هجوم شنه تنظيم داعش على أطراف مدينة تدمر أمس."


def make_doc() -> Document:
    doc = Document(id="t1", text=TEXT, published=date(2023, 5, 4), outlet="مرصد تجريبي")
    trigger = doc.add_span("trigger", TEXT.index("هجوم"), TEXT.index("هجوم") + 4, "attack", "Battles")
    actor = doc.add_span("actor", TEXT.index("تنظيم داعش"), TEXT.index("تنظيم داعش") + 10, "actor", "Islamic State")
    event = Event(event_type="Battles", sub_event_type="Armed clash", actor1="Islamic State", fatalities=5)
    event.add_evidence("event_type", trigger)
    event.add_evidence("actor1", actor)
    event.add_evidence("actor1", actor)
    event.sources.append(Claim(source="Syrian Observatory for Human Rights", fatalities=5, evidence=[actor]))
    doc.events.append(event)
    doc.tallies.append(Tally(count=312, what="killed", evidence=[trigger]))
    return doc


def test_document_span_slices_the_text():
    doc = make_doc()
    span = doc.spans["actor"][0]
    assert doc.span_text(span) == "تنظيم داعش"
    assert doc.events[0].evidence["actor1"] == [span]  # no duplicate evidence


@pytest.mark.parametrize("start,end", [(-1, 3), (5, 2), (0, len(TEXT) + 1)])
def test_document_make_span_rejects_out_of_range(start, end):
    with pytest.raises(SpanError, match="t1: span"):
        make_doc().make_span(start, end, "x")


def test_document_round_trip_keeps_every_field():
    doc = make_doc()
    again = Document.from_dict(doc.to_dict())
    assert again.to_dict() == doc.to_dict()
    assert again.events[0].sources[0].source == "Syrian Observatory for Human Rights"
    assert again.published == date(2023, 5, 4)


def test_stable_id_prefers_url_and_ignores_spacing():
    assert stable_id(url="https://x.org/a/") == stable_id(url="https://X.org/a")
    assert stable_id(text="نص  الخبر\n") == stable_id(text="نص الخبر")
    assert stable_id(text="نص") != stable_id(text="نص آخر")
