"""CSV exports (CLI and API) neutralise spreadsheet formulas in every text cell (OWASP; issue 15)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from marsad.cli import app
from marsad.export import write_csv
from marsad.export.spreadsheet import neutralise_formula

PAYLOADS = ["=HYPERLINK(\"http://evil.example\",\"click\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1,2)",
            "\tTAB=1", "\rCR=1"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_spreadsheet_formula_cells_are_prefixed(payload: str) -> None:
    assert neutralise_formula(payload) == "'" + payload


@pytest.mark.parametrize("value", ["Ariha", "أريحا", "", "2024-03-05", 5, -3, -36.6, None, "a=b"])
def test_spreadsheet_plain_cells_are_unchanged(value: object) -> None:
    assert neutralise_formula(value) == value


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_spreadsheet_write_csv_neutralises_every_text_column(make_event) -> None:  # type: ignore[no-untyped-def]
    event = make_event(location=PAYLOADS[0], actor1=PAYLOADS[1], notes=PAYLOADS[3], admin2=PAYLOADS[4],
                       longitude=-36.6, fatalities=3)
    out = io.StringIO()
    write_csv([{**event.to_dict(), "corrected": ["notes"]}], out)  # notes a reviewer wrote are exported as written
    (row,) = _rows(out.getvalue())
    assert row["location"] == "'" + PAYLOADS[0] and row["actor1"] == "'" + PAYLOADS[1]
    assert row["notes"] == "'" + PAYLOADS[3] and row["admin2"] == "'" + PAYLOADS[4]
    assert row["longitude"] == "-36.6" and row["fatalities"] == "3"
    assert not any(v.startswith(("=", "+", "@", "\t", "\r")) for v in row.values())


@pytest.fixture()
def poisoned(tmp_path: Path, store, ariha_doc):  # type: ignore[no-untyped-def]
    """A store file whose event location a reviewer set to a formula."""
    store.add_document(ariha_doc)
    (event,) = list(store.iter_event_records())
    store.correct_field(event["id"], "location", PAYLOADS[0], who="someone")
    path = tmp_path / "poisoned.sqlite"
    store.conn.execute("VACUUM INTO ?", (str(path),))
    return path


def test_spreadsheet_cli_export_neutralises(poisoned: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    result = CliRunner().invoke(app, ["export", "--format", "csv", "--db", str(poisoned), "--out", str(out)])
    assert result.exit_code == 0, result.output
    (row,) = _rows(out.read_text(encoding="utf-8"))
    assert row["location"] == "'" + PAYLOADS[0]


def test_spreadsheet_api_csv_neutralises(poisoned: Path) -> None:
    from fastapi.testclient import TestClient

    from marsad.api import create_app
    from marsad.store import Store

    with Store(poisoned) as store, TestClient(create_app(store)) as client:
        response = client.get("/api/events", params={"format": "csv"})
    assert response.status_code == 200
    (row,) = _rows(response.text)
    assert row["location"] == "'" + PAYLOADS[0]
