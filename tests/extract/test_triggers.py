"""Incident words: verb, noun, passive, plural and clitic forms, and the kinds not coded."""

from datetime import date

import pytest

PUB = date(2024, 5, 10)


@pytest.mark.parametrize(
    "sentence, event_type, sub_type",
    [
        ("هاجم عناصر من تنظيم داعش حاجزا لقوات النظام في بلدة السخنة أمس.", "Battles", "Armed clash"),
        ("اندلعت اشتباكات عنيفة بين قوات النظام وتنظيم داعش قرب مدينة تدمر أمس.", "Battles", "Armed clash"),
        ("نفذت طائرات حربية روسية غارات جوية على مواقع لتنظيم داعش قرب مدينة السخنة أمس.",
         "Explosions/Remote violence", "Air/drone strike"),
        ("قصفت قوات النظام بقذائف الهاون بلدة سرمين أمس.",
         "Explosions/Remote violence", "Shelling/artillery/missile attack"),
        ("قُتل جنديان بانفجار عبوة ناسفة بسيارتهما في مدينة درعا أمس.",
         "Explosions/Remote violence", "Remote explosive/landmine/IED"),
        ("اختطف مسلحون مجهولون تاجرا من بلدة شهبا أمس.",
         "Violence against civilians", "Abduction/forced disappearance"),
        ("اعتقلت قوات النظام خمسة شبان في مدينة دوما أمس.", "Strategic developments", "Arrests"),
    ],
)
def test_triggers_type_each_kind(run, sentence, event_type, sub_type):
    doc = run(sentence, published=PUB)
    assert [(e.event_type, e.sub_event_type) for e in doc.events] == [(event_type, sub_type)]


def test_triggers_passive_kill_with_gunfire_is_violence_against_civilians(run):
    doc = run("قُتل مزارع برصاص مسلحين مجهولين في بلدة طفس أمس.", published=PUB)
    assert [(e.event_type, e.sub_event_type, e.actor2) for e in doc.events] == [
        ("Violence against civilians", "Attack", "Civilians")]


def test_triggers_ground_fight_with_bomb_is_a_battle(run):
    doc = run("استهدف عناصر التنظيم رتلا لقوات النظام بعبوة ناسفة قبل أن يهاجموه بالأسلحة الرشاشة قرب "
              "مدينة السخنة أمس.", published=PUB)
    assert [e.event_type for e in doc.events] == ["Battles"]


def test_triggers_sweep_alone_is_not_coded(run):
    doc = run("أطلقت قوات النظام حملة تمشيط واسعة في بادية مدينة تدمر أمس.", published=PUB)
    assert doc.events == []
    assert any(not d.kept and "optional" in d.reason for d in doc.decisions)


def test_triggers_weak_word_alone_opens_no_incident(run):
    doc = run("استهدفت الخطة الحكومية تحسين الخدمات في مدينة حمص.", published=PUB)
    assert doc.events == []


def test_triggers_recapture_by_state_is_government_regains_territory(run):
    doc = run("سيطرت قوات النظام على بلدة الهبيط بعد معارك مع هيئة تحرير الشام أمس.", published=PUB)
    assert [(e.sub_event_type, e.actor1) for e in doc.events] == [
        ("Government regains territory", "Military Forces of Syria")]


def test_triggers_english_report(run):
    doc = run("Islamic State militants attacked an Iraqi army post near Kirkuk on Friday, killing two soldiers.",
              published=date(2023, 12, 2), language="en")
    assert [(e.event_type, e.actor1, e.actor2, e.fatalities) for e in doc.events] == [
        ("Battles", "Islamic State", "Military Forces of Iraq", 2)]


def test_triggers_ceasefire_is_not_a_shooting(run):
    doc = run("التزمت الأطراف بوقف إطلاق النار في محيط مدينة إدلب أمس.", published=PUB)
    assert doc.events == []


def test_triggers_incursion_is_a_strategic_development(run):
    doc = run("توغلت قوة من الجيش الإسرائيلي قرب بلدة جباتا الخشب في ريف القنيطرة أمس.", published=PUB)
    assert [(e.event_type, e.sub_event_type, e.actor1) for e in doc.events] == [
        ("Strategic developments", "Other", "Military Forces of Israel")]
