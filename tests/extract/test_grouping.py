"""Grouping mentions into events: details join, other places and new-incident cues split."""

from datetime import date

PUB = date(2024, 5, 10)


def test_grouping_detail_paragraph_is_the_same_event(run):
    text = ("هاجمت خلايا تنظيم داعش حاجزا لقوات النظام قرب مدينة الميادين أمس.\n"
            "وفي التفاصيل، قالت مصادر محلية إن عناصر التنظيم شنوا هجوما على الحاجز ودارت اشتباكات استمرت ساعتين.")
    doc = run(text, published=PUB)
    assert len(doc.events) == 1


def test_grouping_places_in_two_governorates_make_two_events(run):
    text = ("قُتل جنديان في هجوم لتنظيم داعش على حاجز لقوات النظام قرب مدينة الميادين أمس.\n"
            "كما قُتل ثلاثة عناصر من قوات النظام بانفجار عبوة ناسفة قرب مدينة السخنة أمس.")
    doc = run(text, published=PUB)
    assert sorted((e.admin1, e.fatalities) for e in doc.events) == [("Deir ez-Zor", 2), ("Homs", 3)]


def test_grouping_related_context_opens_a_new_incident(run):
    text = ("هاجم عناصر التنظيم نقطة لقوات النظام قرب مدينة السخنة أمس.\n"
            "وفي سياق متصل، هاجم عناصر التنظيم دورية لقوات النظام قرب مدينة السخنة.")
    doc = run(text, published=PUB)
    assert len(doc.events) == 2


def test_grouping_each_event_takes_its_own_place(run):
    text = ("شن الطيران الروسي غارات على مواقع لتنظيم داعش في بادية الرصافة بريف الرقة أمس.\n"
            "وفي ريف درعا الغربي، اغتال مسلحون مجهولون مدرسا في بلدة طفس.")
    doc = run(text, published=PUB)
    assert [e.admin1 for e in doc.events] == ["Raqqa", "Daraa"]


def test_grouping_title_and_related_lines_are_not_incidents(run):
    text = ("مقتل 7 جنود بهجومين لداعش في البادية\n"
            "قُتل 4 جنود في هجوم لتنظيم داعش قرب مدينة تدمر أمس.\n"
            "أخبار ذات صلة:\n"
            "- مقتل 3 رعاة بانفجار لغم في بادية حماة")
    doc = run(text, published=PUB)
    assert [e.fatalities for e in doc.events] == [4]
    assert any(not d.kept and "title" in d.reason for d in doc.decisions)
    assert any(not d.kept and "related" in d.reason for d in doc.decisions)


def test_grouping_reference_back_does_not_open_an_event(run):
    text = ("قُتل جنديان في كمين لتنظيم داعش قرب مدينة السخنة أمس.\n"
            "ودفعت قوات النظام عقب الكمين بتعزيزات من مدينة تدمر.")
    doc = run(text, published=PUB)
    assert len(doc.events) == 1
    assert doc.events[0].location and "Sukhnah" in doc.events[0].location


def test_grouping_partitive_min_is_not_a_movement(run):
    doc = run("قُتل لاجئ برصاص مسلحين مجهولين داخل القطاع الخامس من مخيم الهول أمس.", published=PUB)
    assert [e.location for e in doc.events] and "Hol" in (doc.events[0].location or "")


def test_grouping_each_list_item_is_an_incident_dated_by_the_intro(run):
    text = ("شهدت محافظة درعا اليوم الخميس عدة حوادث أمنية، وفقا للمرصد السوري لحقوق الإنسان:\n"
            "- مقتل شاب برصاص مسلحين مجهولين في بلدة طفس.\n"
            "- انفجار عبوة ناسفة بسيارة تقل عمالاً قرب مدينة نوى، ما أدى إلى إصابة ثلاثة منهم.\n")
    doc = run(text, published=date(2024, 6, 6))
    assert [(e.event_type, e.event_date) for e in doc.events] == [
        ("Violence against civilians", "2024-06-06"), ("Explosions/Remote violence", "2024-06-06")]
    assert all(e.source == "Syrian Observatory for Human Rights" for e in doc.events)
