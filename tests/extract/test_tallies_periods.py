"""Figures that are not one incident's dead: "killed or wounded", and a party's count over the past hours."""

from datetime import date

import pytest

PUB = date(2024, 5, 10)
SHELLING_AR = "قصفت القوات التركية قرية الدردارة في ريف تل تمر أمس. "
SHELLING_EN = "Turkish artillery shelled the village of Dardara near Tal Tamr on Monday. "


@pytest.mark.parametrize("text, language", [
    (SHELLING_AR + "من جانبها، أعلنت وزارة الدفاع التركية \"تحييد 7 إرهابيين\" في شمالي سوريا "
                   "خلال الـ48 ساعة الماضية.", "ar"),
    (SHELLING_EN + "The Turkish defence ministry said it had \"neutralised\" 7 militants in northern Syria "
                   "over the past 48 hours.", "en"),
])
def test_tallies_count_over_the_past_hours_is_not_the_incident_toll(run, text, language):
    doc = run(text, published=PUB, language=language)
    assert [e.fatalities for e in doc.events] == [None]


@pytest.mark.parametrize("text, language", [
    ("ردت وحدات من الجيش السوري على مصادر إطلاق القذائف بقصف مواقع المسلحين قرب بلدة كفرنبل أمس، "
     "موقعة 15 قتيلاً أو جريحاً في صفوفهم.", "ar"),
    ("Government troops shelled rebel positions near Kafranbel on Monday, leaving 15 killed or wounded "
     "among the fighters.", "en"),
])
def test_tallies_killed_or_wounded_figure_is_not_a_death_toll(run, text, language):
    doc = run(text, published=PUB, language=language)
    assert doc.events and all(e.fatalities != 15 for e in doc.events)


def test_tallies_killed_and_wounded_apart_still_counts(run):
    doc = run("قصفت قوات النظام بلدة كفرنبل أمس ما أدى إلى مقتل 4 مدنيين وإصابة 6 آخرين.", published=PUB)
    assert [e.fatalities for e in doc.events] == [4]
