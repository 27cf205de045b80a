"""Event dates: the incident's own sentence first, never invented."""

from datetime import date


def _one(doc):
    assert len(doc.events) == 1, [(e.event_type, e.location, e.event_date) for e in doc.events]
    return doc.events[0]


def test_event_dates_yesterday_from_publication(run):
    event = _one(run("قُتل جنديان في هجوم لتنظيم داعش قرب مدينة السخنة يوم أمس الثلاثاء.", published=date(2024, 5, 8)))
    assert event.event_date == "2024-05-07"
    assert event.time_precision == 1
    assert event.evidence["event_date"]


def test_event_dates_no_publication_no_date(run):
    event = _one(run("قُتل جنديان في هجوم لتنظيم داعش قرب مدينة السخنة أمس."))
    assert event.event_date is None
    assert "no date" in (event.date_note or "") or event.date_note


def test_event_dates_related_context_inherits_the_date(run):
    text = ("هاجم عناصر من تنظيم داعش حاجزا لقوات النظام قرب مدينة السخنة أمس الثلاثاء.\n"
            "وفي سياق متصل، شن الطيران الحربي الروسي غارات على مواقع التنظيم في بادية مدينة الرقة.")
    doc = run(text, published=date(2024, 5, 8))
    assert [e.event_date for e in doc.events] == ["2024-05-07", "2024-05-07"]
    assert "inherited" in doc.events[1].date_note


def test_event_dates_report_date_is_not_the_incident_date(run):
    text = ("أفاد مصدر أمني، اليوم السبت، بمقتل جنديين في هجوم لتنظيم داعش قرب قضاء الرطبة.\n"
            "وقال المصدر إن عناصر التنظيم تسللوا مساء أمس الجمعة إلى محيط النقطة وفتحوا النار على الجنود.")
    event = _one(run(text, published=date(2023, 12, 2)))
    assert event.event_date == "2023-12-01"


def test_event_dates_today_means_publication_day(run):
    event = _one(run("قصفت قوات النظام بلدة سرمين اليوم، ما أدى إلى مقتل مدنيين اثنين.", published=date(2023, 8, 24)))
    assert event.event_date == "2023-08-24"


def test_event_dates_until_is_not_the_incident_date(run):
    text = ("توغلت قوة من الجيش الإسرائيلي قرب بلدة جباتا الخشب يوم الأربعاء 13 من الشهر الجاري.\n"
            "وخلال التوغل، اعتقلت القوة راعيا من أهالي البلدة، ولم يفرج عنه حتى صباح اليوم الجمعة.")
    doc = run(text, published=date(2024, 3, 15))
    assert [(e.event_type, e.event_date) for e in doc.events] == [
        ("Strategic developments", "2024-03-13"), ("Strategic developments", "2024-03-13")]
