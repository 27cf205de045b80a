"""Mechanisms found on real reports (issue 9), each tested on sentences written for this project.

Every test names the general shape it covers; none of these sentences comes from a real report.
"""

from __future__ import annotations

from datetime import date

PUB = date(2024, 5, 10)


def _events(run, text, published=PUB):
    return [(e.event_type, e.sub_event_type, e.actor1, e.actor2, e.fatalities) for e in run(text, published).events]


# --- protests: ACLED's actor order, force on protesters, deaths when dispersed ------------------

def test_clash_between_forces_and_protesters_is_force_on_a_protest(run):
    text = "أفاد مصدر طبي بمقتل شخصين في صدامات بين قوات الأمن ومتظاهرين وسط مدينة الكوت مساء اليوم."
    assert _events(run, text) == [
        ("Protests", "Excessive force against protesters", "Protesters", "Military Forces of Iraq", 2)]


def test_protest_dispersed_with_deaths_is_excessive_force(run):
    text = "قال مصدر أمني اليوم إن متظاهرين اثنين قتلا بنيران الشرطة خلال تفريق مظاهرة في مدينة الديوانية."
    assert _events(run, text) == [
        ("Protests", "Excessive force against protesters", "Protesters", "Police Forces of Iraq", 2)]


def test_force_on_protesters_told_apart_joins_their_protest(run):
    text = ("خرج مئات المتظاهرين اليوم في مدينة الكوت احتجاجا على انقطاع الكهرباء.\n"
            "وأصيب 12 محتجا بالرصاص الحي عندما حاولت قوات الأمن تفريقهم.")
    events = run(text, PUB).events
    assert len(events) == 1 and events[0].actor1 == "Protesters" and events[0].injured == 12


def test_call_to_protest_is_no_protest(run):
    text = "وجه ناشطون دعوات للتظاهر أمام مبنى المحافظة في مدينة الناصرية يوم الجمعة المقبل."
    assert run(text, PUB).events == []


# --- clause status: comparisons, history, plans ------------------------------------------------

def test_a_clause_that_only_compares_is_no_incident(run):
    text = ("قتل ثلاثة جنود اليوم بهجوم مسلح على حاجز للجيش قرب مدينة بيجي.\n"
            "ويعد هذا الهجوم الأعنف في المنطقة منذ مطلع العام.")
    assert len(run(text, PUB).events) == 1


def test_a_record_after_the_incidents_figure_is_cut_off(run):
    text = "قتل خمسة مدنيين اليوم بانفجار عبوة ناسفة في سوق مدينة الباب، في الهجوم الأكثر دموية هذا العام."
    assert _events(run, text) == [("Explosions/Remote violence", "Remote explosive/landmine/IED",
                                   "Unidentified Armed Group", "Civilians", 5)]


def test_sibaq_an_tells_history_but_sibaq_an_qal_reports(run):
    history = ("قتل جندي اليوم بانفجار لغم قرب قرية الحمرات.\n"
               "وسبق أن شهدت القرية اشتباكات عنيفة بين الجيش وعناصر التنظيم.")
    assert len(run(history, PUB).events) == 1
    report = ("قتل جندي اليوم بانفجار لغم قرب قرية الحمرات بحسب مصدر طبي.\n"
              "وسبق أن قال مصدر عسكري إن عبوة ناسفة انفجرت بدورية للجيش قرب القرية.")
    assert len(run(report, PUB).events) == 1


def test_a_plan_to_attack_is_no_attack(run):
    text = "ألقت قوات الأمن القبض على خلية كانت تخطط لاقتحام سجن في مدينة كركوك اليوم."
    assert [e.sub_event_type for e in run(text, PUB).events] == ["Arrests"]


# --- layout: a sentence wrapped over lines ------------------------------------------------------

def test_a_sentence_wrapped_over_several_lines_is_one_sentence(run):
    text = ("قال مسؤول محلي\n"
            "إن مسلحين مجهولين أطلقوا النار على سيارة مدنية في قرية\n"
            "الهول شرقي الحسكة اليوم، ما أدى إلى مقتل سائقها.")
    events = run(text, PUB).events
    assert [(e.event_type, e.actor2, e.fatalities) for e in events] == [
        ("Violence against civilians", "Civilians", 1)]


