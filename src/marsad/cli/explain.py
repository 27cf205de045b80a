"""``marsad explain FILE``: a report's events with their evidence highlighted, and every decision."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.rule import Rule

from marsad.cli.app import app, console, run_or_exit


@app.command()
def explain(
    paths: Annotated[list[Path], typer.Argument(help="Report files or folders (.txt, .html, .jsonl, .xml feeds).")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per report (JSON Lines): events with "
                                          "their quoted evidence, tallies, and every decision with its reason.")] = False,
) -> None:
    """Show, for each report, the events found with the words behind each field, and why every
    incident word or figure was kept or discarded.

    Example: marsad explain report.txt
    """
    from marsad.extract.explain import explain_document, explain_paths

    def work() -> int:
        count = 0
        for doc in explain_paths(paths):
            if as_json:
                from marsad.export.report import explanation_record

                print(json.dumps(explanation_record(doc), ensure_ascii=False))
                count += 1
                continue
            console.print(Rule(f"{doc.id} ({doc.published or 'no date'})"))
            for part in explain_document(doc):
                console.print(part)
            count += 1
        return count

    run_or_exit(work)
