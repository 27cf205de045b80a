"""Casualty figures: who died on which side, ranges, words, and what is not a death toll."""

from datetime import date

PUB = date(2024, 5, 10)



def test_tolls_both_sides_of_one_clash_are_summed(run, one_event):
    event = one_event("اندلعت اشتباكات قرب مدينة تدمر أمس أسفرت عن مقتل 12 عنصرا من قوات النظام "
                             "مقابل 7 من عناصر تنظيم داعش.")
    assert event.fatalities == 19
    assert {run.__class__} and len(event.evidence["fatalities"]) == 2


def test_tolls_at_least_and_number_words(run, one_event):
    event = one_event("قُتل ما لا يقل عن خمسة عناصر من قوات النظام في هجوم لتنظيم داعش قرب مدينة السخنة أمس.")
    assert event.fatalities == 5


def test_tolls_injuries_are_not_deaths(run, one_event):
    event = one_event("أصيب سبعة مدنيين بقصف مدفعي لقوات النظام على بلدة سرمين أمس.")
    assert event.fatalities is None
    assert event.injured == 7


def test_tolls_killed_or_wounded_is_not_a_death_toll(run, one_event):
    event = one_event("سقط 9 مدنيين بين قتيل وجريح بقصف مدفعي لقوات النظام على بلدة سرمين أمس.")
    assert event.fatalities is None


def test_tolls_dead_and_wounded_without_number(run, one_event):
    event = one_event("هاجم عناصر التنظيم حاجزا لقوات النظام قرب مدينة تدمر أمس، ما أدى إلى سقوط قتلى وجرحى.")
    assert event.fatalities is None


def test_tolls_same_figure_in_lead_and_detail_counts_once(run, one_event):
    text = ("قُتل 6 عناصر من قوات النظام في هجوم لتنظيم داعش قرب مدينة السخنة أمس.\n"
            "وفي التفاصيل، قالت مصادر محلية إن الهجوم أسفر عن مقتل 6 عناصر من قوات النظام.")
    assert one_event(text).fatalities == 6


def test_tolls_conflicting_figures_take_the_lowest(run, one_event):
    text = ("قُتل ثمانية عناصر من قوات النظام في كمين لتنظيم داعش قرب مدينة تدمر أمس، بحسب مصادر محلية.\n"
            "من جهته، قال المرصد السوري لحقوق الإنسان إن عدد قتلى قوات النظام بلغ 10 عناصر.")
    event = one_event(text)
    assert event.fatalities == 8
    assert event.fatalities_high == 10
    assert any(c.kind == "figure" and c.fatalities == 10 for c in event.sources)


def test_tolls_named_victim_and_relative(run, one_event):
    event = one_event("اغتال مسلحون مجهولون مختار بلدة الكرك، ونجله، أمام منزلهما في ريف درعا أمس.")
    assert event.fatalities == 2


def test_tolls_named_victim_plus_figure(run, one_event):
    event = one_event("أسفر هجوم لتنظيم داعش قرب قضاء الرطبة أمس عن مقتل ضابط برتبة نقيب وثلاثة جنود.")
    assert event.fatalities == 4


def test_tolls_distance_and_counts_of_things_are_not_tolls(run, one_event):
    event = one_event("نفذت طائرات حربية روسية 15 غارة على مواقع لتنظيم داعش على بعد 20 كم من مدينة السخنة أمس.")
    assert event.fatalities is None


def test_tolls_sub_count_is_part_of_the_figure(run, one_event):
    event = one_event("أسفرت غارات جوية روسية على مدينة أريحا أمس عن مقتل 8 مدنيين، بينهم 3 أطفال.")
    assert event.fatalities == 8


def test_tolls_dual_noun_counts_two(run, one_event):
    event = one_event("أسفر القصف على مدينة أريحا أمس عن ارتقاء شهيدين من المدنيين.")
    assert event.fatalities == 2


def test_tolls_killed_and_wounded_total_is_not_a_death_toll(run, one_event):
    event = one_event("قصفت قوات النظام بلدة سرمين أمس، ما أسفر عن سقوط 6 قتلى وجرحى من المدنيين.")
    assert event.fatalities is None


def test_tolls_age_after_named_victim_is_not_a_figure(run, one_event):
    event = one_event('اغتال مسلحون مجهولون الشاب "س. ع" (٢٨ عاماً) في بلدة طفس بريف درعا أمس.')
    assert event.fatalities == 1
