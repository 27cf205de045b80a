"""docs/library.md runs as written, and the API reference builds from the docstrings (pdoc)."""

from __future__ import annotations

import contextlib
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "library.md"
# The modules the API reference documents: the public surface and one page per stage.
API_MODULES = ("marsad", "marsad.library", "marsad.document", "marsad.pipeline", "marsad.errors", "marsad.runner",
               "marsad.ingest", "marsad.text", "marsad.geo", "marsad.dedup", "marsad.store", "marsad.export",
               "marsad.api")


def python_blocks(text: str) -> list[str]:
    """The ```python blocks of a Markdown page, in order."""
    return re.findall(r"```python\n(.*?)```", text, flags=re.S)


@pytest.mark.slow
def test_docs_library_examples_run(tmp_path, monkeypatch):
    pytest.importorskip("pandas")
    blocks = python_blocks(DOC.read_text(encoding="utf-8"))
    assert len(blocks) >= 6
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "docs_library"}
    for number, block in enumerate(blocks, 1):
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            try:
                exec(compile(block, f"{DOC.name}: example {number}", "exec"), namespace)  # noqa: S102
            except Exception as exc:  # name the failing example
                raise AssertionError(f"{DOC.name} example {number} failed: {exc!r}\n{block}") from exc
        assert printed.getvalue().strip(), f"example {number} prints nothing"


def test_docs_library_names_every_public_function():
    import marsad

    text = DOC.read_text(encoding="utf-8")
    for name in ("extract", "extract_document", "extract_paths", "to_dataframe", "open"):
        assert callable(getattr(marsad, name)) and f"marsad.{name}(" in text, name


@pytest.mark.slow
def test_docs_api_reference_builds_from_docstrings(tmp_path):
    out = tmp_path / "api-docs"
    result = subprocess.run([sys.executable, "-m", "pdoc", "--docformat", "google", "-o", str(out), *API_MODULES],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    page = (out / "marsad.html").read_text(encoding="utf-8")
    for name in ("extract", "extract_paths", "to_dataframe", "open", "Dataset"):
        assert f'id="{name}"' in page, name
    library = (out / "marsad" / "library.html").read_text(encoding="utf-8")
    assert "ACLED" in library and "published" in library
    assert (out / "marsad" / "export.html").exists() and (out / "marsad" / "store.html").exists()
