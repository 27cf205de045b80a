"""A small store of demo-like events, built through Store.add_document (our own example reports).

Every event carries evidence spans found in its report, so the API and the dashboard can
show the words behind each field. Shared by tests/api and tests/e2e.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from marsad.document import Claim, Document, Event, Tally

SOHR = "Syrian Observatory for Human Rights"
SCRIPT_REPORT_ID = "ar-manbij-shelling"


@dataclass
class Spec:
    """One report and the event coded from it; ``evidence`` maps a field to the phrase supporting it."""

    id: str
    text: str
    published: str
    outlet: str
    language: str
    event: dict[str, Any]
    evidence: dict[str, str]
    claim: tuple[str, str, int | None]  # (source name, phrase in the text, fatalities it reports)
    tally: tuple[int, str, str] | None = None  # (count, phrase, period_start)
    extra: dict[str, Any] = field(default_factory=dict)


def _syria(**kw: Any) -> dict[str, Any]:
    return {"country": "Syria", "iso": 760, "region": "Middle East", **kw}


def _iraq(**kw: Any) -> dict[str, Any]:
    return {"country": "Iraq", "iso": 368, "region": "Middle East", **kw}


SPECS: list[Spec] = [
    Spec("ar-sukhnah-attack",
         "قتل خمسة عناصر من قوات النظام وأصيب ثلاثة آخرون، يوم الثلاثاء، بهجوم نفذه مسلحون من تنظيم الدولة "
         "الإسلامية على نقطة عسكرية في بادية السخنة شرقي حمص، بحسب المرصد السوري لحقوق الإنسان.",
         "2024-03-12", "SOHR", "ar",
         _syria(event_date="2024-03-12", event_type="Battles", sub_event_type="Armed clash",
                actor1="Islamic State", actor2="Military Forces of Syria", admin1="Homs", admin2="Tadmor",
                location="Al-Sukhnah", latitude=34.886, longitude=38.873, geo_precision=2, fatalities=5, injured=3),
         {"fatalities": "قتل خمسة", "actor2": "قوات النظام", "actor1": "تنظيم الدولة الإسلامية",
          "event_type": "بهجوم", "location": "بادية السخنة", "admin1": "حمص", "event_date": "يوم الثلاثاء",
          "injured": "أصيب ثلاثة"},
         (SOHR, "المرصد السوري لحقوق الإنسان", 5)),
    Spec("ar-sukhnah-sana",
         "نقلت وكالة سانا عن مصدر عسكري أن ثلاثة جنود استشهدوا في هجوم إرهابي على موقع عسكري قرب السخنة "
         "في ريف حمص الشرقي يوم الثلاثاء.",
         "2024-03-12", "SANA", "ar",
         _syria(event_date="2024-03-12", event_type="Battles", sub_event_type="Armed clash",
                actor1="Islamic State", actor2="Military Forces of Syria", admin1="Homs", admin2="Tadmor",
                location="Al-Sukhnah", latitude=34.886, longitude=38.873, geo_precision=2, fatalities=3),
         {"fatalities": "ثلاثة جنود استشهدوا", "event_type": "هجوم إرهابي", "location": "السخنة",
          "admin1": "حمص", "actor2": "جنود"},
         ("SANA", "وكالة سانا", 3)),
    Spec("ar-qamishli-drone",
         "استهدفت طائرة مسيّرة تركية سيارة على طريق القامشلي عامودا في ريف الحسكة، ما أدى إلى مقتل شخصين، "
         "وفق ما أفادت نورث برس.",
         "2024-02-20", "North Press", "ar",
         _syria(event_date="2024-02-20", event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
                actor1="Military Forces of Turkey", admin1="Hasakah", admin2="Qamishli", location="Qamishli",
                latitude=37.052, longitude=41.227, geo_precision=2, fatalities=2),
         {"actor1": "تركية", "sub_event_type": "طائرة مسيّرة", "location": "القامشلي", "admin1": "الحسكة",
          "fatalities": "مقتل شخصين"},
         ("North Press Agency", "نورث برس", 2)),
    Spec("ar-mayadin-landmine",
         "انفجر لغم أرضي من مخلفات الحرب بمجموعة من جامعي الكمأة في بادية الميادين بريف دير الزور الشرقي، "
         "ما أسفر عن مقتل سبعة مدنيين بينهم طفلان. وبذلك يرتفع عدد ضحايا الألغام منذ مطلع العام إلى 65 شخصاً.",
         "2024-03-02", "SOHR", "ar",
         _syria(event_date="2024-03-02", event_type="Explosions/Remote violence",
                sub_event_type="Remote explosive/landmine/IED", actor1="Unidentified Armed Group", actor2="Civilians",
                admin1="Deir ez-Zor", admin2="Al Mayadin", location="Al-Mayadin", latitude=35.019,
                longitude=40.451, geo_precision=3, fatalities=7),
         {"sub_event_type": "لغم أرضي", "actor2": "جامعي الكمأة", "location": "بادية الميادين",
          "admin1": "دير الزور", "fatalities": "مقتل سبعة مدنيين"},
         (SOHR, "لغم أرضي", 7), tally=(65, "65 شخصاً", "2024-01-01")),
    Spec("ar-tarmiyah-arrests",
         "أعلنت خلية الإعلام الأمني أن القوات العراقية اعتقلت ثلاثة مطلوبين بتهم إرهابية في قضاء الطارمية شمالي بغداد.",
         "2024-04-03", "Shafaq News", "ar",
         _iraq(event_date="2024-04-03", event_type="Strategic developments", sub_event_type="Arrests",
               actor1="Military Forces of Iraq", admin1="Baghdad", admin2="Tarmia", location="Tarmiyah",
               latitude=33.672, longitude=44.394, geo_precision=1, fatalities=0),
         {"actor1": "القوات العراقية", "sub_event_type": "اعتقلت", "location": "قضاء الطارمية", "admin1": "بغداد"},
         ("Security Media Cell", "خلية الإعلام الأمني", None)),
    Spec("ar-nasiriyah-protest",
         "تظاهر المئات من أهالي مدينة الناصرية أمام مبنى المحافظة للمطالبة بتوفير فرص العمل وتحسين الخدمات.",
         "2024-04-10", "INA", "ar",
         _iraq(event_date="2024-04-10", event_type="Protests", sub_event_type="Peaceful protest",
               actor1="Protesters", admin1="Dhi Qar", admin2="Al-Nasiriya", location="Nasiriyah",
               latitude=31.052, longitude=46.258, geo_precision=1, fatalities=0),
         {"event_type": "تظاهر", "actor1": "المئات من أهالي", "location": "مدينة الناصرية"},
         ("Iraqi News Agency", "أهالي مدينة الناصرية", None)),
    Spec(SCRIPT_REPORT_ID,
         "<script>window.__pwned = 1</script> قصفت المدفعية التركية قرى في ريف منبج بريف حلب الشرقي "
         "<img src=x onerror=\"window.__pwned = 2\"> دون أنباء عن إصابات.",
         "2024-03-20", "Enab Baladi", "ar",
         _syria(event_date="2024-03-20", event_type="Explosions/Remote violence",
                sub_event_type="Shelling/artillery/missile attack", actor1="Military Forces of Turkey",
                admin1="Aleppo", admin2="Menbij", location="Manbij", latitude=36.528, longitude=37.955,
                geo_precision=2, fatalities=0),
         {"sub_event_type": "قصفت المدفعية", "actor1": "التركية", "location": "ريف منبج", "admin1": "حلب"},
         ("Enab Baladi", "قصفت", None)),
    Spec("en-busayrah-clash",
         "Two members of the Syrian Democratic Forces were killed when gunmen attacked a checkpoint near "
         "Al-Busayrah in Deir ez-Zor province on Sunday, a war monitor said.",
         "2024-02-25", "AFP", "en",
         _syria(event_date="2024-02-25", event_type="Battles", sub_event_type="Armed clash",
                actor1="Unidentified Armed Group", actor2="SDF: Syrian Democratic Forces", admin1="Deir ez-Zor",
                admin2="Deir-ez-Zor", location="Al-Busayrah", latitude=35.156, longitude=40.429,
                geo_precision=1, fatalities=2),
         {"fatalities": "Two members", "actor2": "Syrian Democratic Forces", "actor1": "gunmen",
          "event_type": "attacked", "location": "Al-Busayrah", "admin1": "Deir ez-Zor"},
         (SOHR, "a war monitor", 2)),
    Spec("ar-hawija-ied",
         "قتل جنديان عراقيان بانفجار عبوة ناسفة استهدفت دوريتهما في قضاء الحويجة جنوب غربي كركوك.",
         "2024-03-28", "Shafaq News", "ar",
         _iraq(event_date="2024-03-28", event_type="Explosions/Remote violence",
               sub_event_type="Remote explosive/landmine/IED", actor1="Islamic State",
               actor2="Military Forces of Iraq", admin1="Kirkuk", admin2="Al-Hawiga", location="Hawija",
               latitude=35.322, longitude=43.772, geo_precision=1, fatalities=2),
         {"fatalities": "قتل جنديان", "actor2": "جنديان عراقيان", "sub_event_type": "عبوة ناسفة",
          "location": "قضاء الحويجة", "admin1": "كركوك"},
         ("Shafaq News", "قتل جنديان", 2)),
    Spec("ar-jisr-airstrike",
         "شنت طائرات حربية روسية غارات على أطراف مدينة جسر الشغور غربي إدلب، ما أدى إلى مقتل أربعة مدنيين.",
         "2024-04-15", "SOHR", "ar",
         _syria(event_date="2024-04-15", event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
                actor1="Military Forces of Russia", actor2="Civilians", admin1="Idlib", admin2="Jisr-Ash-Shugur",
                location="Jisr al-Shughur", latitude=35.812, longitude=36.318, geo_precision=1, fatalities=4),
         {"actor1": "روسية", "sub_event_type": "طائرات حربية", "location": "جسر الشغور", "admin1": "إدلب",
          "fatalities": "مقتل أربعة مدنيين", "actor2": "مدنيين"},
         (SOHR, "غارات", 4)),
]


def _phrase_span(doc: Document, phrase: str, label: str, value: Any = None):  # type: ignore[no-untyped-def]
    start = doc.text.find(phrase)
    assert start >= 0, f"{doc.id}: phrase {phrase!r} not in text"
    return doc.make_span(start, start + len(phrase), label, value)


def build_document(spec: Spec) -> Document:
    """The Document of one spec: text, one event with evidence and a claim, maybe a tally."""
    doc = Document(id=spec.id, text=spec.text, outlet=spec.outlet, language=spec.language,
                   published=date.fromisoformat(spec.published), published_from="given")
    event = Event(**spec.event, year=int(spec.event["event_date"][:4]), time_precision=1,
                  source=spec.claim[0], article_ids=[spec.id])
    for field_name, phrase in spec.evidence.items():
        event.add_evidence(field_name, _phrase_span(doc, phrase, field_name, spec.event.get(field_name)))
    source, phrase, fatalities = spec.claim
    event.sources.append(Claim(source=source, fatalities=fatalities, article_id=spec.id,
                               evidence=[_phrase_span(doc, phrase, "source", source)]))
    doc.events.append(event)
    if spec.tally:
        count, phrase, start = spec.tally
        doc.tallies.append(Tally(count=count, what="killed", whose="Civilians", period_start=start,
                                 source=source, article_id=spec.id, evidence=[_phrase_span(doc, phrase, "tally", count)]))
    return doc


def build_demo_store(path: Path):  # type: ignore[no-untyped-def]
    """A Store at ``path`` holding every demo report."""
    from marsad.store import Store

    store = Store(path)
    for spec in SPECS:
        store.add_document(build_document(spec))
    return store


def event_id_where(client, **params) -> str:  # type: ignore[no-untyped-def]
    """The id of the single event matching the filters (through the API)."""
    events = client.get("/api/events", params=params).json()["events"]
    assert len(events) == 1, events
    return events[0]["id"]
