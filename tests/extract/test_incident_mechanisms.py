"""Round-3 mechanisms: looting and seized homes, rocket salvos, and counted attacks told as a trend."""

from datetime import date

PUB = date(2024, 3, 7)  # a Thursday


def test_looting_arabic_plunder_of_homes_is_looting(run):
    text = ("استولت قوات النظام، أمس الأربعاء، على عدد من منازل النازحين في مدينة الميادين شرق دير الزور، "
            "ونهبت أثاث ثلاثة منها على الأقل.")
    doc = run(text, published=PUB)
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in doc.events] == [
        ("Looting/property destruction", "Military Forces of Syria", "Civilians")]
    assert doc.events[0].event_date == "2024-03-06"


def test_looting_english_looted_shops(run):
    doc = run("Gunmen looted several shops in the market of al-Bab town on Monday night, a local source said.",
              published=PUB, language="en")
    assert [(e.event_type, e.sub_event_type) for e in doc.events] == [
        ("Strategic developments", "Looting/property destruction")]


def test_looting_seizure_verb_alone_does_not_open_an_incident(run):
    doc = run("استولى الجيش على كميات من الأسلحة والذخائر خلال السنوات الماضية.", published=PUB)
    assert doc.events == []


def test_rocket_salvo_is_shelling(run):
    text = "أعلنت جماعة مسلحة استهداف قاعدة عين الأسد في الأنبار برشقة صاروخية مساء اليوم، من دون ورود معلومات عن إصابات."
    doc = run(text, published=PUB)
    assert [e.sub_event_type for e in doc.events] == ["Shelling/artillery/missile attack"]


def test_trend_counted_attacks_do_not_join_an_arrest(run):
    text = ("In Tabqa city, the Asayish detained four people overnight in a raid in the al-Wahda neighborhood "
            "on suspicion of planning attacks, a statement said.\n\n"
            "Sleeper cells have since carried out dozens of attacks across the region.")
    doc = run(text, published=PUB, language="en")
    assert [e.sub_event_type for e in doc.events] == ["Arrests"]


def test_trend_latest_in_a_string_of_attacks_is_still_the_incident(run):
    text = ("Militants ambushed an army patrol near the town of Rutba overnight, killing two soldiers, "
            "officials said on Sunday, in the latest in a string of attacks on security forces.")
    doc = run(text, published=PUB, language="en")
    assert [(e.sub_event_type, e.fatalities) for e in doc.events] == [("Armed clash", 2)]


def test_protest_deadly_dispersal_is_excessive_force_by_the_force(run):
    text = ("أفاد مصدر طبي، اليوم الخميس، بمقتل متظاهر وإصابة 9 آخرين، خلال محاولة قوات الأمن العراقية "
            "تفريق المحتجين قرب ساحة الحبوبي وسط مدينة الناصرية.")
    doc = run(text, published=PUB)
    assert [(e.sub_event_type, e.fatalities, e.location) for e in doc.events] == [
        ("Excessive force against protesters", 1, "Nasiriyah")]


def test_protest_named_force_firing_on_protesters_is_actor2(run):
    """ACLED codes the demonstrators as actor1 of every demonstration event; the force is actor2."""
    text = ("أطلقت قوات الأمن العراقية الرصاص الحي على المتظاهرين في مدينة الناصرية اليوم، "
            "ما أدى إلى مقتل متظاهر وإصابة خمسة آخرين.")
    doc = run(text, published=PUB)
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in doc.events] == [
        ("Excessive force against protesters", "Protesters", "Military Forces of Iraq")]


def test_protest_dispersal_without_casualties_opens_nothing_alone(run):
    doc = run("تحاول القوات الأمنية عادة تفريق المحتجين في المدينة.", published=PUB)
    assert doc.events == []


def test_place_body_part_after_fi_is_not_a_place(run):
    text = "قُتل شاب اليوم بطلق ناري في الصدر أطلقه مسلحون مجهولون في مدينة الناصرية."
    doc = run(text, published=PUB)
    assert [e.location for e in doc.events] == ["Nasiriyah"]


def test_quote_reporters_own_report_is_not_a_quoted_report(run):
    text = ("وفي بلدة طفس، خطف مسلحون مجهولون رجلاً من أبناء البلدة على طريق المزيريب، أمس الأربعاء، "
            "ولم تتلق عائلته أي اتصال من الخاطفين حتى لحظة إعداد هذا التقرير.")
    doc = run(text, published=PUB)
    assert [e.sub_event_type for e in doc.events] == ["Abduction/forced disappearance"]


def test_quote_what_a_report_adds_is_still_a_quote(run):
    text = "وأضاف التقرير أن مسلحين هاجموا حاجزا لقوات النظام قرب بلدة طفس في ريف درعا الغربي."
    doc = run(text, published=PUB)
    assert doc.events == []


def test_grouping_detail_on_another_day_is_another_incident(run):
    text = ("سيطرت هيئة تحرير الشام على بلدة جنديرس في ريف حلب الشمالي، فجر الخميس، بعد انسحاب مقاتلي الفيلق الثالث.\n\n"
            "وقال مصدر محلي إن الاشتباكات التي دارت مساء الثلاثاء قرب قرية كفر جنة أسفرت عن مقتل 6 مقاتلين.")
    doc = run(text, published=PUB)
    kinds = [(e.sub_event_type, e.event_date, e.fatalities) for e in doc.events]
    assert kinds == [("Non-state actor overtakes territory", "2024-03-07", None), ("Armed clash", "2024-03-05", 6)]


def test_place_route_of_entry_is_not_the_site(run):
    text = ("وقال مصدر محلي إن الرتل دخل المدينة من محور جنديرس، وإن الاشتباكات التي دارت أمس "
            "قرب قرية كفر جنة أسفرت عن مقتل 4 مقاتلين.")
    doc = run(text, published=PUB)
    assert [e.location for e in doc.events] == ["Kafr Jannah"]


def test_grouping_the_other_side_replies_is_another_incident(run):
    text = ("قصفت قوات النظام بالمدفعية الثقيلة أحياء سكنية في مدينة أريحا جنوبي إدلب اليوم، ما أدى لمقتل 3 مدنيين.\n\n"
            "من جهتها، ردت هيئة تحرير الشام بقصف صاروخي على مواقع لقوات النظام في محيط مدينة معرة النعمان، "
            "من دون ورود معلومات عن خسائر بشرية.")
    doc = run(text, published=PUB)
    assert [(e.actor1, e.location) for e in doc.events] == [
        ("Military Forces of Syria", "Ariha"), ("Hayat Tahrir al-Sham", "Maarrat an Numan")]


def test_grouping_meanwhile_shelling_elsewhere_is_another_incident(run):
    text = ("قُتل عنصران من قوات سوريا الديمقراطية اليوم باستهداف مسيرة تركية لسيارتهما قرب مدينة عامودا.\n\n"
            "وتزامناً مع ذلك، قصفت القوات التركية بالمدفعية الثقيلة قرى في ريف بلدة تل تمر، "
            "ما ألحق أضراراً مادية بمنازل المدنيين.")
    doc = run(text, published=PUB)
    assert [e.sub_event_type for e in doc.events] == ["Air/drone strike", "Shelling/artillery/missile attack"]
    assert doc.events[1].event_date == "2024-03-07"


def test_looting_negative_adjective_is_not_plunder(run):
    doc = run("حذر مسؤولون اليوم من تداعيات سلبية لعمليات النهب على أسواق مدينة حلب خلال السنوات الماضية.",
              published=PUB)
    assert doc.events == []
