"""Round-2 mechanisms for who and how many: running totals, breakdowns of a total, casualty words
that agree with a counted subject, conjoined casualty words, members of a named group, new actors."""

from datetime import date

from marsad.extract.tolls import Toll, combine
from marsad.document import Span

PUB = date(2024, 5, 10)



def test_running_total_replaces_the_parts_told_before(run, one_event):
    event = one_event("هاجم عناصر تنظيم داعش أمس حاجزا لقوات النظام قرب مدينة تدمر، فقتل ثلاثة جنود من قوات النظام "
                      "وقتل عنصر من التنظيم، ليرتفع عدد قتلى الهجوم إلى 5.")
    assert event.fatalities == 5


def test_english_running_total(run, one_event):
    event = one_event("Islamic State fighters attacked an army post near Palmyra yesterday, killing two soldiers, "
                      "and the army said three attackers also died, bringing the death toll to 6.", language="en")
    assert event.fatalities == 6


def test_figures_adding_up_to_a_total_are_its_breakdown(run, one_event):
    event = one_event("Clashes near the town of Hajin yesterday between the SDF and IS fighters left nine people dead: "
                      "6 IS fighters and three SDF members.", language="en")
    assert event.fatalities == 9


def test_plural_verb_after_a_counted_subject_makes_a_toll(run, one_event):
    event = one_event("قالت مصادر محلية إن 6 مدنيين، بينهم امرأة وطفلان، قتلوا جراء قصف مدفعي لقوات النظام "
                      "على بلدة كفرنبل أمس.")
    assert event.fatalities == 6


def test_casualty_word_opening_a_conjoined_clause_counts_the_next_figure(run, one_event):
    event = one_event("هاجم مسلحو داعش موقعا للحشد الشعبي قرب جلولاء أمس، ما أسفر عن استشهاد مقاتل واحد "
                      "وجرح أربعة من الحشد الشعبي.")
    assert event.fatalities == 1
    assert event.injured == 4


def test_figure_holding_its_casualty_noun(run, one_event):
    doc = run("أسفر قصف لقوات النظام على بلدة سرمين أمس عن سقوط 7 قتلى مدنيين على الأقل وعشرات الجرحى.", published=PUB)
    assert [e.fatalities for e in doc.events] == [7]


def test_group_noun_before_a_patron_phrase_carries_the_group(run, one_event):
    event = one_event("شنت خلايا تابعة لتنظيم داعش ليلة أمس هجوما على نقاط لقوات النظام قرب مدينة السخنة.")
    assert event.actor1 == "Islamic State"
    assert event.actor2 == "Military Forces of Syria"


def test_thing_owned_by_an_actor_still_makes_it_the_target(run, one_event):
    event = one_event("انفجرت عبوة ناسفة بسيارة تابعة لقوات النظام قرب مدينة الصنمين أمس.")
    assert event.actor2 == "Military Forces of Syria"


def test_dual_soldiers_are_the_state_side(run, one_event):
    event = one_event("استشهد عسكريان جراء غارة جوية إسرائيلية على محيط مدينة الكسوة بريف دمشق أمس.")
    assert event.fatalities == 2
    assert event.actor2 == "Military Forces of Syria"


def test_regime_remnants_are_a_militia_not_the_army(run, one_event):
    event = one_event("قتل عنصران من جهاز الأمن العام أمس بهجوم شنه مسلحون من فلول النظام على حاجز قرب مدينة جبلة.")
    assert event.actor1 == "Pro-government militias"
    assert event.actor2 == "Police Forces of Syria"


def test_sinjar_units_are_named(run, one_event):
    event = one_event("قُتل عنصران من وحدات مقاومة شنكال أمس بقصف طائرة مسيرة تركية على سيارة في مركز قضاء سنجار.")
    assert event.actor1 == "Military Forces of Turkey"
    assert event.actor2 == "YBS: Sinjar Resistance Units"


def test_combine_takes_the_last_running_total():
    parts = [Toll("killed", 3, 3, 3, Span(0, 1, "number"), side="A"), Toll("killed", 1, 1, 1, Span(5, 6, "number"), side="B")]
    first = Toll("killed", 5, 5, 5, Span(10, 11, "number"), total=True)
    last = Toll("killed", 7, 7, 7, Span(20, 21, "number"), total=True)
    combined = combine(parts + [first, last])
    assert (combined.fatalities, combined.high) == (7, 7)
    assert combine(parts).fatalities == 4


