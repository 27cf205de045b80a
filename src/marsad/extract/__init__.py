"""marsad.extract: incidents, actors, tolls, dates, tallies and claims, each with its evidence.

``build_stages()`` is what ``Pipeline.default()`` runs; ``Knowledge.load()`` reads the shipped
knowledge files (actors.yaml, sources.yaml, {ar,en}/triggers.tsv, {ar,en}/cues.yaml).
"""

from marsad.extract.knowledge import Knowledge
from marsad.extract.stages import build_stages

__all__ = ["Knowledge", "build_stages"]
