"""Cutting a batch's input into partitions: the units a Dask task reads, extracts and returns.

A unit is a whole report file, or a run of lines of a JSONL file; a partition is a run of
consecutive units holding about ``size`` reports, so partitions in index order are the input in
order. Each partition has a key: a hash of its inputs' content and of the extractor (marsad's code
and data files), so a rerun knows what it has already done. Planning reads every input once (to hash
it); an input it cannot read gets a partition of its own, which fails in the worker and is named.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from marsad.document import Document
from marsad.errors import InputError
from marsad.ingest.encoding import decode_bytes
from marsad.ingest.files import FEED_EXTENSIONS, JSONL_EXTENSIONS, folder_files, read_bytes


@dataclass(frozen=True)
class Unit:
    """One input of a partition: the file ``path`` whole, or its lines ``first_line``..``last_line``
    (JSONL); ``digest`` hashes its content; ``reports`` is how many reports it counts for."""

    path: str
    first_line: int = 0
    last_line: int = 0
    digest: str = ""
    reports: int = 1

    @property
    def name(self) -> str:
        """How messages name the unit: the file, and its lines when it is a part of one."""
        return f"{self.path}: lines {self.first_line}-{self.last_line}" if self.first_line else self.path


@dataclass
class Partition:
    """A run of consecutive inputs extracted by one task: files or JSONL lines (``units``, read in
    the worker) or documents already read (``docs``, read by the client for ingest)."""

    index: int
    units: tuple[Unit, ...] = ()
    docs: tuple[Document, ...] = ()
    key: str = ""

    @property
    def name(self) -> str:
        """"partition 3 (reports/a.txt … reports/f.txt)": its number and its first and last inputs."""
        names = [u.name for u in self.units] or [d.id for d in self.docs]
        inputs = names[0] if len(names) == 1 else f"{names[0]} … {names[-1]}" if names else "empty"
        return f"partition {self.index + 1} ({inputs})"


@dataclass
class Plan:
    """The partitions of a batch, in input order, and the folders that could not be listed."""

    partitions: list[Partition] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def plan_paths(paths: Iterable[str | Path], *, size: int, salt: str = "") -> Plan:
    """Partitions of about ``size`` reports over the files under ``paths`` (listed as ``marsad
    extract`` lists them); ``salt`` goes into every key (what else changes the output)."""
    units: list[Unit] = []
    errors: list[str] = []
    for path in map(Path, paths):
        files, problems = folder_files(path) if path.is_dir() else ([path], [])
        errors.extend(str(e) for e in problems)
        for file in files:
            units.extend(file_units(file, size=size))
    partitions = [Partition(i, tuple(group)) for i, group in enumerate(grouped(units, size=size))]
    for partition in partitions:
        partition.key = partition_key(partition.units, salt=salt)
    return Plan(partitions, errors)


def file_units(file: Path, *, size: int) -> list[Unit]:
    """The units of one file: a JSONL file in runs of ``size`` reports, any other file whole. A file
    that cannot be read, or a feed (its report count unknown), counts as a full partition."""
    try:
        data = read_bytes(file)
        if file.suffix.lower() not in JSONL_EXTENSIONS:
            feed = file.suffix.lower() in FEED_EXTENSIONS
            return [Unit(str(file), digest=_sha(data), reports=size if feed else 1)]
        text, _encoding = decode_bytes(data, name=str(file))
    except InputError:
        return [Unit(str(file), reports=size)]  # read again in the worker, which names the problem
    return jsonl_units(str(file), text.splitlines(), size=size)


def jsonl_units(path: str, lines: Sequence[str], *, size: int) -> list[Unit]:
    """Runs of ``lines`` holding ``size`` non-blank lines each (line numbers from 1, as in messages)."""
    units, first, count = [], 1, 0
    for number, line in enumerate(lines, start=1):
        count += bool(line.strip())
        if count == size or number == len(lines):
            units.append(Unit(path, first, number, lines_digest(lines[first - 1:number]), count))
            first, count = number + 1, 0
    return units


def grouped(units: Iterable[Unit], *, size: int) -> Iterator[list[Unit]]:
    """Consecutive units gathered into groups of at most ``size`` reports (a larger unit alone)."""
    group: list[Unit] = []
    for unit in units:
        if group and sum(u.reports for u in group) + unit.reports > size:
            yield group
            group = []
        group.append(unit)
    if group:
        yield group


def lines_digest(lines: Sequence[str]) -> str:
    """The content hash of a run of JSONL lines."""
    return _sha("\n".join(lines).encode("utf-8"))


def partition_key(units: Iterable[Unit], *, salt: str = "") -> str:
    """A partition's key: its inputs (names and content hashes), the extractor and ``salt``."""
    text = "\n".join([extractor_fingerprint(), salt, *(f"{u.name}\t{u.digest}" for u in units)])
    return _sha(text.encode("utf-8"))


@functools.cache
def extractor_fingerprint() -> str:
    """A hash of marsad's code and shipped data files: a new version or rules change makes new keys."""
    root = Path(str(resources.files("marsad")))
    digest = hashlib.sha256()
    for file in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix != ".pyc"
                       and "samples" not in p.relative_to(root).parts and "web" not in p.relative_to(root).parts):
        digest.update(str(file.relative_to(root)).encode("utf-8"))
        digest.update(file.read_bytes())
    return digest.hexdigest()


def doc_partitions(docs: Iterable[Document], *, size: int) -> Iterator[Partition]:
    """Documents in partitions of ``size``, in order (the client read them: ``batch ingest``)."""
    group: list[Document] = []
    index = 0
    for doc in docs:
        group.append(doc)
        if len(group) == size:
            yield Partition(index, docs=tuple(group))
            group, index = [], index + 1
    if group:
        yield Partition(index, docs=tuple(group))


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
