"""Sources and claims: the source column, correspondents, denials."""

from datetime import date

PUB = date(2024, 5, 10)


def test_claims_sources_of_the_incident_are_joined(run):
    text = ("قُتل ثلاثة جنود في هجوم لتنظيم داعش قرب مدينة السخنة أمس، بحسب مصادر محلية.\n"
            "وأفاد المرصد السوري لحقوق الإنسان أن الهجوم استهدف حاجزا لقوات النظام.")
    doc = run(text, published=PUB)
    assert len(doc.events) == 1
    assert doc.events[0].source == "Local sources; Syrian Observatory for Human Rights"
    assert doc.events[0].source_scale == "Local-National"
    assert doc.events[0].evidence["source"]


def test_claims_correspondent_is_the_outlet(run):
    text = ("حمص – عنب بلدي\n"
            "وقال مراسلنا إن عناصر التنظيم هاجموا حاجزا لقوات النظام قرب مدينة السخنة أمس.")
    doc = run(text, published=PUB)
    assert [e.source for e in doc.events] == ["Enab Baladi"]


def test_claims_denial_is_kept_on_the_event(run):
    text = ("قُتل خمسة جنود في هجوم لتنظيم داعش على حاجز قرب مدينة الميادين أمس، بحسب المرصد السوري لحقوق الإنسان.\n"
            "في المقابل، نفى مصدر عسكري وقوع أي هجمات على مواقع الجيش في المنطقة.")
    doc = run(text, published=PUB)
    assert len(doc.events) == 1
    kinds = [c.kind for c in doc.events[0].sources]
    assert "denial" in kinds and "report" in kinds


def test_claims_outlet_from_metadata_is_canonical(run, pipeline):
    from marsad.document import Document

    doc = pipeline(Document(id="o", text="وقال مراسلنا إن عناصر التنظيم هاجموا حاجزا لقوات النظام قرب مدينة السخنة أمس.",
                            outlet="صدى الشرقية", published=PUB))
    assert [e.source for e in doc.events] == ["Sada al-Sharqiya"]