def test_unsided_figure_joined_by_and_is_another_share(run, one_event):
    event = one_event("IS militants attacked an SDF checkpoint near the town of Hajin yesterday, sparking a firefight "
                      "in which three SDF fighters and two of the attackers were killed.", language="en")
    assert event.fatalities == 5


def test_english_named_victim_joined_to_a_figure(run, one_event):
    doc = run("Iraqi army officials said an attack by IS militants on an army post near Kirkuk yesterday left "
              "a captain and two soldiers dead.", published=PUB, language="en")
    assert [e.fatalities for e in doc.events] == [3]


def test_english_single_victim_before_a_passive_verb(run, one_event):
    event = one_event("On Thursday, a civilian was shot dead by an SDF sniper in the town of Hajin.", language="en")
    assert event.fatalities == 1


def test_single_victims_joined_by_wa_are_counted(run, one_event):
    event = one_event("اعتدى مسلحون بالقذائف الصاروخية على مدينة محردة أمس، ما أدى إلى استشهاد طفلة وامرأة.")
    assert event.fatalities == 2


def test_one_of_the_attackers_is_added_to_the_victims(run, one_event):
    event = one_event("قُتل عنصران من قوات النظام أمس بهجوم شنه مسلحون على حاجز قرب مدينة جبلة، "
                      "وتمكنت القوات من صد الهجوم وقتل أحد المهاجمين.")
    assert event.fatalities == 3


def test_owner_of_a_patrol_hit_is_the_target(run, one_event):
    event = one_event("انفجرت عبوة ناسفة بدورية لـ\"قسد\" على الطريق العام في بلدة ذيبان أمس.")
    assert event.actor2 == "SDF: Syrian Democratic Forces"


def test_actor_after_a_cause_word_is_not_the_side_of_the_dead(run, one_event):
    event = one_event("قتل ثلاثة أشخاص جراء غارة جوية تركية على قرية قرب مدينة عامودا أمس.")
    assert event.actor1 == "Military Forces of Turkey"
    assert event.fatalities == 3


def _tallies(run, text, language="ar"):
    doc = run(text, published=PUB, language=language)
    return doc, sorted(t.count for t in doc.tallies)


def test_attacks_since_a_weekday_are_a_tally_not_an_incident(run, one_event):
    doc, counts = _tallies(run, "قُتل عنصر من قسد أمس بقصف تركي على قرية قرب مدينة عامودا. وقالت الإدارة الذاتية إن الهجمات "
                                "التركية منذ مساء الخميس أسفرت عن مقتل 11 شخصا، بينهم 6 مدنيين.")
    assert counts == [6, 11]
    assert [e.fatalities for e in doc.events] == [1]


def test_documented_toll_of_a_past_month_is_a_tally(run, one_event):
    doc, counts = _tallies(run, "قُتل شاب برصاص مجهولين في مدينة نوى أمس. ووثق مكتب التوثيق في درعا خلال نيسان الماضي "
                                "35 عملية اغتيال في المحافظة، أسفرت عن مقتل 28 شخصا.")
    assert 28 in counts
    assert [e.fatalities for e in doc.events] == [1]


def test_english_documented_toll_since_a_date_is_a_tally(run, one_event):
    doc, counts = _tallies(run, "An SDF fighter was killed in clashes with tribal gunmen in the town of Hajin yesterday. "
                                "Since the outbreak of fighting on August 3, SOHR has documented 64 fatalities, "
                                "including 19 civilians.", language="en")
    assert counts == [19, 64]
    assert [e.fatalities for e in doc.events] == [1]


def test_single_incident_documented_by_a_monitor_stays_an_incident(run, one_event):
    doc, counts = _tallies(run, "وثق المرصد السوري مقتل أربعة مدنيين بقصف مدفعي لقوات النظام على بلدة سرمين أمس.")
    assert counts == []
    assert [e.fatalities for e in doc.events] == [4]


def test_owner_of_a_headquarters_struck_is_the_target(run, one_event):
    event = one_event("نفذت طائرات حربية أمريكية فجر اليوم غارات استهدفت مستودعا للأسلحة ومقرا لميليشيا لواء فاطميون "
                      "في مدينة البوكمال، وأسفرت عن مقتل 5 عناصر من الميليشيات.")
    assert event.actor1 == "Military Forces of the United States"
    assert event.actor2 == "Fatemiyoun Brigade"


