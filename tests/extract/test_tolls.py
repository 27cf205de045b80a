"""Casualty figures: who died on which side, ranges, words, and what is not a death toll."""

from datetime import date

PUB = date(2024, 5, 10)


def _fatalities(run, text, published=PUB):
    doc = run(text, published=published)
    assert len(doc.events) == 1, [(e.event_type, e.location) for e in doc.events]
    return doc.events[0]


def test_tolls_both_sides_of_one_clash_are_summed(run):
    event = _fatalities(run, "اندلعت اشتباكات قرب مدينة تدمر أمس أسفرت عن مقتل 12 عنصرا من قوات النظام "
                             "مقابل 7 من عناصر تنظيم داعش.")
    assert event.fatalities == 19
    assert {run.__class__} and len(event.evidence["fatalities"]) == 2


def test_tolls_at_least_and_number_words(run):
    event = _fatalities(run, "قُتل ما لا يقل عن خمسة عناصر من قوات النظام في هجوم لتنظيم داعش قرب مدينة السخنة أمس.")
    assert event.fatalities == 5


def test_tolls_injuries_are_not_deaths(run):
    event = _fatalities(run, "أصيب سبعة مدنيين بقصف مدفعي لقوات النظام على بلدة سرمين أمس.")
    assert event.fatalities is None
    assert event.injured == 7


def test_tolls_killed_or_wounded_is_not_a_death_toll(run):
    event = _fatalities(run, "سقط 9 مدنيين بين قتيل وجريح بقصف مدفعي لقوات النظام على بلدة سرمين أمس.")
    assert event.fatalities is None


def test_tolls_dead_and_wounded_without_number(run):
    event = _fatalities(run, "هاجم عناصر التنظيم حاجزا لقوات النظام قرب مدينة تدمر أمس، ما أدى إلى سقوط قتلى وجرحى.")
    assert event.fatalities is None


def test_tolls_same_figure_in_lead_and_detail_counts_once(run):
    text = ("قُتل 6 عناصر من قوات النظام في هجوم لتنظيم داعش قرب مدينة السخنة أمس.\n"
            "وفي التفاصيل، قالت مصادر محلية إن الهجوم أسفر عن مقتل 6 عناصر من قوات النظام.")
    assert _fatalities(run, text).fatalities == 6


def test_tolls_conflicting_figures_take_the_lowest(run):
    text = ("قُتل ثمانية عناصر من قوات النظام في كمين لتنظيم داعش قرب مدينة تدمر أمس، بحسب مصادر محلية.\n"
            "من جهته، قال المرصد السوري لحقوق الإنسان إن عدد قتلى قوات النظام بلغ 10 عناصر.")
    event = _fatalities(run, text)
    assert event.fatalities == 8
    assert event.fatalities_high == 10
    assert any(c.kind == "figure" and c.fatalities == 10 for c in event.sources)


def test_tolls_named_victim_and_relative(run):
    event = _fatalities(run, "اغتال مسلحون مجهولون مختار بلدة الكرك، ونجله، أمام منزلهما في ريف درعا أمس.")
    assert event.fatalities == 2


def test_tolls_named_victim_plus_figure(run):
    event = _fatalities(run, "أسفر هجوم لتنظيم داعش قرب قضاء الرطبة أمس عن مقتل ضابط برتبة نقيب وثلاثة جنود.")
    assert event.fatalities == 4


def test_tolls_distance_and_counts_of_things_are_not_tolls(run):
    event = _fatalities(run, "نفذت طائرات حربية روسية 15 غارة على مواقع لتنظيم داعش على بعد 20 كم من مدينة السخنة أمس.")
    assert event.fatalities is None


def test_tolls_sub_count_is_part_of_the_figure(run):
    event = _fatalities(run, "أسفرت غارات جوية روسية على مدينة أريحا أمس عن مقتل 8 مدنيين، بينهم 3 أطفال.")
    assert event.fatalities == 8


def test_tolls_dual_noun_counts_two(run):
    event = _fatalities(run, "أسفر القصف على مدينة أريحا أمس عن ارتقاء شهيدين من المدنيين.")
    assert event.fatalities == 2


def test_tolls_killed_and_wounded_total_is_not_a_death_toll(run):
    event = _fatalities(run, "قصفت قوات النظام بلدة سرمين أمس، ما أسفر عن سقوط 6 قتلى وجرحى من المدنيين.")
    assert event.fatalities is None


def test_tolls_age_after_named_victim_is_not_a_figure(run):
    event = _fatalities(run, 'اغتال مسلحون مجهولون الشاب "س. ع" (٢٨ عاماً) في بلدة طفس بريف درعا أمس.')
    assert event.fatalities == 1
