"""History, trends, analysts' quotes: never new incidents."""

from datetime import date

PUB = date(2024, 5, 10)


def test_background_pluperfect_is_history(run):
    doc = run("وكانت قوات النظام قد استعادت السيطرة على مدينة تدمر بعد معارك مع تنظيم داعش.", published=PUB)
    assert doc.events == []
    assert any("pluperfect" in d.reason or "background" in d.reason for d in doc.decisions if not d.kept)


def test_background_analyst_quote_is_not_an_incident(run):
    doc = run("وقال باحث في مركز دراسات إن \"التنظيم يشن هجمات متفرقة على الطرق في البادية\".", published=PUB)
    assert doc.events == []


def test_background_trend_is_not_an_incident(run):
    doc = run("وخلال الأشهر الماضية، ارتفعت وتيرة الهجمات التي يشنها التنظيم على مواقع قوات النظام في البادية.",
              published=PUB)
    assert doc.events == []


def test_background_old_date_is_not_an_incident(run):
    doc = run("سيطرت قوات النظام على مدينة الميادين في 14 تشرين الأول 2017 بعد معارك مع تنظيم داعش.", published=PUB)
    assert doc.events == []


def test_background_ongoing_since_days_is_not_an_incident(run):
    doc = run("وتقصف قوات النظام منذ أيام بلدات ريف إدلب الجنوبي بالمدفعية.", published=PUB)
    assert doc.events == []


def test_background_every_clause_gets_a_status_span(run):
    doc = run("قُتل جندي في هجوم قرب مدينة تدمر أمس.\nوكانت القوات قد انسحبت من المدينة في 2015.", published=PUB)
    labels = [s.label for s in doc.spans["status"]]
    assert "incident" in labels and "background" in labels
