"""Inputs an attacker or a careless user sends (issue 15): each read, or refused with a clear error
naming the file and line, and never the end of the run for the reports after it."""

from __future__ import annotations

import json
import os
from datetime import date, timedelta
from pathlib import Path

import pytest

from marsad.errors import InputError
from marsad.ingest import read_html, read_jsonl_text, read_path, read_paths, read_text

REPORT = "قتل خمسة مدنيين بقصف مدفعي على مدينة أريحا جنوبي إدلب، وأصيب آخرون بجروح."
REPORT_EN = "Five civilians were killed in shelling on the town of Ariha in southern Idlib."


def _line(**fields: object) -> str:
    return json.dumps({"text": REPORT, **fields}, ensure_ascii=False)


# --- HTML -----------------------------------------------------------------------------------

@pytest.mark.parametrize("fragment", [
    f"<p>{REPORT}</p>",
    f"<span>{REPORT}</span>",
    f"<td>{REPORT}</td>",
    f"<article>{REPORT}</article>",
    f"<p>{REPORT_EN}</p>",
    "قتل خمسة مدنيين <b>بقصف</b> مدفعي على مدينة أريحا",
    f"<div><p>{REPORT}</p></div><script>alert(1)</script><style>p {{color: red}}</style>",
])
def test_hostile_html_fragment_yields_its_text(fragment: str) -> None:
    doc = read_html(fragment, id="fragment")
    assert "مدنيين" in doc.text or "civilians" in doc.text
    assert "<" not in doc.text and "alert" not in doc.text and "color" not in doc.text


def test_hostile_html_fragment_keeps_list_items_apart() -> None:
    doc = read_html(f"<li>{REPORT}</li><li>وأفادت مصادر محلية بإصابة عشرة آخرين.</li>", id="items")
    assert doc.text.splitlines() == [REPORT, "وأفادت مصادر محلية بإصابة عشرة آخرين."]


@pytest.mark.parametrize("depth", [300, 5_000, 100_000])
def test_hostile_html_deeply_nested_page_yields_its_text(depth: int) -> None:
    page = f"<html><body>{'<div>' * depth}<p>{REPORT}</p>{'</div>' * depth}</body></html>"
    assert read_html(page, id="deep").text == REPORT


# --- encodings ------------------------------------------------------------------------------

@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [REPORT + "\n" + REPORT, REPORT_EN, "قتلخمسةمدنيين"])
def test_hostile_utf16_without_bom_is_read(tmp_path: Path, codec: str, text: str) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(text.encode(codec))  # no byte-order mark
    (doc,) = read_path(path)
    assert doc.text == text and doc.meta["encoding"] == codec


def test_hostile_binary_with_zero_bytes_is_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(InputError, match="binary file"):
        list(read_path(path))


# --- JSONL ----------------------------------------------------------------------------------

def test_hostile_jsonl_deep_nesting_is_an_error_naming_the_line() -> None:
    deep = "[" * 100_000 + "]" * 100_000
    errors: list[InputError] = []
    docs = list(read_jsonl_text("\n".join([_line(id="a"), deep, _line(id="b")]), name="b.jsonl",
                                on_error=errors.append))
    assert [d.id for d in docs] == ["a", "b"]
    assert [str(e) for e in errors] == ["b.jsonl: line 2: JSON nested too deeply to be a report"]


def test_hostile_jsonl_deep_nesting_inside_a_field_is_an_error() -> None:
    line = '{"id": "x", "text": "قتل", "extra": ' + "[" * 100_000 + "]" * 100_000 + "}"
    with pytest.raises(InputError, match="line 1: JSON nested too deeply"):
        list(read_jsonl_text(line, name="b.jsonl"))


@pytest.mark.parametrize(("value", "kind"), [
    ("true", "boolean"), ("1.5", "number"), ('["a"]', "array"), ('{"a": 1}', "object"),
])
def test_hostile_jsonl_id_of_wrong_type_is_an_error_naming_the_line(value: str, kind: str) -> None:
    text = _line(id="good") + "\n" + f'{{"id": {value}, "text": "{REPORT}"}}'
    errors: list[InputError] = []
    docs = list(read_jsonl_text(text, name="b.jsonl", on_error=errors.append))
    assert [d.id for d in docs] == ["good"]
    assert [str(e) for e in errors] == [f"b.jsonl: line 2: 'id' must be a string, got {kind}"]


