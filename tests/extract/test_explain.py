"""The explanation of a report: events with their evidence, tallies, and every decision."""

from datetime import date

from rich.console import Console

from marsad.extract.explain import event_highlights, explain_document, explain_paths, explanation_text

TEXT = ("مقتل 5 جنود بهجوم في البادية\n"
        "قُتل خمسة جنود من قوات النظام في هجوم شنه مقاتلو تنظيم داعش على حاجز قرب مدينة السخنة أمس.\n"
        "وكانت قوات النظام قد سيطرت على المدينة في آب 2017.\n"
        "وبذلك يرتفع إلى 90 عدد قتلى قوات النظام منذ مطلع العام.")


def test_explain_text_lists_events_tallies_and_decisions(run):
    doc = run(TEXT, published=date(2024, 5, 10))
    text = explanation_text(doc)
    assert "EVENT t-1: Battles / Armed clash" in text
    assert "[actor1]" in text and "[location]" in text and "[fatalities]" in text
    assert "TALLY 90" in text
    assert "DROP" in text and "KEPT" in text


def test_explain_highlights_do_not_overlap(run):
    doc = run(TEXT, published=date(2024, 5, 10))
    highlights = event_highlights(doc.events[0])
    for a, b in zip(highlights, highlights[1:]):
        assert a.end <= b.start


def test_explain_document_renders_with_rich(run):
    doc = run(TEXT, published=date(2024, 5, 10))
    console = Console(record=True, width=120)
    for part in explain_document(doc):
        console.print(part)
    output = console.export_text()
    assert "Battles / Armed clash" in output and "decisions" in output


def test_explain_paths_reads_and_extracts(tmp_path, pipeline):
    report = tmp_path / "report.txt"
    report.write_text(TEXT, encoding="utf-8")
    docs = list(explain_paths([report], pipeline=pipeline))
    assert [d.id for d in docs] == ["report"]
    assert docs[0].events
