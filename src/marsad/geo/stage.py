"""The pipeline stage: file every place mention of a document under ``doc.spans["place"]``."""

from __future__ import annotations

import logging
from collections.abc import Callable

from marsad.document import Document
from marsad.geo.geocoder import Geocoder

log = logging.getLogger(__name__)


def geocode_stage(geocoder: Geocoder) -> Callable[[Document], Document]:
    """A stage (Document -> Document) adding one "place" span per mention, value = mention.to_dict()."""

    def stage(doc: Document) -> Document:
        mentions = geocoder.find_places(doc.text)
        for mention in mentions:
            doc.add_span("place", mention.start, mention.end, mention.relation, value=mention.to_dict())
        log.debug("%s: %d place mentions", doc.id, len(mentions))
        return doc

    return stage