# --- who: claims, former affiliations, unarmed victims, military objects --------------------------

def test_a_claim_of_responsibility_names_the_initiator(run):
    text = "انفجرت سيارة مفخخة اليوم في سوق مدينة تكريت، فيما أعلن تنظيم داعش تبنيه للهجوم."
    assert [e.actor1 for e in run(text, PUB).events] == ["Islamic State"]


def test_the_group_a_victim_once_belonged_to_is_not_a_party(run):
    text = "اغتال مسلحون مجهولون اليوم القيادي السابق في فصائل المعارضة أبو خالد قرب بلدة نوى بريف درعا."
    assert _events(run, text) == [
        ("Violence against civilians", "Attack", "Unidentified Armed Group", "Civilians", 1)]


def test_people_shot_with_no_armed_side_named_are_civilians(run):
    text = "قتل ثلاثة أشخاص اليوم برصاص مسلحين مجهولين على طريق بلدة الصنمين."
    assert _events(run, text) == [
        ("Violence against civilians", "Attack", "Unidentified Armed Group", "Civilians", 3)]


def test_a_military_post_hit_makes_the_target_armed(run):
    text = "قتل أربعة عسكريين اليوم بهجوم مسلح استهدف نقاطا عسكرية في ريف سلمية الشرقي."
    assert _events(run, text)[0][:2] == ("Battles", "Armed clash")


def test_a_generic_attack_word_yields_to_the_weapon_named_beside_it(run):
    text = "قتل ستة أشخاص اليوم في هجمات استهدفت مدينة القامشلي، حيث هزت التفجيرات سوق المدينة."
    assert [e.sub_event_type for e in run(text, PUB).events] == ["Remote explosive/landmine/IED"]


# --- tolls: preliminary figures, updates, vague amounts -------------------------------------------

def test_a_later_figure_supersedes_a_preliminary_one(run):
    text = ("قتل 12 عنصرا من الشرطة اليوم بهجوم لداعش على حاجز قرب ناحية العظيم.\n"
            "وكان مصدر أمني أفاد في وقت سابق بمقتل خمسة عناصر في الهجوم.")
    events = run(text, PUB).events
    assert [(e.fatalities, e.fatalities_low, e.fatalities_high) for e in events] == [(12, 12, 12)] or \
        [e.fatalities for e in events] == [12]


def test_an_update_wins_over_an_earlier_toll(run):
    text = ("قتل 9 مقاتلين اليوم في اشتباكات بين فصيلين في مدينة الباب.\n"
            "وارتفع عدد القتلى إلى 14 مقاتلا في حصيلة جديدة.")
    assert [e.fatalities for e in run(text, PUB).events] == [14]


def test_a_vague_amount_does_not_win_the_lowest_figure_rule(run):
    text = ("أسفر انفجار سيارة مفخخة اليوم في مدينة إعزاز عن مقتل عشرات المدنيين.\n"
            "وقال مصدر طبي إن 35 مدنيا قتلوا في الانفجار.")
    assert [e.fatalities for e in run(text, PUB).events] == [35]


# --- tolls joined to their parts; sites told apart -------------------------------------------------

def test_sub_counts_are_parts_whether_or_not_their_whole_has_a_killing_word_of_its_own(run):
    text = "قال الدفاع المدني إن 11 شخصا على الأقل، بينهم خمسة أطفال وثلاث نساء، قتلوا بقصف على بلدة كفرنبل اليوم."
    assert [e.fatalities for e in run(text, PUB).events] == [11]


def test_a_dual_noun_joined_to_a_named_victim_counts_two_more(run):
    text = "قتل قيادي في الفصيل وعنصرين من حمايته اليوم بانفجار عبوة ناسفة قرب مدينة الباب."
    assert [e.fatalities for e in run(text, PUB).events] == [3]


