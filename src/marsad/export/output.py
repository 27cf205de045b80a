"""Writing an output file whole or not at all, with one clear error when it cannot be written."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from marsad.errors import OutputError


@contextmanager
def atomic_output(path: str | Path) -> Iterator[TextIO]:
    """A text stream written under a temporary name beside ``path`` and renamed onto it when done.

    A path that cannot be written raises ``OutputError`` naming it; an error while writing
    leaves ``path`` as it was (no half-written file).
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({_why(path.parent, exc)})") from exc
    try:
        os.fchmod(fd, 0o644)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            yield fh
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write ({'a folder is in the way' if path.is_dir() else exc.strerror})") from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def ensure_folder(path: str | Path) -> Path:
    """Create the output folder ``path`` (and its parents); ``OutputError`` when it cannot be."""
    path = Path(path)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{path}: cannot create the output folder ({_why(path, exc)})") from exc
    return path


def _why(folder: Path, exc: OSError) -> str:
    """Why ``folder`` cannot be made or written in: a file where a folder must be, or the system's word."""
    for part in (folder, *folder.parents):
        if part.exists():
            return f"{part} is a file, not a folder" if not part.is_dir() else exc.strerror or str(exc)
    return exc.strerror or str(exc)
