"""Both sides' dead in one clash: the attackers' own losses named apart from the victims' figure."""

from datetime import date

PUB = date(2024, 5, 10)



def test_tolls_figure_of_the_attackers_is_a_side_of_its_own(run, one_event):
    event = one_event("هاجم عناصر من داعش نقطة للجيش العراقي قرب قرية البو دور جنوب تكريت ليلة أمس، "
                        "وأسفر الهجوم عن مقتل ثلاثة جنود ومقتل اثنين من المهاجمين.")
    assert event.fatalities == 5


def test_tolls_single_victim_beside_the_attackers_figure(run, one_event):
    event = one_event("هاجم عناصر من داعش نقطة للجيش العراقي قرب قرية البو دور جنوب تكريت ليلة أمس، "
                        "وأسفر الهجوم عن استشهاد جندي ومقتل ثلاثة من المهاجمين.")
    assert event.fatalities == 4


def test_tolls_single_victim_after_the_attackers_figure(run, one_event):
    event = one_event("هاجم عناصر من داعش نقطة للجيش العراقي قرب قرية البو دور جنوب تكريت ليلة أمس، "
                        "وأسفر الهجوم عن مقتل ثلاثة من المهاجمين واستشهاد ضابط.")
    assert event.fatalities == 4


def test_tolls_one_of_them_after_the_attackers_are_named(run, one_event):
    event = one_event("هاجم مسلحو داعش نقطة للحشد الشعبي قرب بيجي أمس ما أدى إلى مقتل ثلاثة من عناصر الحشد، "
                        "وأضاف المصدر أن \"المهاجمين انسحبوا نحو البساتين، وقتل أحدهم\".")
    assert event.fatalities == 4


def test_tolls_one_of_the_officers_is_still_a_part(run, one_event):
    event = one_event("هاجم مسلحو داعش نقطة للحشد الشعبي قرب بيجي أمس ما أدى إلى مقتل ثلاثة من عناصر الحشد "
                        "بينهم أحد الضباط.")
    assert event.fatalities == 3


def test_tolls_english_two_of_the_attackers_added(run, one_event):
    event = one_event("Three soldiers were killed on Tuesday when Islamic State militants attacked an army post "
                        "near Baiji, a security source said. Two of the attackers were also killed in the clash, "
                        "the source added.", language="en")
    assert event.fatalities == 5


def test_tolls_english_long_actor_name_keeps_its_verb(run, one_event):
    event = one_event("Three members of the Syrian Democratic Forces (SDF) were killed and another wounded on "
                        "Monday when suspected ISIS militants attacked a checkpoint near Hajin, a military source "
                        "said. One of the attackers was killed in the exchange of fire.", language="en")
    assert event.fatalities == 4
