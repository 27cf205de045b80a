"""``marsad geocode``: the places a text names, the candidates and the choice, each mention's role, with reasons."""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING

import typer
from rich.table import Table

from marsad.cli.app import app, console, run_or_exit

if TYPE_CHECKING:
    from marsad.geo import PlaceMention

log = logging.getLogger(__name__)

_JSON_FIELDS = ("text", "start", "end", "relation", "name", "name_ar", "admin1", "admin2", "admin3",
                "country", "latitude", "longitude", "geo_precision", "where_prec", "role", "reason")


@app.command()
def geocode(
    text: str = typer.Argument(..., help="Arabic or English text to geocode."),
    as_json: bool = typer.Option(False, "--json", help='Print {"places": [...]} as JSON.'),
) -> None:
    """Find the places a text names and show the place chosen for each, with its candidates.

    Example: marsad geocode "قتل خمسة عناصر في هجوم قرب الميادين بريف دير الزور الشرقي"
    """
    from marsad.geo import Geocoder

    mentions = run_or_exit(lambda: Geocoder.default().find_places(text))
    if as_json:
        console.print_json(json.dumps({"places": [_json(m) for m in mentions]}, ensure_ascii=False))
    else:
        console.print(_table(mentions))


def _json(mention: PlaceMention) -> dict:
    """The chosen place's fields with the candidates nested."""
    data = mention.to_dict()
    out = {key: data[key] for key in _JSON_FIELDS}
    out["place_id"] = data["place_id"]
    out["candidates"] = data["candidates"]
    return out


def _table(mentions: list[PlaceMention]) -> Table:
    """A Rich table: one row per mention."""
    table = Table(title=f"{len(mentions)} place mention(s)", show_lines=True)
    for column in ("text", "relation\nrole", "chosen", "lat, lon", "prec", "candidates", "reason"):
        table.add_column(column)
    for m in mentions:
        others = "\n".join(f"{c.name} ({c.feature}, {c.admin1})" for c in m.candidates[1:])
        table.add_row(m.text, f"{m.relation}\n{m.role}", f"{m.place.name}\n{m.place.admin1} / {m.place.admin2}",
                      f"{m.latitude:.4f}, {m.longitude:.4f}", f"{m.geo_precision} / {m.where_prec}",
                      others or "-", m.reason)
    return table
