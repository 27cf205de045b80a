"""Long texts cut into bounded windows at paragraph breaks (else line, sentence or word breaks)."""

from __future__ import annotations

_BREAKS = ("\n\n", "\n", ". ", " ")


def text_windows(text: str, size: int) -> list[tuple[int, int]]:
    """``[start, end)`` ranges covering ``text`` in order, each about ``size`` characters or less: a
    window ends at the last paragraph break before ``size`` (a line, sentence or word break when the
    part has none). A text of ``size`` characters or less is one window."""
    windows: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > size:
        end = _cut(text, start, start + size)
        windows.append((start, end))
        start = end
    windows.append((start, len(text)))
    return windows


def _cut(text: str, start: int, limit: int) -> int:
    """Where a window starting at ``start`` ends: after the last break in its second half, else at ``limit``."""
    for mark in _BREAKS:
        found = text.rfind(mark, start + (limit - start) // 2, limit)
        if found > start:
            return found + len(mark)
    return limit
