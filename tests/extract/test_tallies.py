"""Cumulative and period tolls are tallies, never incidents."""

from datetime import date


def test_tallies_since_date_with_subcounts(run):
    text = ("قُتل جنديان في هجوم لتنظيم داعش قرب مدينة تدمر أمس.\n"
            "وبذلك يرتفع إلى 210 عدد قتلى قوات النظام منذ مطلع العام الجاري، بينهم 35 من الميليشيات الموالية لإيران، "
            "فيما قُتل 60 من عناصر التنظيم خلال الفترة ذاتها.")
    doc = run(text, published=date(2024, 5, 10))
    assert sorted(t.count for t in doc.tallies) == [35, 60, 210]
    assert [e.fatalities for e in doc.events] == [2]


def test_tallies_since_an_old_date_is_a_tally(run):
    doc = run("أحصى المرصد السوري لحقوق الإنسان منذ 3 نيسان 2020 مقتل 812 عنصرا من قوات النظام في هجمات التنظيم "
              "في البادية.", published=date(2024, 5, 10))
    assert [t.count for t in doc.tallies] == [812]
    assert doc.tallies[0].period_start == "2020-04-03"
    assert doc.events == []


def test_tallies_figure_never_becomes_fatalities(run):
    text = ("هاجم عناصر التنظيم نقطة لقوات النظام قرب مدينة السخنة أمس، ما أدى إلى مقتل 3 جنود.\n"
            "وقتل منذ بداية العام 150 عنصرا من قوات النظام في البادية السورية.")
    doc = run(text, published=date(2024, 5, 10))
    assert [e.fatalities for e in doc.events] == [3]
    assert 150 in [t.count for t in doc.tallies]


def test_tallies_sum_of_the_reports_incidents_is_neither(run):
    text = ("هاجمت خلايا التنظيم حاجزا لقوات النظام قرب مدينة السخنة، بعد مرور يوم على هجوم مماثل أوقع 9 قتلى.\n"
            "وفي التفاصيل، أسفر الهجوم عن مقتل عنصرين.")
    doc = run(text, published=date(2024, 5, 10))
    assert [e.fatalities for e in doc.events] == [2]
    assert 9 not in [t.count for t in doc.tallies]


def test_tallies_month_count_is_a_tally(run):
    doc = run("ووفقا لإحصائيات أمنية، قُتل خلال شهر حزيران الماضي 17 عنصرا من القوات الأمنية في هجمات متفرقة.",
              published=date(2023, 7, 9))
    assert [t.count for t in doc.tallies] == [17]
    assert doc.events == []
