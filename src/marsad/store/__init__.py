"""The SQLite event store: one transaction per report, events merged across reports.

``Store(path)`` is the public entry point; ``AddResult`` says what
``Store.add_document`` did. The schema is ``schema.sql`` plus the numbered
migrations in ``migrations.py``.
"""

from marsad.store.connection import default_path
from marsad.store.merger import AddResult
from marsad.store.store import Store

__all__ = ["AddResult", "Store", "default_path"]
