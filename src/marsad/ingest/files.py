"""Files and folders -> Documents: dispatch by extension, size, binary and empty checks."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from marsad.document import Document
from marsad.errors import InputError
from marsad.ingest.boilerplate import Boilerplate
from marsad.ingest.build import ReportInfo, build_document
from marsad.ingest.encoding import check_binary, decode_bytes
from marsad.ingest.feeds import read_feed_bytes
from marsad.ingest.html import html_document
from marsad.ingest.jsonl import read_jsonl_text

log = logging.getLogger(__name__)

MAX_BYTES = 20_000_000
TEXT_EXTENSIONS = (".txt",)
HTML_EXTENSIONS = (".html", ".htm")
JSONL_EXTENSIONS = (".jsonl",)
FEED_EXTENSIONS = (".xml", ".rss", ".atom")
EXTENSIONS = TEXT_EXTENSIONS + HTML_EXTENSIONS + JSONL_EXTENSIONS + FEED_EXTENSIONS

OnError = Callable[[InputError], None]


def read_paths(
    paths: Iterable[str | Path], *, on_error: OnError | None = None, max_bytes: int = MAX_BYTES,
    rules: Boilerplate | None = None,
) -> Iterator[Document]:
    """Read every report in ``paths`` (files or folders), in order; one path alone is accepted too."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    for path in paths:
        yield from read_path(path, on_error=on_error, max_bytes=max_bytes, rules=rules)


def read_path(
    path: str | Path, *, on_error: OnError | None = None, max_bytes: int = MAX_BYTES,
    rules: Boilerplate | None = None,
) -> Iterator[Document]:
    """Read one file, or a folder recursively (sorted; unknown extensions skipped)."""
    path = Path(path)
    if path.is_dir():
        files, errors = folder_files(path)
        for error in errors:
            if on_error is None:
                raise error
            on_error(error)
        for child in files:
            yield from _guarded(child, on_error=on_error, max_bytes=max_bytes, rules=rules)
    else:
        yield from _guarded(path, on_error=on_error, max_bytes=max_bytes, rules=rules)


def folder_files(folder: Path) -> tuple[list[Path], list[InputError]]:
    """Report files under ``folder``, sorted, and an error for each folder that cannot be listed.

    Other files are logged and skipped; hidden files and folders (.git, .DS_Store) are left out;
    symbolic links to folders are not followed (no loops).
    """
    files: list[Path] = []
    errors: list[InputError] = []

    def unreadable(exc: OSError) -> None:
        errors.append(InputError(f"{exc.filename or folder}: cannot read folder ({exc.strerror or exc})"))

    for root, dirs, names in os.walk(folder, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in names:
            child = Path(root) / name
            if name.startswith(".") or child.is_dir():
                continue
            if child.suffix.lower() not in EXTENSIONS:
                log.info("%s: skipped (not one of %s)", child, ", ".join(EXTENSIONS))
            elif child.is_file():
                files.append(child)
            else:
                errors.append(InputError(f"{child}: cannot read ({_not_a_file(child)})"))
    return sorted(files), errors


def _not_a_file(path: Path) -> str:
    """Why ``path`` cannot be read as a report file."""
    return "a link to nothing" if not path.exists() else "not a regular file"


def _guarded(path: Path, *, on_error: OnError | None, max_bytes: int, rules: Boilerplate | None) -> Iterator[Document]:
    """Read one file; a whole-file error raises or goes to ``on_error`` (line/item errors are handled inside)."""
    try:
        yield from read_file(path, on_error=on_error, max_bytes=max_bytes, rules=rules)
    except InputError as exc:
        if on_error is None:
            raise
        on_error(exc)


def read_file(
    path: str | Path, *, on_error: OnError | None = None, max_bytes: int = MAX_BYTES, rules: Boilerplate | None = None
) -> Iterator[Document]:
    """Read one report file by its extension."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file or folder")
    suffix = path.suffix.lower()
    if suffix not in EXTENSIONS:
        raise InputError(f"{path}: unsupported file type {suffix or '(none)'!r} (expected {', '.join(EXTENSIONS)})")
    data = read_bytes(path, max_bytes=max_bytes)
    name, source = str(path), str(path)
    if suffix in FEED_EXTENSIONS:
        yield from read_feed_bytes(data, name=name, source_path=source, on_error=on_error, rules=rules)
        return
    text, encoding = decode_bytes(data, name=name, html=suffix in HTML_EXTENSIONS)
    if suffix in JSONL_EXTENSIONS:
        yield from read_jsonl_text(text, name=name, source_path=source, on_error=on_error, rules=rules)
        return
    info = ReportInfo(id=path.stem, source_path=source, meta={"encoding": encoding})
    if suffix in HTML_EXTENSIONS:
        yield html_document(text, info, name=name, rules=rules)
    else:
        yield build_document(text, info, raw=text, name=name, rules=rules)


def read_bytes(path: str | Path, *, max_bytes: int = MAX_BYTES) -> bytes:
    """Read a file's bytes after checking it exists, fits ``max_bytes`` and is not empty or binary."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such file or folder") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from exc
    if not path.is_file():  # a FIFO or device would block or never end
        raise InputError(f"{path}: cannot read ({_not_a_file(path)})")
    if size > max_bytes:
        raise InputError(f"{path}: {_mb(size)} is over the {max_bytes / 1_000_000:g} MB limit")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from exc
    check_binary(data, name=str(path))
    if not data.strip() or not _has_text(data):
        raise InputError(f"{path}: empty file")
    return data


def _has_text(data: bytes) -> bool:
    """False for whitespace-only content, whatever the encoding (BOMs, UTF-16 spaces)."""
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if data.startswith(bom):
            data = data[len(bom):]
    return bool(data.replace(b"\x00", b"").strip())


def _mb(size: int) -> str:
    """Size in megabytes (10**6 bytes) for messages: "52.4 MB"."""
    return f"{size / 1_000_000:.1f} MB"
