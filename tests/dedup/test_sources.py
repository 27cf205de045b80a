"""An event's sources: ACLED names, each once with its figure; when sources really disagree."""

from __future__ import annotations

from datetime import date

from marsad.dedup.score import Mention
from marsad.dedup.sources import SourceDirectory, summarize_sources
from marsad.document import Claim, Span


def report(make_event, article: str, *, outlet: str | None, published: str = "2024-03-05", **fields):  # type: ignore[no-untyped-def]
    return Mention(f"{article}#0", article, make_event(**fields), outlet, date.fromisoformat(published))


def test_sources_each_once_with_its_latest_figure(make_event):
    summary = summarize_sources([
        report(make_event, "a", outlet="المرصد السوري لحقوق الإنسان", fatalities=5),
        report(make_event, "b", outlet="AFP", fatalities=5,
               sources=[Claim(source="Syrian Observatory for Human Rights")]),
        report(make_event, "c", outlet="syriahr.com", published="2024-03-06", fatalities=9),
    ])
    assert summary.source == "Syrian Observatory for Human Rights; AFP"
    assert summary.count == 2 and summary.source_scale == "National-International"
    sohr = summary.entries[0]
    assert sohr.articles == ["a", "b", "c"] and sohr.figure == 9  # a rising toll: the latest figure
    assert not summary.disagree  # a later, higher toll is an update, not a disagreement


def test_sources_disagree_on_different_totals_the_same_day(make_event):
    summary = summarize_sources([
        report(make_event, "a", outlet="سانا", fatalities=3, sources=[Claim(source="مصدر عسكري")]),
        report(make_event, "b", outlet="المرصد السوري", fatalities=5),
    ])
    assert summary.disagree
    assert [(e.name, e.figure, e.cites) for e in summary.entries] == [
        ("SANA", 3, ["Security source"]), ("Syrian Observatory for Human Rights", 5, [])]


def test_sources_one_sides_dead_is_not_a_disagreement(make_event):
    side = Claim(source="Syrian Observatory for Human Rights", kind="figure", fatalities=3,
                 note="a figure for one side or a conflicting report")
    summary = summarize_sources([report(make_event, "a", outlet="SOHR", fatalities=11, sources=[
        Claim(source="Syrian Observatory for Human Rights"), side])])
    assert not summary.disagree
    entry = summary.entries[0]
    assert entry.figure == 11 and [f.fatalities for f in entry.other_figures] == [3]


def test_sources_did_not_comment_is_not_a_denial(make_event):
    silent = Claim(source="Turkish Ministry of Defence", kind="denial", note="Turkey's defence ministry did not comment.",
                   evidence=[Span(30, 45, "denial", "did not comment")])
    denial = Claim(source="unnamed", kind="denial", note="ونفت قسد صحة الرقم",
                   evidence=[Span(0, 4, "denial", "ونفت")])
    summary = summarize_sources([report(make_event, "a", outlet="Reuters", fatalities=2, sources=[silent, denial])])
    assert [d["by"] for d in summary.no_comment] == ["Turkish Ministry of Defence"]
    assert [d["text"] for d in summary.denials] == ["ونفت قسد صحة الرقم"]
    assert summary.source == "Reuters"  # a party that said nothing is no source of the event


def test_sources_never_placeholders_ids_or_datelines(make_event):
    summary = summarize_sources([
        report(make_event, "ar-07", outlet=None, sources=[Claim(source="ar-07", article_id="ar-07"),
                                                          Claim(source="unnamed", kind="figure", fatalities=4)]),
        report(make_event, "ar-20", outlet="إدلب", sources=[Claim(source="إدلب")]),
        report(make_event, "ina-1", outlet="وكالة الأنباء العراقية - أمنية"),
        report(make_event, "x", outlet="https://www.enabbaladi.net/archives/1"),
    ])
    assert summary.source == "Iraqi News Agency; Enab Baladi"


def test_sources_cited_only_when_nothing_else(make_event):
    summary = summarize_sources([report(make_event, "a", outlet=None, sources=[Claim(source="مصادر محلية")])])
    assert summary.source == "Local sources" and summary.source_scale == "Local"


def test_sources_directory_knows_outlets_by_domain_and_masthead():
    directory = SourceDirectory.default()
    assert directory.outlet("hawarnews.com").name == "Hawar News Agency"
    assert directory.outlet("السومرية نيوز").name == "Alsumaria"
    assert directory.outlet("موقع جديد").name == "موقع جديد"  # unknown: kept as written
    assert directory.outlet("دمشق") is None


def test_sources_claims_extraction_may_mark_as_no_comment_or_totals(make_event):
    quiet = Claim(source="SANA", kind="no_comment", note="لم تعلق الوكالة")
    summary = summarize_sources([report(make_event, "a", outlet="Enab Baladi", fatalities=4, sources=[quiet])])
    assert [d["by"] for d in summary.no_comment] == ["SANA"] and summary.source == "Enab Baladi"