def test_a_running_total_told_far_from_its_rise_word(run):
    text = ("قتل متظاهران اليوم برصاص قوات الأمن في مدينة الكوت.\n"
            "وارتفع عدد قتلى الاحتجاجات التي شهدتها المدينة، اليوم الجمعة، إلى ثلاثة بعد وفاة جريح.")
    assert [e.fatalities for e in run(text, PUB).events] == [3]


def test_one_clause_telling_two_villages_with_their_own_figures_is_two_incidents(run):
    text = ("قتل سبعة مدنيين اليوم بينهم طفلان في بلدة إحسم وثلاثة مدنيين في قرية البارة "
            "بغارات للطيران الروسي على ريف إدلب الجنوبي.")
    events = run(text, PUB).events
    assert sorted((e.location, e.fatalities) for e in events) == [("Barah", 3), ("Ihsim", 7)]


def test_one_figure_over_two_cities_told_apart_is_their_sum(run):
    text = ("قتل 60 شخصا اليوم في تفجيرات ضربت مدينتي طرطوس وجبلة.\n"
            "وقال المرصد إن التفجيرات أسفرت عن مقتل 25 شخصا في طرطوس و35 آخرين في جبلة.")
    events = run(text, PUB).events
    assert sorted((e.location, e.fatalities) for e in events) == [("Jableh", 35), ("Tartous", 25)]


def test_the_two_ends_of_a_road_are_one_site(run):
    text = "قتل عنصران اليوم بقصف مسيرة تركية على سيارة على الطريق الواصل بين القامشلي وعامودا."
    assert len(run(text, PUB).events) == 1


def test_a_detail_told_at_another_town_is_another_incident(run):
    text = ("شنت طائرات روسية غارات على مدينة سرمين اليوم ما أدى إلى مقتل مدنيين اثنين.\n"
            "وأضاف المراسل أن قوات النظام قصفت بالمدفعية قرية البارة في جبل الزاوية.")
    assert sorted(e.location for e in run(text, PUB).events) == ["Barah", "Sarmin"]


def test_the_village_of_the_details_outranks_the_leads_countryside(run):
    text = ("قتل مدنيان اليوم بقصف جوي روسي على ريف إدلب.\n"
            "وقال المراسل إن الغارات استهدفت قرية مرعيان في جبل الزاوية.")
    assert [e.location for e in run(text, PUB).events] == ["Marayan"]


# --- factions, tribes, towns referred to, statements -------------------------------------------------

def test_two_factions_of_one_armed_group_fighting_each_other(run):
    text = "اندلعت اشتباكات عنيفة اليوم بين الفيلق الثالث وفرقة الحمزة في مدينة الباب أسفرت عن مقتل عنصرين."
    assert [(e.actor1, e.actor2) for e in run(text, PUB).events] == [("Syrian National Army", "Syrian National Army")]


def test_a_deadly_tribal_dispute_is_a_clash_between_tribal_militias(run):
    text = "قتل ثلاثة أشخاص اليوم بنزاع عشائري اندلع بين عشيرتين في قضاء الشطرة شمال الناصرية."
    assert [(e.event_type, e.actor1, e.actor2, e.fatalities) for e in run(text, PUB).events] == [
        ("Battles", "Tribal militia", "Tribal militia", 3)]


def test_the_town_a_clause_refers_to_without_naming_it(run):
    text = ("سيطرت قوات الحكومة اليوم على بلدة كفرنبودة في ريف حماة.\n"
            "وخاضت القوات اشتباكات عنيفة مع المسلحين في البلدة ومحيطها.")
    assert [e.location for e in run(text, PUB).events] == ["Kafr Nabudah"]


def test_a_statement_condemning_an_attack_tells_no_incident(run):
    text = ("قتل مدنيان اليوم بقصف تركي على قرية في ريف تل تمر.\n"
            "وأدان المتحدث باسم التحالف الدولي، في بيان صدر اليوم، الهجوم على المدنيين.")
    assert len(run(text, PUB).events) == 1


