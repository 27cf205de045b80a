"""Demonstrations: protest words open Protests events, force used on protesters, what a protest
denounces, and a movement's earlier days told as background."""

from datetime import date

PUB = date(2024, 3, 7)  # a Thursday


def test_protest_word_opens_a_peaceful_protest(run):
    text = "خرج مئات الأهالي اليوم في مظاهرة وسط مدينة درعا للمطالبة بالإفراج عن المعتقلين."
    doc = run(text, published=PUB)
    assert [(e.event_type, e.sub_event_type, e.actor1, e.actor2) for e in doc.events] == [
        ("Protests", "Peaceful protest", "Protesters", None)]
    assert doc.events[0].admin1 == "Daraa" and doc.events[0].event_date == "2024-03-07"


def test_protest_what_it_denounces_is_not_an_incident(run):
    text = "نظم العشرات من أهالي مدينة الرمادي أمس تظاهرة منددة بالغارات الجوية على المدينة."
    doc = run(text, published=PUB)
    assert [(e.event_type, e.sub_event_type) for e in doc.events] == [("Protests", "Peaceful protest")]


def test_protest_gunfire_on_protesters_is_excessive_force(run):
    text = "أصيب أربعة متظاهرين أمس بإطلاق نار من قبل عناصر مجهولين قرب مبنى المحافظة في مدينة درعا."
    doc = run(text, published=PUB)
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in doc.events] == [
        ("Excessive force against protesters", "Protesters", "Unidentified Armed Group")]


def test_protest_dispersed_is_protest_with_intervention(run):
    text = "فرقت قوات الأمن العراقية اليوم تظاهرة في مدينة الناصرية باستخدام الغاز المسيل للدموع."
    doc = run(text, published=PUB)
    assert [e.sub_event_type for e in doc.events] == ["Protest with intervention"]


def test_protest_riot_words_make_a_riot(run):
    text = "شهدت مدينة البصرة اليوم أعمال شغب أحرق خلالها محتجون إطارات أمام مبنى المحافظة."
    doc = run(text, published=PUB)
    assert [(e.event_type, e.sub_event_type) for e in doc.events] == [("Riots", "Violent demonstration")]


def test_protest_movement_start_weeks_ago_is_background(run):
    text = ("خرج المئات اليوم في مظاهرة وسط مدينة السويداء.\n"
            "وبدأت الاحتجاجات في السويداء في 10 كانون الثاني الماضي بعد رفع أسعار الوقود.")
    doc = run(text, published=PUB)
    assert [e.event_date for e in doc.events] == ["2024-03-07"]


def test_protest_second_town_is_a_second_event(run):
    text = ("تظاهر المئات أمس في مدينة السويداء مطالبين بالإفراج عن المعتقلين.\n"
            "وامتدت الاحتجاجات يوم الجمعة الماضي إلى مدينة شهبا، حيث خرج العشرات في مظاهرة تضامنية.")
    doc = run(text, published=PUB)
    assert [(e.sub_event_type, e.event_date) for e in doc.events] == [
        ("Peaceful protest", "2024-03-06"), ("Peaceful protest", "2024-03-01")]


def test_protest_english_rally_against_strikes(run):
    text = "Hundreds of people held a rally against the air strikes in Mosul on Thursday, witnesses said."
    doc = run(text, published=PUB, language="en")
    assert [(e.sub_event_type, e.admin1, e.event_date) for e in doc.events] == [
        ("Peaceful protest", "Nineveh", "2024-03-07")]
