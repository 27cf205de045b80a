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
