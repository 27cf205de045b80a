"""Round-2 generality mechanisms: trailing period phrases, definite noun phrases, the opening
clause's place, a wide countryside yielding to a nearer place."""

from datetime import date

from marsad.extract.matcher import PhraseMatcher
from marsad.text.normalize import NormalizedText

PUB = date(2024, 3, 7)


def test_trailing_since_phrase_does_not_make_the_incident_a_tally(run):
    text = ("قُتل شاب أمس برصاص مسلحين مجهولين في مدينة طفس، في أول حادثة من نوعها منذ بداية العام.")
    doc = run(text, published=PUB)
    assert [(e.sub_event_type, e.fatalities) for e in doc.events] == [("Attack", 1)]


def test_since_phrase_with_a_figure_stays_a_tally(run):
    text = "وثق المرصد مقتل 40 مدنيا في هجمات متفرقة منذ بداية العام في محافظة درعا."
    doc = run(text, published=PUB)
    assert doc.events == []


def test_trailing_ongoing_since_date_does_not_hide_the_incident(run):
    text = ("شهدت مدينة السويداء يوم الخميس 7 آذار مظاهرة حاشدة وسط المدينة، "
            "ضمن الاحتجاجات المتواصلة منذ 20 كانون الثاني الماضي.")
    doc = run(text, published=PUB)
    assert [(e.sub_event_type, e.event_date) for e in doc.events] == [("Peaceful protest", "2024-03-07")]


def test_definite_noun_phrase_matches_its_trigger():
    matcher = PhraseMatcher(definite=True)
    matcher.add("ضربة جوية", "airstrike")
    matcher.build()
    found = matcher.find(NormalizedText("وأكد المصدر أن الضربة الجوية أصابت الهدف"))
    assert [m.value for m in found] == ["airstrike"]


def test_definite_forms_only_when_asked():
    matcher = PhraseMatcher()
    matcher.add("ضربة جوية", "airstrike")
    matcher.build()
    assert matcher.find(NormalizedText("الضربة الجوية")) == []


def test_definite_air_strike_is_typed_as_air_strike(run):
    text = "أكد مصدر أمني أن الضربة الجوية التي نفذها الطيران العراقي مساء أمس في قضاء الطارمية قتلت ثلاثة مسلحين."
    doc = run(text, published=PUB)
    assert [e.sub_event_type for e in doc.events] == ["Air/drone strike"]


def test_opening_weak_clause_gives_the_place(run):
    text = ("استهدفت طائرات حربية، ليلة أمس، مواقع للميليشيات في مدينة البوكمال شرقي دير الزور.\n"
            "وقال مراسل محلي إن الغارات طالت مستودعا للأسلحة قرب مزارع المدينة.")
    doc = run(text, published=PUB)
    assert [(e.sub_event_type, e.location) for e in doc.events] == [("Air/drone strike", "Abu Kamal")]


def test_wide_countryside_yields_to_the_nearer_place(run):
    text = "وفي ريف حماة، اعتقلت قوات الأمن فجر اليوم ثمانية مطلوبين خلال حملة دهم في قرى ريف مصياف."
    doc = run(text, published=PUB)
    assert [e.location for e in doc.events] == ["Masyaf"]


def test_lead_summing_two_incidents_is_split(run):
    text = ("قُتل 7 أشخاص أمس بانفجار عبوة ناسفة في مدينة الميادين واشتباكات قرب مدينة البوكمال، شرقي دير الزور.\n"
            "وقالت مصادر محلية إن أربعة مدنيين قتلوا أمس بانفجار عبوة ناسفة في سوق مدينة الميادين.\n"
            "وفي ريف البوكمال، دارت اشتباكات أمس بين قوات النظام وخلايا تنظيم داعش قتل فيها ثلاثة عناصر.")
    doc = run(text, published=PUB)
    assert sorted((e.sub_event_type, e.location) for e in doc.events) == [
        ("Armed clash", "Abu Kamal"), ("Remote explosive/landmine/IED", "Al Mayadin")]


def test_one_place_two_weapons_stays_one_incident(run):
    text = "قُتل جنديان أمس بانفجار عبوة ناسفة واشتباكات مع مسلحين في مدينة الميادين."
    doc = run(text, published=PUB)
    assert len(doc.events) == 1


