"""CSV cells a spreadsheet would run as a formula are made plain text (OWASP "CSV injection")."""

from __future__ import annotations

from typing import Any

# A cell starting with one of these is read as a formula by Excel, LibreOffice or Google Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value: Any) -> Any:
    """A text cell that starts like a formula, prefixed with a single quote (shown, never run).

    Numbers stay numbers (a negative fatality count or longitude is no formula); only text
    is changed, as OWASP recommends.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralise_row(row: list[Any]) -> list[Any]:
    """``neutralise_formula`` applied to every cell of a CSV row."""
    return [neutralise_formula(cell) for cell in row]
