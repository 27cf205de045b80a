"""Who was hit: victims named by an indefinite noun, police by their singular nouns, Iranian artillery."""

from datetime import date

PUB = date(2024, 5, 10)



def test_actors_indefinite_victim_after_killed_is_the_target(run, one_event):
    event = one_event("قتل جندي وأصيب آخر بهجوم مسلح على نقطة تفتيش غرب كركوك أمس.")
    assert event.actor2 == "Military Forces of Iraq"
    assert event.actor1 != "Military Forces of Iraq"


def test_actors_policeman_victim_is_the_police(run, one_event):
    event = one_event("قتل شرطي وأصيب آخر بهجوم مسلح على نقطة تفتيش غرب كركوك أمس.")
    assert event.actor2 == "Police Forces of Iraq"


def test_actors_two_policemen_wounded_by_an_ied(run, one_event):
    event = one_event("وفي حادث آخر، أصيب شرطيان بانفجار عبوة ناسفة استهدفت دوريتهما على طريق زراعي "
                        "شمال قضاء بلد أمس.")
    assert event.actor2 == "Police Forces of Iraq"


def test_actors_definite_forces_after_killing_verb_stay_the_agent(run, one_event):
    event = one_event("قتلت قوات النظام ثلاثة مدنيين بقصف مدفعي على بلدة كفرنبل أمس.")
    assert event.actor1 == "Military Forces of Syria"


def test_actors_iranian_artillery_arabic(run, one_event):
    event = one_event("قصفت المدفعية الإيرانية قرى حدودية في ناحية سيدكان التابعة لقضاء سوران أمس دون وقوع إصابات.")
    assert event.actor1 == "Military Forces of Iran"


def test_actors_iranian_artillery_english(run, one_event):
    event = one_event("Iranian artillery shelled villages near Sidakan in the Soran district on Monday, "
                        "damaging farmland.", language="en")
    assert event.actor1 == "Military Forces of Iran"


def test_actors_english_hideout_struck_belongs_to_the_insurgents(run, one_event):
    event = one_event("Hours later, a coalition aircraft struck a hideout in the desert west of Qaim, the Joint "
                        "Operations Command said, without giving a toll.", language="en")
    assert event.actor2 == "Islamic State"


def test_actors_arabic_guesthouse_of_isis_keeps_the_striker(run, one_event):
    event = one_event("نفذت القوة الجوية العراقية ضربة جوية استهدفت مضافة لداعش في جبال حمرين أمس.")
    assert (event.actor1, event.actor2) == ("Military Forces of Iraq", "Islamic State")


def test_actors_civilians_among_the_dead_do_not_outrank_the_owner_of_the_site_hit(run, one_event):
    event = one_event("قتل 12 شخصا بينهم مدنيون في غارات أمريكية استهدفت مقرات للحشد الشعبي في منطقة القائم أمس.")
    assert event.actor2 == "Popular Mobilization Forces"
    assert event.fatalities == 12


def test_actors_civilians_among_the_dead_stay_the_target_when_alone(run, one_event):
    event = one_event("قتل 12 شخصا بينهم مدنيون في غارات أمريكية على منطقة القائم أمس.")
    assert event.actor2 == "Civilians"


def test_actors_american_soldiers_are_us_forces_not_the_local_army(run, one_event):
    event = one_event("قتل ثلاثة جنود أمريكيين بهجوم بطائرة مسيرة على قاعدة التنف أمس.")
    assert event.actor2 == "Military Forces of the United States"


def test_actors_islamic_resistance_in_iraq_is_an_iran_backed_umbrella(run, one_event):
    for text, language in (
            ("تبنت \"المقاومة الإسلامية في العراق\" قصف قاعدة عين الأسد الجوية غرب الأنبار برشقة صواريخ أمس.", "ar"),
            ("The Islamic Resistance in Iraq claimed a rocket attack on Ain al-Asad air base in Anbar on Monday.",
             "en")):
        assert one_event(text, language).actor1 == "Iran-backed militias"
