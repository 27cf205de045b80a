"""The SQLite event store: one transaction per report, events merged across reports.

``Store(path)`` is the public entry point; ``AddResult`` says what
``Store.add_document`` did. The schema is ``schema.sql`` plus the numbered
migrations in ``migrations.py``.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from marsad.store.connection import default_path
    from marsad.store.merger import AddResult
    from marsad.store.store import Store

_HOMES = {"AddResult": "marsad.store.merger", "Store": "marsad.store.store", "default_path": "marsad.store.connection"}


def __getattr__(name: str) -> Any:
    """Import ``Store`` and friends on first use: ``marsad.store.connection`` alone stays light."""
    if name not in _HOMES:
        raise AttributeError(f"module 'marsad.store' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(_HOMES[name]), name)

__all__ = ["AddResult", "Store", "default_path"]
