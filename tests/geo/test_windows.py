"""Long reports are geocoded in bounded windows cut at paragraph breaks (issue 15: linear work)."""

from __future__ import annotations

import pytest

from marsad.geo import Gazetteer
from marsad.geo.geocoder import Geocoder
from marsad.runner import sample_corpus_paths
from marsad.text.windows import text_windows


@pytest.mark.parametrize("text, size", [("", 10), ("abc", 10), ("a\n\nb\n\nc" * 50, 40), ("word " * 500, 64),
                                        ("x" * 1000, 64), ("one.\nline two. three " * 40, 50)])
def test_windows_cover_the_text_in_bounded_parts(text: str, size: int) -> None:
    windows = text_windows(text, size)
    assert windows[0][0] == 0 and windows[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(windows, windows[1:]))
    assert all(hi - lo <= size for lo, hi in windows)


def test_windows_cut_at_paragraph_breaks() -> None:
    text = "\n\n".join(f"paragraph {i} " + "word " * 20 for i in range(30))
    for lo, hi in text_windows(text, 400)[:-1]:
        assert text[hi - 2:hi] == "\n\n"


def test_windows_geocode_each_part_with_offsets_in_the_whole_text() -> None:
    reports = sorted(sample_corpus_paths()[0].glob("*.txt"))[:6]
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in reports)
    gazetteer = Gazetteer.default()
    whole = Geocoder(gazetteer, window_chars=len(text) + 1).find_places(text)
    parts = Geocoder(gazetteer, window_chars=2000).find_places(text)
    assert len(text_windows(text, 2000)) > 2
    assert parts and all(m.text == text[m.start:m.end] for m in parts)
    assert [m.start for m in parts] == sorted(m.start for m in parts)
    shared = {(m.start, m.place.id) for m in whole} & {(m.start, m.place.id) for m in parts}
    assert len(shared) >= 0.8 * len(whole)  # most places are read the same from their own part
