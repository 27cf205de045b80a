"""Period tolls whose "since" adverbial opens the sentence, before the clause that counts the dead."""

from datetime import date

PUB = date(2023, 6, 12)
AMBUSH = "هاجم مسلحون دورية للجيش قرب قرية البوحياة في ريف الحويجة فجر اليوم، ما أدى إلى مقتل جنديين.\n\n"


def test_tallies_fronted_period_makes_the_clause_a_tally(run):
    doc = run(AMBUSH + "ومنذ مطلع العام الحالي، قتل 41 من عناصر الأمن في هجمات للتنظيم في محافظة الأنبار وحدها، "
                       "وفق إحصائية لوكالة محلية.", published=PUB)
    assert [e.fatalities for e in doc.events] == [2]
    assert [t.count for t in doc.tallies] == [41]


def test_tallies_fronted_period_needs_many_incidents(run):
    doc = run("ومنذ فجر اليوم، قتل 3 عناصر من الشرطة بانفجار عبوة ناسفة استهدفت دوريتهم قرب بلدة الرياض.",
              published=PUB)
    assert [e.fatalities for e in doc.events] == [3]
    assert doc.tallies == []


def test_tallies_toll_of_a_past_year_is_not_an_incident(run):
    text = ("Security forces opened fire on protesters outside the governor's office in Basra on Tuesday, killing one. "
            "The city was a centre of the 2018 water protests, in which more than 30 people were killed "
            "across southern Iraq.")
    doc = run(text, published=PUB, language="en")
    assert doc.events and all(e.fatalities != 30 for e in doc.events)


def test_tallies_toll_of_a_past_year_arabic(run):
    text = ("قتل متظاهر برصاص قوات الأمن خلال احتجاج أمام مبنى المحافظة في البصرة أمس الثلاثاء. "
            "وكانت المدينة مركزاً لاحتجاجات عام 2018، التي قتل فيها أكثر من 30 متظاهراً في محافظات الجنوب.")
    doc = run(text, published=PUB)
    assert [e.fatalities for e in doc.events] == [1]


def test_tallies_this_years_date_keeps_the_toll(run):
    doc = run("Turkish artillery shelled the village of Dardara near Tal Tamr on Monday, killing 4 civilians, "
              "the worst attack on the village in 2023.",
              published=PUB, language="en")
    assert 4 in [e.fatalities for e in doc.events]
