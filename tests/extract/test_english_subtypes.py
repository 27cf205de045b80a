"""English reports (issue 16): every ACLED sub-type from the same stages, places outside the gazetteer,
reports that tell no ACLED event, and the short report whose only incident the usual rules set aside.

Every sentence here was written for these tests; places are invented or real towns of Syria and Iraq.
"""

from __future__ import annotations

from datetime import date

import pytest

from marsad.extract.kinds import load_kinds
from marsad.extract.matcher import PhraseMatcher
from marsad.extract.outside import NO_PLACE_TAG, OUTSIDE_TAG
from marsad.text.normalize import NormalizedText

PUB = date(2024, 5, 10)  # a Friday

SUBTYPES = [
    ("Government troops and rebels clashed for hours near the village of Korvane on Tuesday, killing six fighters.",
     "Armed clash"),
    ("Army units recaptured the town of Belmira from the rebels on Tuesday after a week-long offensive.",
     "Government regains territory"),
    ("Insurgents seized control of the town of Belmira on Tuesday after government troops fled.",
     "Non-state actor overtakes territory"),
    ("Helicopters dropped containers of chlorine gas on the town of Belmira on Tuesday, choking dozens of residents.",
     "Chemical weapon"),
    ("Fighter jets bombed the village of Korvane on Tuesday, killing four civilians.", "Air/drone strike"),
    ("A suicide bomber blew himself up at a checkpoint in the town of Belmira on Tuesday, killing three police.",
     "Suicide bomb"),
    ("Rebel artillery pounded the outskirts of Belmira with mortar shells on Tuesday, killing two civilians.",
     "Shelling/artillery/missile attack"),
    ("A roadside bomb exploded under a bus near the town of Belmira on Tuesday, killing five passengers.",
     "Remote explosive/landmine/IED"),
    ("Militants hurled a grenade at a police post in the town of Belmira on Tuesday, wounding two officers.",
     "Grenade"),
    ("Soldiers raped two women during a raid on the village of Korvane on Tuesday, a rights group said.",
     "Sexual violence"),
    ("Gunmen attacked a wedding party in the village of Korvane on Tuesday, killing seven guests.", "Attack"),
    ("Gunmen kidnapped a doctor and his driver on the road to Belmira on Tuesday.",
     "Abduction/forced disappearance"),
    ("Hundreds of teachers rallied outside the governor's office in Belmira on Tuesday to demand unpaid wages.",
     "Peaceful protest"),
    ("Police fired tear gas and arrested twenty protesters at a rally in Belmira on Tuesday.",
     "Protest with intervention"),
    ("Security forces opened fire on protesters in Belmira on Tuesday, killing three of them.",
     "Excessive force against protesters"),
    ("Rioters torched shops and hurled stones at police in the city of Belmira on Tuesday.",
     "Violent demonstration"),
    ("A mob lynched a man accused of stealing cattle in the village of Korvane on Tuesday.", "Mob violence"),
    ("Police arrested an opposition leader and four of his aides at his home in Belmira on Tuesday.", "Arrests"),
    ("The army has deployed hundreds of troops and dozens of tanks to the border town of Belmira.",
     "Change to group/activity"),
    ("Police seized a cache of rifles and ammunition in a farmhouse near Belmira on Tuesday.",
     "Disrupted weapons use"),
    ("The army has set up a new military base outside the town of Belmira, officials said.",
     "Headquarters or base established"),
    ("Militiamen looted shops and set fire to homes in the village of Korvane on Tuesday.",
     "Looting/property destruction"),
    ("Rebel forces handed over the town of Belmira to government troops on Tuesday under a local deal.",
     "Non-violent transfer of territory"),
    ("The government and the rebels agreed a ceasefire in the northern province on Tuesday, mediators said.",
     "Agreement"),
]


@pytest.mark.parametrize("text, sub_type", SUBTYPES, ids=[s for _, s in SUBTYPES])
def test_english_every_subtype_is_coded(run, text, sub_type):
    doc = run(text, published=PUB, language="en")
    assert doc.events, doc.decisions
    assert doc.events[0].sub_event_type == sub_type


