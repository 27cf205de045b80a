"""Files and folders: dispatch, ids, and every kind of bad file."""

from __future__ import annotations

import logging
import shutil
import time

import pytest

from marsad.errors import InputError
from marsad.ingest import read_path, read_paths

REPORT = "قتل عنصر من قوات النظام برصاص قناص في ريف درعا الغربي، بحسب مصادر محلية.\nوأصيب عنصر آخر بجروح."


def _write(path, text: str):
    path.write_text(text, encoding="utf-8")
    return path


def test_files_txt_fixture_reads_with_metadata(fixtures):
    (doc,) = read_path(fixtures / "report_ar.txt")
    assert doc.id == "report_ar"
    assert doc.source_path == str(fixtures / "report_ar.txt")
    assert doc.raw == (fixtures / "report_ar.txt").read_text(encoding="utf-8")
    assert doc.language == "ar"
    assert doc.title == "مقتل ثلاثة مدنيين بانفجار لغم أرضي في ريف حماة الشرقي"
    assert doc.outlet == "شبكة الرصد"
    assert doc.meta["encoding"] == "utf-8"
    assert "Facebook" not in doc.text and doc.removed


def test_files_empty_file(tmp_path):
    with pytest.raises(InputError, match=r"empty\.txt: empty file$"):
        list(read_path(_write(tmp_path / "empty.txt", "")))


@pytest.mark.parametrize("content", [b"  \n\t\r\n  ", b"\xef\xbb\xbf \n", " \n".encode("utf-16")])
def test_files_whitespace_only_is_empty(tmp_path, content):
    path = tmp_path / "blank.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=r"blank\.txt: empty file$"):
        list(read_path(path))


def test_files_binary_file(tmp_path):
    path = tmp_path / "x.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(InputError, match=r"x\.txt: binary file, not text$"):
        list(read_path(path))


def test_files_invalid_utf8(tmp_path):
    path = tmp_path / "x.txt"
    path.write_bytes(b"Report text \x80\x81\xfe\xff\xc3\x28 more \x9d\x8f\x90")
    with pytest.raises(InputError, match=r"x\.txt: not valid UTF-8 and no other encoding fits$"):
        list(read_path(path))


def test_files_utf16_bom_file(tmp_path):
    path = tmp_path / "u16.txt"
    path.write_bytes(REPORT.encode("utf-16"))
    (doc,) = read_path(path)
    assert doc.text == REPORT and doc.meta["encoding"] == "utf-16"


def test_files_too_big_is_refused_without_reading(tmp_path):
    path = tmp_path / "big.txt"
    with path.open("wb") as handle:  # sparse: nothing is written but the size
        handle.truncate(52_400_000)
    started = time.perf_counter()
    with pytest.raises(InputError, match=r"big\.txt: 52\.4 MB is over the 20 MB limit$"):
        list(read_path(path))
    assert time.perf_counter() - started < 0.5


def test_files_max_bytes_is_configurable(tmp_path):
    path = _write(tmp_path / "r.txt", REPORT)
    with pytest.raises(InputError, match=r"is over the 0\.0001 MB limit"):
        list(read_path(path, max_bytes=100))
    assert len(list(read_path(path, max_bytes=10_000))) == 1


def test_files_missing_path(tmp_path):
    with pytest.raises(InputError, match=r"nope\.txt: no such file or folder$"):
        list(read_path(tmp_path / "nope.txt"))


def test_files_unsupported_extension_named(tmp_path):
    path = _write(tmp_path / "report.pdf", REPORT)
    with pytest.raises(InputError, match=r"report\.pdf: unsupported file type '\.pdf'"):
        list(read_path(path))


def test_files_folder_is_recursive_sorted_and_skips_unknown(tmp_path, fixtures, caplog):
    (tmp_path / "b").mkdir()
    _write(tmp_path / "b" / "z.txt", REPORT)
    _write(tmp_path / "a.txt", REPORT + "\nوقتل ثالث.")
    _write(tmp_path / "notes.md", "# notes")
    (tmp_path / ".git").mkdir()
    _write(tmp_path / ".git" / "HEAD.txt", REPORT)
    shutil.copy(fixtures / "feed_ar.atom", tmp_path / "b" / "feed.atom")
    with caplog.at_level(logging.INFO, logger="marsad.ingest.files"):
        docs = list(read_path(tmp_path))
    assert [d.id for d in docs] == ["a", "urn:example:sharq:55", "z"]
    assert "notes.md: skipped" in caplog.text


def test_files_on_error_goes_on_with_next_file(tmp_path):
    _write(tmp_path / "a_empty.txt", "")
    (tmp_path / "b_binary.txt").write_bytes(b"\x00\x01\x02")
    _write(tmp_path / "c_good.txt", REPORT)
    errors: list[InputError] = []
    docs = list(read_path(tmp_path, on_error=errors.append))
    assert [d.id for d in docs] == ["c_good"]
    assert [str(e).split(": ", 1)[1] for e in errors] == ["empty file", "binary file, not text"]


def test_files_without_on_error_the_first_bad_file_raises(tmp_path):
    _write(tmp_path / "a_empty.txt", "")
    _write(tmp_path / "b_good.txt", REPORT)
    with pytest.raises(InputError, match="a_empty.txt: empty file"):
        list(read_path(tmp_path))


def test_files_read_paths_mixes_kinds(fixtures):
    errors: list[InputError] = []
    paths = [fixtures / "report_ar.txt", fixtures / "page_ar.html", str(fixtures / "batch.jsonl"), fixtures / "feed_ar.xml"]
    docs = list(read_paths(paths, on_error=errors.append))
    assert [d.id for d in docs][:2] == ["report_ar", "page_ar"]
    assert len(docs) == 2 + 4 + 2
    assert len(errors) == 3 + 1
    assert all(d.source_path for d in docs)


def test_files_read_paths_accepts_a_single_path(fixtures):
    assert [d.id for d in read_paths(str(fixtures / "report_ar.txt"))] == ["report_ar"]
