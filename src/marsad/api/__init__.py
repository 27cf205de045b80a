"""marsad.api: ``create_app(store)`` -> FastAPI app; one router module per resource."""

from marsad.api.app import create_app

__all__ = ["create_app"]