@pytest.mark.parametrize("text", [
    "Six people died when a chemical plant exploded in the town of Belmira on Tuesday.",
    "A passenger plane crashed near Belmira on Tuesday, killing all 40 people on board.",
    "Flash floods swept through the valley near Belmira on Tuesday, killing twelve people.",
    "Police arrested four men in Belmira on Tuesday on suspicion of smuggling drugs across the border.",
    "A grenade exploded during an attempted robbery at a jewellery shop in Belmira, killing the robber.",
    "The group claimed responsibility for the bombing of the consulate, which it said avenged its leader.",
    "The two presidents signed a trade agreement and agreed to open a new embassy in the capital.",
], ids=["plant", "crash", "flood", "drugs", "robbery", "claim", "diplomacy"])
def test_english_report_without_acled_event_yields_none(run, text):
    assert run(text, published=PUB, language="en").events == []


def test_english_outside_coverage_keeps_place_as_written(run):
    doc = run("Gunmen attacked a police station in the town of Korvane in Nigeria's Kaduna state on Tuesday, "
              "killing four officers.", published=PUB, language="en")
    event = doc.events[0]
    assert event.location == "Korvane"
    assert (event.latitude, event.longitude, event.geo_precision) == (None, None, None)
    assert event.country == "Nigeria" and event.iso == 566 and event.region == "Western Africa"
    assert event.tags == OUTSIDE_TAG
    assert doc.text[event.evidence["location"][0].start:event.evidence["location"][0].end] == "Korvane"


def test_english_outside_coverage_names_forces_of_the_country(run):
    doc = run("Afghan security forces recaptured the district of Korvane from insurgents on Tuesday.",
              published=PUB, language="en")
    event = doc.events[0]
    assert event.sub_event_type == "Government regains territory"
    assert event.actor1 == "Military Forces of Afghanistan" and event.inter1 == 1
    assert event.country == "Afghanistan"


def test_english_no_place_at_all_is_kept_and_flagged(run):
    doc = run("Soldiers and rebels clashed overnight, killing three fighters, the army said.", language="en")
    assert [(e.sub_event_type, e.location, e.tags) for e in doc.events] == [("Armed clash", None, NO_PLACE_TAG)]


def test_english_gazetteer_place_wins_over_written_names(run):
    doc = run("Islamic State militants attacked an army post near Tikrit on Tuesday, killing two soldiers.",
              published=PUB, language="en")
    event = doc.events[0]
    assert (event.admin1, event.tags) == ("Salah al-Din", "place: own clause")
    assert event.latitude is not None


def test_english_short_report_codes_what_it_set_aside(run):
    doc = run("Government forces used sarin in a March 2018 attack on the town of Belmira, investigators found.",
              language="en")
    assert [e.sub_event_type for e in doc.events] == ["Chemical weapon"]


def test_english_weak_word_alone_with_nobody_acting_is_no_incident(run):
    assert run("A storage container exploded behind a supermarket in Belmira on Tuesday.", language="en").events == []


def test_english_setting_fight_only_supports_the_incident(run):
    doc = run("A grenade exploded in a market in Belmira amid clashes between troops and rebels on Tuesday, "
              "killing one man.", published=PUB, language="en")
    assert doc.events[0].sub_event_type == "Grenade"


def test_english_weapons_found_after_an_attack_do_not_retype_it(run):
    doc = run("Two rockets struck an air base near Belmira late on Monday, causing no casualties.\n\n"
              "Troops later found the launcher on a truck near the town.", published=PUB, language="en")
    assert doc.events[0].sub_event_type == "Shelling/artillery/missile attack"


def test_arabic_long_analysis_is_not_read_by_the_short_report_rule(run):
    sentences = ["شهد شهر شباط الماضي تصعيدا في المنطقة الحدودية، حيث هاجمت قوات مجهولة مواقع عسكرية."] + [
        "ويرى محللون أن الوضع السياسي معقد ويحتاج إلى حلول طويلة الأمد." for _ in range(6)]
    assert run(" ".join(sentences), published=PUB).events == []


def test_kinds_parts_combine_only_without_excluded_kinds():
    kinds = load_kinds()
    assert "base" in kinds.combined(set(), {"establish", "base_noun"})
    assert "handover" in kinds.combined(set(), {"takeover", "withdraw"})
    assert "handover" not in kinds.combined(set(), {"takeover", "withdraw", "clash"})
    assert kinds.leading({"disrupt", "ied"}, hit=False) == "disrupt"
    assert kinds.leading({"disrupt", "ied"}, hit=True) is None
    assert kinds.blocks("accident", "explosion") and not kinds.blocks("accident", "protest")


def test_matcher_takes_english_possessive():
    matcher = PhraseMatcher()
    matcher.add("Syrian army", "army")
    matcher.build()
    found = matcher.find(NormalizedText("The Syrian Army's engineers and the Syrian armys"))
    assert [(m.start, m.end) for m in found] == [(4, 17)]