def test_a_governorate_capital_named_bare_tells_no_other_site(run):
    text = ("قتل مدنيان اليوم بقصف تركي على قرية الدردارة بريف تل تمر.\n"
            "وقال مسؤول إن الطائرة المسيرة أصابت المدنيين في الحسكة أثناء عملهم في الحقل.")
    assert len(run(text, PUB).events) == 1


def test_a_word_glued_to_a_preposition_is_no_place_name(run):
    text = "سيطر الفيلق الثالث اليوم على مقرات لفرقة الحمزة في مدينة الباب بعد اشتباكات عنيفة."
    assert [e.admin1 for e in run(text, PUB).events] == ["Aleppo"]


def test_a_strike_retold_with_another_weapon_word_is_one_incident(run):
    text = ("قتل أربعة مدنيين اليوم بغارة نفذتها طائرة مسيرة تركية على مركز تعليمي في قرية الدردارة.\n"
            "وأسفر القصف التركي على المركز عن إصابة ستة آخرين.")
    events = run(text, PUB).events
    assert [(e.fatalities, e.injured) for e in events] == [(4, 6)]


# --- named victims, additions, summed and cut-off figures -------------------------------------

def test_quoted_names_before_a_plural_killing_word_count_each_victim(run):
    text = ('أفاد مصدر محلي بأن مجهولين أطلقوا النيران اليوم على سيارة يستقلها "سامر العلي" وكل من '
            '"خالد الأحمد" و"محمود الحسن" في بلدة تبنة بريف درعا، ما أدى لمقتلهم جميعا.')
    events = run(text, PUB).events
    assert [(e.sub_event_type, e.fatalities, e.location) for e in events] == [("Attack", 3, "Tibnah")]


def test_one_victim_named_among_a_group_is_no_lower_count(run):
    text = ("اغتال مجهولون اليوم القيادي السابق سامر العلي وعدة شخصيات في محافظة درعا.\n"
            'وقال مصدر محلي إن مسلحين أطلقوا النيران على سيارة تقل "سامر العلي" و"خالد الأحمد" '
            'و"محمود الحسن" قرب بلدة تبنة، ما أدى لمقتلهم جميعا.')
    assert [e.fatalities for e in run(text, PUB).events] == [3]


def test_quoted_list_joined_to_a_named_victim_adds_each_name(run):
    text = ('قتل القيادي في درعا سامر العلي، والقياديين "خالد الأحمد - محمود الحسن" اليوم بعد '
            "استهدافهم برصاص مجهولين قرب بلدة موثبين.")
    events = run(text, PUB).events
    assert [(e.fatalities, e.location) for e in events] == [(3, "Mothabin")]


def test_a_figure_brought_in_by_an_addition_word_adds_to_the_one_before(run):
    text = "وقال مصدر طبي إن نحو 20 شخصا قتلوا اليوم بانفجار سيارة مفخخة في مدينة أعزاز، إضافة إلى أشلاء خمس جثث."
    assert [e.fatalities for e in run(text, PUB).events] == [25]


def test_one_toll_over_counted_incidents_at_several_places_is_their_sum(run):
    text = ("وشهدت العاصمة اليوم ثلاثة تفجيرات بسيارات مفخخة في مدينة الصدر وبمدخل الكاظمية، "
            "أسفرت عن مقتل 50 شخصا.")
    assert all(e.fatalities != 50 for e in run(text, PUB).events)


def test_an_incident_in_the_sentence_a_report_breaks_off_in_gets_no_borrowed_place(run):
    text = "قتل خمسة مدنيين اليوم بقصف مدفعي على مدينة أريحا. من جهة أخرى قتل 9 أشخاص فجر اليوم باشتباكات ق"
    assert [e.fatalities for e in run(text, PUB).events] == [5]


def test_a_group_a_victim_belonged_to_once_named_before_sabiqan_is_no_party(run):
    text = ("استهدف مجهولون اليوم سيارة يستقلها ثلاثة قادة عسكريين في فصائل المعارضة سابقا "
            "قرب بلدة تبنة بريف درعا، ما أدى لمقتلهم على الفور.")
    assert _events(run, text) == [("Violence against civilians", "Attack", "Unidentified Armed Group", "Civilians", 3)]