def test_english_object_through_of_and_possessive(run, one_event):
    event = one_event("Islamic State militants attacked a position of Iraq's Popular Mobilization Forces east of "
                      "Samarra late on Tuesday, killing three fighters.", language="en")
    assert event.actor1 == "Islamic State"
    assert event.actor2 == "Popular Mobilization Forces"


def test_actor_named_in_the_charge_is_not_the_arrested(run, one_event):
    event = one_event("اعتقلت قوات سوريا الديمقراطية فجر اليوم خمسة شبان في مدينة البصيرة بتهمة التعامل مع خلايا تنظيم داعش.")
    assert event.actor1 == "SDF: Syrian Democratic Forces"
    assert event.actor2 == "Civilians"


def test_two_young_men_abducted_are_civilians(run, one_event):
    event = one_event("خطفت مجموعة مسلحة أمس شابين على الطريق بين مدينة شهبا وبلدة الصورة الكبيرة.")
    assert event.actor2 == "Civilians"


def test_wounded_figure_after_and_is_not_a_death(run, one_event):
    event = one_event("Two Iraqi soldiers were killed and three others wounded on Tuesday when a roadside bomb struck "
                      "their vehicle in the town of Tarmiyah.", language="en")
    assert event.fatalities == 2
    assert event.injured == 3


def test_victims_joined_across_a_rank(run, one_event):
    event = one_event("انفجرت عبوة ناسفة بعجلة للجيش العراقي في قضاء الطارمية أمس، ما أدى إلى استشهاد ضابط برتبة ملازم أول "
                      "وجندي وإصابة ثلاثة آخرين.")
    assert event.fatalities == 2


def test_source_announcing_its_own_strike_is_the_initiator(run, one_event):
    event = one_event("أعلنت خلية الإعلام الأمني، اليوم، تنفيذ ضربة جوية أسفرت عن مقتل 4 إرهابيين من داعش في قضاء الطارمية.")
    assert event.actor1 == "Military Forces of Iraq"
    assert event.fatalities == 4


def test_source_reporting_others_is_not_an_actor(run, one_event):
    event = one_event("قالت خلية الإعلام الأمني إن عبوة ناسفة انفجرت بعجلة للجيش العراقي في قضاء الطارمية أمس.")
    assert event.actor1 == "Unidentified Armed Group"
    assert event.actor2 == "Military Forces of Iraq"


def test_actors_outside_the_vocabulary_are_marked():
    from marsad.text.lexicon import read_yaml

    vocabulary = set(read_yaml("vocabulary.yaml")["actors"])
    for raw in read_yaml("actors.yaml")["actors"]:
        assert (raw["name"] in vocabulary) == (raw.get("vocabulary", True) is not False), raw["name"]


def test_vaguely_named_side_is_a_conflicting_figure_not_another_side(run, one_event):
    event = one_event("Iraqi forces killed four ISIS militants in a raid on a hideout in the Hawija district on Wednesday. "
                      "A local police source, however, said 5 militants were killed.", language="en")
    assert (event.fatalities, event.fatalities_high) == (4, 5)


def test_dual_pronoun_on_a_killing_noun_counts_two(run, one_event):
    event = one_event("استهدفت طائرة مسيرة تركية سيارة تقل قياديين في حزب العمال الكردستاني قرب مدينة السليمانية أمس، "
                      "ما أدى إلى مقتلهما.")
    assert event.actor2 == "PKK: Kurdistan Workers Party"
    assert event.fatalities == 2


def test_plural_pronoun_takes_the_people_figure_before_it(run, one_event):
    event = one_event("اعترض مسلحون مجهولون سيارة تقل ثلاثة شبان في مدينة جاسم بريف درعا أمس وأطلقوا النار عليهم، "
                      "ما أدى إلى مقتلهم.")
    assert event.fatalities == 3


def test_english_subject_of_a_when_clause_is_the_initiator(run, one_event):
    event = one_event("Two Peshmerga fighters were killed when ISIS militants attacked their post in Makhmour "
                      "on Sunday night.", language="en")
    assert (event.actor1, event.actor2, event.fatalities) == ("Islamic State", "Peshmerga", 2)
