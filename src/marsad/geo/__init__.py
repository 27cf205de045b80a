"""marsad.geo: the shipped gazetteer of Syria and Iraq and the geocoder over it.

``Geocoder.default().find_places(text)`` returns ``PlaceMention`` objects in text order;
``geocode_stage(geocoder)`` files them in ``doc.spans["place"]``.
"""

from marsad.geo.gazetteer import Gazetteer
from marsad.geo.geocoder import Geocoder
from marsad.geo.places import Place, PlaceMention, distance_km
from marsad.geo.stage import geocode_stage

__all__ = ["Gazetteer", "Geocoder", "Place", "PlaceMention", "distance_km", "geocode_stage"]