def test_worth_mentioning_tells_history(run):
    text = ("قتل ثلاثة قادة اليوم برصاص مجهولين قرب بلدة تبنة بريف درعا.\n"
            "والجدير بالذكر أن أحدهم تعرض لمحاولة اغتيال قبل عام بعبوة ناسفة في مدينة درعا.")
    assert len(run(text, PUB).events) == 1


def test_a_quarter_of_the_city_told_is_placed_at_that_city(run):
    text = ("شنت طائرات التحالف الدولي اليوم غارات على أحياء السباهية والقادسية غربي مدينة الرقة، "
            "ما أسفر عن مقتل 12 مدنيا.")
    assert [(e.location, e.fatalities) for e in run(text, PUB).events] == [("Ar-Raqqa", 12)]


def test_a_quoted_group_name_after_a_victim_counts_no_one(run):
    text = ('قتلت امرأة اليوم جراء قصف مدفعي للقوات التركية وفصائل "الجيش الوطني" على قرية هوشان '
            "غربي بلدة عين عيسى.")
    assert [e.fatalities for e in run(text, PUB).events] == [1]


def test_only_the_first_actor_after_the_verb_is_its_subject(run):
    text = "استهدف عناصر من تنظيم داعش الجيش العراقي بهجوم قرب قضاء الطارمية أمس، ما أدى إلى مقتل جنديين."
    assert [(e.actor1, e.actor2) for e in run(text, PUB).events] == [("Islamic State", "Military Forces of Iraq")]


def test_a_military_adjective_agreeing_with_its_noun_is_no_soldier(run):
    text = "نفذ الجيش الإسرائيلي توغلاً عسكرياً في ريف القنيطرة الجنوبي، واعتقل ثلاثة شبان من قرية جباتا الخشب."
    events = run(text, PUB).events
    assert events and all("Military Forces of Syria" not in (e.actor1, e.actor2) for e in events)
    assert {e.actor1 for e in events} == {"Military Forces of Israel"}


def test_the_event_takes_the_middle_of_the_month(run) -> None:
    doc = run("قتل ثلاثة عناصر من قوات النظام في منتصف آذار الجاري بهجوم لمسلحين على حاجز قرب مدينة الميادين.",
              published=date(2021, 3, 25))
    assert [(e.event_date, e.time_precision) for e in doc.events] == [("2021-03-15", 2)]


def _kinds_and_actor1(run, text):  # type: ignore[no-untyped-def]
    return [(e.sub_event_type, e.actor1) for e in run(text, PUB).events]


def test_a_device_defused_is_disrupted_weapons_use_by_the_owner_of_the_bomb_squad(run):
    text = "فككت فرق الهندسة التابعة للشرطة عبوة ناسفة مزروعة على طريق عام في مدينة الباب شرقي حلب اليوم."
    assert _kinds_and_actor1(run, text) == [("Disrupted weapons use", "Police Forces of Syria")]


def test_a_drone_brought_down_by_air_defences_is_disrupted_weapons_use(run):
    text = "أسقطت الدفاعات الجوية التابعة لقوات النظام طائرة مسيرة قرب مدينة حماة اليوم."
    assert _kinds_and_actor1(run, text) == [("Disrupted weapons use", "Military Forces of Syria")]


def test_a_device_that_went_off_while_defused_is_an_explosion(run):
    text = "قتل ثلاثة مدنيين بانفجار عبوة ناسفة أثناء محاولة تفكيكها في مدينة الباب شرقي حلب اليوم."
    assert [e.sub_event_type for e in run(text, PUB).events] == ["Remote explosive/landmine/IED"]


def test_mines_cleared_after_a_battle_are_part_of_the_battle(run):
    text = ("سيطرت قوات النظام على بلدة كفرنبودة بريف حماة اليوم بعد معارك عنيفة مع هيئة تحرير الشام، "
            "وبدأت بتمشيطها وتفكيك الألغام والعبوات الناسفة التي زرعها المقاتلون.")
    assert "Disrupted weapons use" not in [e.sub_event_type for e in run(text, PUB).events]