def test_english_dateline_head_is_no_incident_place(run):
    text = ("ERBIL, Kurdistan Region - Two Iraqi soldiers were killed on Wednesday when a roadside bomb "
            "struck their vehicle in Tarmiyah, security sources said.")
    doc = run(text, published=PUB, language="en")
    assert [(e.location, e.admin1) for e in doc.events] == [("At Tarmiyah", "Baghdad")]


def test_english_al_prefixed_place_is_usable(run):
    text = "Clashes broke out on Wednesday between SDF fighters and tribal gunmen in the town of al-Busayrah."
    doc = run(text, published=PUB, language="en")
    assert [e.location for e in doc.events] == ["Al Busayrah"]


def test_raid_that_kills_is_an_armed_clash(run):
    text = "داهمت قوات الأمن العراقية أمس وكرا لتنظيم داعش في قضاء الحويجة، ما أسفر عن مقتل ثلاثة مسلحين."
    doc = run(text, published=PUB)
    assert [(e.sub_event_type, e.fatalities) for e in doc.events] == [("Armed clash", 3)]


def test_raid_without_deaths_opens_nothing(run):
    text = "داهمت قوات الأمن العراقية أمس عددا من المنازل في قضاء الحويجة."
    doc = run(text, published=PUB)
    assert doc.events == []


def test_english_past_week_count_is_a_tally(run):
    text = "A security source said ISIS attacks in Kirkuk province had left 9 people dead over the past week."
    doc = run(text, published=PUB, language="en")
    assert doc.events == []


def test_definite_retelling_joins_the_earlier_incident(run):
    text = ("قُتل جنديان أمس بغارات جوية إسرائيلية استهدفت مواقع قرب مدينة الكسوة بريف دمشق.\n"
            "كما شنت الطائرات الإسرائيلية غارات على نقاط في مدينة طرطوس دون وقوع إصابات.\n"
            "في المقابل، قال المرصد السوري إن الضربات قرب الكسوة أدت إلى مقتل 4 عسكريين.")
    doc = run(text, published=PUB)
    assert sorted(e.location for e in doc.events) == ["Al-Kiswah", "Tartous"]


def test_body_found_shot_is_an_attack(run):
    text = "عُثر صباح أمس على جثة شاب مدني مقتولا بطلق ناري في الرأس قرب مدينة القرداحة."
    doc = run(text, published=PUB)
    assert [(e.sub_event_type, e.actor2, e.fatalities) for e in doc.events] == [("Attack", "Civilians", 1)]


def test_and_another_in_a_far_place_is_a_second_incident(run):
    text = "استهدفت غارات جوية إسرائيلية فجر اليوم مواقع عسكرية في محيط مدينة الكسوة بريف دمشق، وأخرى في ريف درعا الغربي."
    doc = run(text, published=PUB)
    assert sorted(e.admin1 for e in doc.events) == ["Daraa", "Rural Damascus"]
    assert {e.sub_event_type for e in doc.events} == {"Air/drone strike"}


def test_and_another_nearby_stays_one_incident(run):
    text = "استهدفت غارات جوية إسرائيلية فجر اليوم مواقع عسكرية في محيط مدينة الكسوة، وأخرى قرب الكسوة."
    doc = run(text, published=PUB)
    assert len(doc.events) == 1


def test_place_struck_beats_where_the_attackers_are(run):
    text = ("أطلق مسلحون متمركزون في ريف إدلب الجنوبي أمس قذائف صاروخية على مدينة السقيلبية، "
            "ما أدى إلى مقتل امرأة.")
    doc = run(text, published=PUB)
    assert [(e.location, e.admin1) for e in doc.events] == [("Al-Suqaylabiyah", "Hama")]


def test_placeless_incident_takes_the_previous_place_not_the_filing_city(run):
    text = ("وكالة الأنباء – أربيل\n"
            "قُتل عنصران من البيشمركة أمس بقصف طائرة مسيّرة تركية على سيارة في مركز قضاء سنجار.\n"
            "وقال مسؤول محلي إن الهجوم أثار غضبا واسعا بين الأهالي.\n"
            "وخرج اليوم مئات الأهالي في وقفة احتجاجية أمام مبنى القائممقامية منددين بتكرار الضربات.")
    doc = run(text, published=PUB)
    assert [(e.sub_event_type, e.location) for e in doc.events] == [
        ("Air/drone strike", "Sinjar"), ("Peaceful protest", "Sinjar")]
