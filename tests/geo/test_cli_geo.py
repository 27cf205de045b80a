"""``marsad geocode``: table and JSON output."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from marsad.cli import app

runner = CliRunner()


def test_cli_geocode_json_lists_places_in_text_order() -> None:
    result = runner.invoke(app, ["geocode", "--json", "قصف على الرصافة في بادية الرقة ثم على تدمر"])
    assert result.exit_code == 0, result.output
    places = json.loads(result.output)["places"]
    assert [p["name"] for p in places] == ["Rusafa", "Raqqa desert", "Palmyra"]
    first = places[0]
    assert {"text", "start", "end", "admin1", "admin2", "admin3", "latitude", "longitude",
            "geo_precision", "candidates"} <= set(first)
    assert first["admin1"] == "Raqqa" and len(first["candidates"]) > 1


def test_cli_geocode_table_shows_choice_and_reason() -> None:
    result = runner.invoke(app, ["geocode", "قتل جنديان في الميادين"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Al Mayadin" in result.output and "candidate" in result.output


def test_cli_geocode_help_has_example() -> None:
    result = runner.invoke(app, ["geocode", "--help"])
    assert result.exit_code == 0 and "Example" in result.output


def test_cli_geocode_shows_roles_and_why() -> None:
    result = runner.invoke(app, ["geocode", "--json", "قتل شخصان في قرية بريهة شرقي دير الزور بحسب شبكة الرقة 24"])
    assert result.exit_code == 0, result.output
    places = json.loads(result.output)["places"]
    assert [(p["name"], p["role"]) for p in places] == [
        ("Breiha", "site"), ("Deir ez-Zor", "reference"), ("Ar-Raqqa", "name")]
    assert "direction anchor" in places[1]["reason"] and "outlet" in places[2]["reason"]
    table = runner.invoke(app, ["geocode", "انفجرت عبوة على بعد 30 كم شرق بعقوبة"], env={"COLUMNS": "200"})
    assert table.exit_code == 0 and "reference" in table.output
