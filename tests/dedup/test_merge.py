"""Building the merged event: figures, most precise date and place, claims."""

from __future__ import annotations

from datetime import date

from marsad.dedup import Mention, fatality_figures, merge_mentions
from marsad.document import Claim
from marsad.text.normalize import normalize_key


def mention(make_event, article, published="2024-03-05", outlet="outlet", **fields) -> Mention:
    return Mention(f"{article}#0", article, make_event(**fields), outlet, date.fromisoformat(published))


def test_merge_rising_toll_in_later_report_raises_fatalities(make_event):
    first = mention(make_event, "a", outlet="SOHR", fatalities=5)
    later = mention(make_event, "b", "2024-03-06", outlet="Enab Baladi", fatalities=9)
    assert fatality_figures([first, later]) == {
        "fatalities": 9, "fatalities_low": 5, "fatalities_best": 9, "fatalities_high": 9}


def test_merge_lowest_rule_ignores_later_rise(make_event):
    first = mention(make_event, "a", outlet="SOHR", fatalities=5)
    later = mention(make_event, "b", "2024-03-06", outlet="Enab Baladi", fatalities=9)
    assert fatality_figures([first, later], "lowest")["fatalities"] == 5
    assert merge_mentions([first, later], event_id="MRS1", fatality_rule="lowest").fatalities_best == 9


def test_merge_same_day_disagreement_keeps_lowest_figure(make_event):
    sohr = mention(make_event, "a", outlet="SOHR", fatalities=9)
    sana = mention(make_event, "b", outlet="SANA", fatalities=4)
    late = mention(make_event, "c", "2024-03-06", outlet="AFP", fatalities=None)
    figures = fatality_figures([sohr, sana, late])
    assert figures == {"fatalities": 4, "fatalities_low": 4, "fatalities_best": 4, "fatalities_high": 9}


def test_merge_takes_most_precise_date_and_place(make_event):
    vague = mention(make_event, "a", event_date="2024-03-04", time_precision=2, location="Idlib",
                    geo_precision=3, latitude=35.93, longitude=36.63)
    precise = mention(make_event, "b", "2024-03-06")
    merged = merge_mentions([vague, precise], event_id="MRS1")
    assert merged.event_date == "2024-03-05" and merged.location == "Ariha" and merged.geo_precision == 1


def test_merge_claims_carry_article_ids_and_sources_are_counted(make_event):
    a = mention(make_event, "a", outlet="عنب بلدي", sources=[Claim(source="الدفاع المدني", fatalities=5)])
    b = mention(make_event, "b", outlet="سانا", injured=12)
    merged = merge_mentions([a, b], event_id="MRS1", cnty_id="SYR7")
    assert [(c.source, c.article_id) for c in merged.sources] == [("الدفاع المدني", "a"), ("سانا", "b")]
    assert merged.source == "Syria Civil Defence; Enab Baladi; SANA"  # as ACLED writes them
    assert merged.article_ids == ["a", "b"] and merged.injured == 12 and merged.event_id_cnty == "SYR7"


def test_merge_outlet_and_its_canonical_name_count_once(make_event):
    a = mention(make_event, "a", outlet="عنب بلدي", sources=[Claim(source="Enab Baladi")])
    b = mention(make_event, "b", outlet="SANA")
    names = {normalize_key("عنب بلدي"): "Enab Baladi", normalize_key("سانا"): "SANA"}
    merged = merge_mentions([a, b], event_id="MRS1", outlets=names)
    assert merged.source == "Enab Baladi; SANA"
    assert merge_mentions([a, b], event_id="MRS1").source == "Enab Baladi; SANA"


def test_merge_majority_type_wins(make_event):
    a = mention(make_event, "a", event_type="Battles", sub_event_type="Armed clash")
    b = mention(make_event, "b")
    c = mention(make_event, "c")
    assert merge_mentions([a, b, c], event_id="MRS1").event_type == "Explosions/Remote violence"