def test_finding_bodies_makes_no_initiator_of_the_finder(run):
    text = "عثرت شرطة محافظة صلاح الدين اليوم على جثث ثمانية مدنيين اختطفهم مسلحون مجهولون في قضاء بلد."
    assert [e.actor1 for e in run(text, PUB).events] == ["Unidentified Armed Group"]


def test_who_repelled_an_attack_did_not_launch_it(run):
    text = "تصدت وحدات الجيش لهجوم شنته مجموعات مسلحة على نقاط عسكرية في محيط بلدة الحويز بريف حماة اليوم."
    assert [e.actor2 for e in run(text, PUB).events] == ["Military Forces of Syria"]


def test_what_a_side_is_held_to_have_done_is_another_incident(run):
    text = ("سيطرت قوات الفيلق الثالث اليوم على مقرات فرقة الحمزة في مدينة الباب، "
            "بعد ثبوت تورط عناصرها باغتيال ناشط إعلامي وزوجته الشهر الماضي.")
    assert [(e.sub_event_type, e.fatalities) for e in run(text, PUB).events] == [
        ("Non-state actor overtakes territory", None)]


def test_a_result_clause_belongs_to_the_incident_before_it(run):
    text = ("نفذت طائرات التحالف الدولي غارة على منزل في بلدة سرمدا بريف إدلب الشمالي؛ أسفرت عن مقتل 6 مدنيين، "
            "في حين قصفت قوات النظام مدينة أريحا جنوبي إدلب.")
    assert sorted((e.location, e.fatalities) for e in run(text, PUB).events) == [("Ariha", None), ("Sarmada", 6)]


def test_the_largest_operation_since_another_is_no_incident(run):
    text = ("قتل خمسة عناصر من تنظيم داعش اليوم بغارة أمريكية قرب بلدة أطمة بريف إدلب.\n"
            "وقال مصدر إن هذه أكبر عملية من هذا النوع منذ غارة على بلدة باريشا قبل عامين.")
    assert [e.location for e in run(text, PUB).events] == ["Atmah"]


def test_warplanes_targeting_a_place_is_an_air_strike(run):
    text = "قتل مدنيان وجرح آخرون صباح اليوم إثر استهداف الطائرات الحربية الروسية الأطراف الغربية من مدينة إدلب."
    assert [(e.sub_event_type, e.actor1) for e in run(text, PUB).events] == [("Air/drone strike", "Military Forces of Russia")]


def test_a_weak_targeting_word_opens_an_incident_when_aircraft_struck_a_place(run):
    text = ("قالت مصادر محلية إن 10 مدنيين قضوا صباح اليوم،\n"
            "وجرح أكثر من 30 آخرين، إثر استهداف طائرة حربية روسية سوقاً شعبياً على أطراف مدينة جسر الشغور بريف إدلب.")
    assert [(e.location, e.actor1) for e in run(text, PUB).events] == [("Jisr al-Shughur", "Military Forces of Russia")]


def test_with_no_publication_date_a_clause_opening_on_another_day_is_another_incident(run):
    text = ("شن عناصر من تنظيم داعش مساء اليوم هجوماً على قرية جخماخة في قضاء الدبس بمحافظة كركوك، "
            "ما أدى إلى مقتل أربعة مدنيين.\n"
            "وأمس، قتل جندي من الجيش العراقي جراء هجوم شنه مسلحو داعش على نقطة عسكرية قرب قضاء خانقين.")
    events = run(text, None).events
    assert sorted(e.fatalities for e in events) == [1, 4]


def test_the_gunmen_of_a_report_about_one_group_are_that_group(run):
    text = ("شن عناصر من تنظيم داعش مساء اليوم هجوماً على قرية جخماخة في قضاء الدبس بمحافظة كركوك، "
            "وأسفرت الاشتباكات بين المسلحين وأهالي القرية عن مقتل أربعة مواطنين.")
    assert [(e.actor1, e.actor2) for e in run(text, PUB).events] == [("Islamic State", "Civilians")]