def test_hostile_jsonl_boolean_text_is_an_error() -> None:
    with pytest.raises(InputError, match="'text' must be a string, got boolean"):
        list(read_jsonl_text('{"id": "x", "text": true}', name="b.jsonl"))


def test_hostile_jsonl_numeric_id_is_read_with_a_warning_naming_the_line() -> None:
    (doc,) = read_jsonl_text(f'{{"id": 17, "text": "{REPORT}"}}', name="b.jsonl")
    assert doc.id == "17"
    assert doc.meta["warnings"] == ["b.jsonl: line 1: 'id' is a number (17), read as the string '17'"]


# --- publication dates ----------------------------------------------------------------------

@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31", "1989-12-31",
                                       (date.today() + timedelta(days=2)).isoformat()])
def test_hostile_implausible_publication_date_is_a_warning_not_a_date(published: str) -> None:
    text = "قتل خمسة مدنيين يوم الجمعة الماضي بقصف على أريحا، وأصيب آخرون أمس."
    (doc,) = read_jsonl_text(_line(id="x", text=text, published=published), name="b.jsonl")
    assert doc.published is None and doc.published_from is None
    assert doc.meta["published_claimed"] == published
    (warning,) = doc.meta["warnings"]
    assert warning.startswith(f"b.jsonl: line 1: publication date {published} (jsonl) is implausible")


@pytest.mark.parametrize("published", ["1990-01-01", date.today().isoformat(),
                                       (date.today() + timedelta(days=1)).isoformat()])
def test_hostile_plausible_publication_dates_are_kept(published: str) -> None:
    doc = read_text(REPORT, id="x", published=published)
    assert doc.published == date.fromisoformat(published) and "warnings" not in doc.meta


def test_hostile_implausible_date_falls_back_to_the_dateline() -> None:
    text = "حلب، 12 آذار 2024 (رويترز) - " + REPORT
    doc = read_text(text, id="x", published="0001-01-01")
    assert doc.published == date(2024, 3, 12) and doc.published_from == "text-dateline"
    assert doc.meta["published_claimed"] == "0001-01-01"


# --- files and folders ----------------------------------------------------------------------

def _folder(tmp_path: Path) -> Path:
    root = tmp_path / "reports"
    (root / "locked").mkdir(parents=True)
    (root / "a.txt").write_text(REPORT, encoding="utf-8")
    (root / "locked" / "b.txt").write_text(REPORT, encoding="utf-8")
    (root / "z.txt").write_text(REPORT_EN, encoding="utf-8")
    return root


def test_hostile_unreadable_folder_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _folder(tmp_path)
    real_scandir = os.scandir

    def scandir(path):  # type: ignore[no-untyped-def]
        if Path(path) == root / "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    errors: list[InputError] = []
    docs = list(read_paths([root], on_error=errors.append))
    assert [d.id for d in docs] == ["a", "z"]
    assert [str(e) for e in errors] == [f"{root / 'locked'}: cannot read folder (Permission denied)"]
    with pytest.raises(InputError, match="cannot read folder"):
        list(read_paths([root]))


def test_hostile_unreadable_file_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _folder(tmp_path)
    real_read = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "a.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    errors: list[InputError] = []
    docs = list(read_paths([root], on_error=errors.append))
    assert [d.id for d in docs] == ["b", "z"]
    assert [str(e) for e in errors] == [f"{root / 'a.txt'}: cannot read (Permission denied)"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file; the monkeypatched tests cover this")
def test_hostile_unreadable_folder_for_real(tmp_path: Path) -> None:
    root = _folder(tmp_path)
    (root / "locked").chmod(0)
    try:
        errors: list[InputError] = []
        assert [d.id for d in read_paths([root], on_error=errors.append)] == ["a", "z"]
        assert len(errors) == 1 and "locked" in str(errors[0])
    finally:
        (root / "locked").chmod(0o755)


def test_hostile_fifo_and_dangling_link_are_reported_not_read(tmp_path: Path) -> None:
    root = _folder(tmp_path)
    os.mkfifo(root / "pipe.txt")  # reading it would wait forever
    (root / "gone.txt").symlink_to(root / "nowhere.txt")
    errors: list[InputError] = []
    docs = list(read_paths([root], on_error=errors.append))
    assert [d.id for d in docs] == ["a", "b", "z"]
    assert sorted(str(e) for e in errors) == [f"{root / 'gone.txt'}: cannot read (a link to nothing)",
                                              f"{root / 'pipe.txt'}: cannot read (not a regular file)"]
    with pytest.raises(InputError, match="not a regular file"):
        list(read_path(root / "pipe.txt"))