def test_gunmen_named_as_unknown_stay_unknown(run):
    text = ("اغتال مسلحون مجهولون اليوم مختار قرية المزيريب بريف درعا الغربي، وفر المسلحون إلى جهة مجهولة.\n"
            "وكان تنظيم داعش قد تبنى هجمات مماثلة في المنطقة العام الماضي.")
    assert [e.actor1 for e in run(text, PUB).events] == ["Unidentified Armed Group"]


def test_a_sentence_counting_dead_lets_a_weak_blast_word_open_the_incident(run):
    text = "قُتل 40 مدنيا على الأقل، وجرح 47 آخرون، اليوم، في انفجار هز مدينة عفرين في ريف حلب."
    assert [(e.sub_event_type, e.location, e.fatalities) for e in run(text, PUB).events] == [
        ("Remote explosive/landmine/IED", "Afrin", 40)]


def test_children_among_the_victims_are_part_of_the_toll(run):
    text = ("قُتل 40 مدنيا على الأقل، اليوم، في انفجار سيارة مفخخة هز مدينة عفرين في ريف حلب.\n"
            "وأكدت مصادر طبية أن من بين الضحايا 11 طفلا.")
    assert [e.fatalities for e in run(text, PUB).events] == [40]


def test_an_accusation_clause_tells_no_incident_of_its_own(run):
    text = ("قُتل 40 مدنيا اليوم في انفجار صهريج مفخخ هز مدينة عفرين في ريف حلب.\n"
            "وأكدت وزارة الدفاع التركية الحصيلة، متهمة الوحدات الكردية بالمسؤولية عن الهجوم.")
    assert [e.sub_event_type for e in run(text, PUB).events] == ["Remote explosive/landmine/IED"]


def test_a_toll_followed_by_today_is_still_a_toll(run):
    text = "قُتل 40 مدنيا على الأقل اليوم في انفجار سيارة مفخخة في مدينة عفرين."
    assert [e.fatalities for e in run(text, PUB).events] == [40]


def test_a_figure_counting_days_is_no_toll(run):
    text = "قتل جندي اليوم بهجوم على حاجز قرب مدينة الميادين بعد حصار استمر 40 يوما."
    assert [e.fatalities for e in run(text, PUB).events] == [1]


# --- undated reports: the weekday they name is kept for merging --------------------------------

def _weekday_of_first(run, text):
    from marsad.store.merger import report_mentions

    doc = run(text, None)
    return doc.events[0].event_date, report_mentions(doc)[0].weekday


def test_undated_report_keeps_the_weekday_it_names_as_date_evidence(run):
    """No publication date: "مساء الخميس" cannot become a date, but merging compares its weekday."""
    text = "قتل ثلاثة مدنيين مساء الخميس بقصف مدفعي لقوات النظام على مدينة أريحا بريف إدلب."
    assert _weekday_of_first(run, text) == (None, 3)


def test_undated_report_weekday_of_a_claim_days_later_is_not_the_incident_day(run):
    """"announced on Monday an attack two days ago": Monday is not the day of the attack."""
    text = "أعلن تنظيم داعش، الاثنين، مسؤوليته عن هجوم قتل فيه خمسة جنود قرب مدينة بيجي أمس."
    assert _weekday_of_first(run, text) == (None, None)


def test_relative_clause_on_a_definite_noun_refers_to_the_incident_told(run):
    """"the hunters who were kidnapped ...": what is already known of them, not a second abduction."""
    text = ("اختطف مسلحون 26 صيادا قطريا في بادية السماوة فجر اليوم. وأعلنت وزارة الداخلية أن الصيادين القطريين "
            "الذين اختطفوا في صحراء النجف لم يلتزموا بتعليمات الوزارة.")
    assert [(e.sub_event_type, e.location) for e in run(text, PUB).events] == [
        ("Abduction/forced disappearance", "Samawah")]
