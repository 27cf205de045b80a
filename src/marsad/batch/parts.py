"""Where ``batch extract`` keeps finished partitions, so a rerun (or a run after a crash) skips them.

Each finished partition is written whole as a part file, then a line is appended to the done-list
(``FILE.jsonl.done``: key, part file, record count, the reports named as skipped or warned about).
JSONL output: parts in ``FILE.jsonl.parts/``, joined in input order into ``FILE.jsonl`` at the end.
Parquet output: the parts are the output (``DIR/part-00001.parquet`` ...; done-list ``DIR/_done.jsonl``,
which Parquet readers skip). Parts of partitions no longer in the input are removed at the end.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal, TextIO

from marsad.batch.plan import Partition
from marsad.errors import OutputError
from marsad.export.output import atomic_output, ensure_folder

Format = Literal["jsonl", "parquet"]
FORMATS: tuple[str, ...] = ("jsonl", "parquet")
PARQUET_COLUMNS = ("article_id", "language", "publication_date", "events", "tallies")  # events, tallies: JSON


@dataclass
class Done:
    """One finished partition in the done-list."""

    key: str
    part: str
    records: int
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class PartStore:
    """The part files and done-list of one output (``out``: a JSONL file, or a Parquet folder)."""

    def __init__(self, out: str | Path, fmt: Format = "jsonl") -> None:
        if fmt not in FORMATS:
            raise OutputError(f"{out}: unknown format {fmt!r} (expected {' or '.join(FORMATS)})")
        self.out, self.fmt = Path(out), fmt
        if fmt == "parquet":
            self.folder, self.done_list = self.out, self.out / "_done.jsonl"
        else:
            self.folder, self.done_list = Path(f"{out}.parts"), Path(f"{out}.done")
        self.done = self._read_done()

    def _read_done(self) -> dict[str, Done]:
        """The finished partitions by key (a torn last line, from a crash, is ignored)."""
        done: dict[str, Done] = {}
        try:
            lines = self.done_list.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return done
        except OSError as exc:
            raise OutputError(f"{self.done_list}: cannot read the done-list ({exc.strerror})") from exc
        for line in lines:
            try:
                entry = Done(**json.loads(line))
            except (ValueError, TypeError):
                continue
            if (self.folder / entry.part).is_file():
                done[entry.key] = entry
        return done

    def prepare(self) -> None:
        """Create the folders (``OutputError`` now, before any work, when they cannot be)."""
        ensure_folder(self.out.parent)
        ensure_folder(self.folder)

    def is_done(self, partition: Partition) -> bool:
        """Whether ``partition`` (by its key) was finished by an earlier run."""
        return partition.key in self.done

    def save(self, partition: Partition, lines: list[str], errors: list[str], warnings: list[str]) -> Done:
        """Write the partition's records as a part file, then add it to the done-list."""
        name = f"part-{partition.index + 1:05d}-{partition.key[:12]}.{self.fmt}"
        if self.fmt == "parquet":
            write_parquet(self.folder / name, lines)
        else:
            with atomic_output(self.folder / name) as fh:
                fh.writelines(lines)
        entry = Done(partition.key, name, len(lines), errors, warnings)
        with self._open_done("a") as fh:
            fh.write(json.dumps(asdict(entry), ensure_ascii=False) + "\n")
        self.done[entry.key] = entry
        return entry

    def _open_done(self, mode: str) -> TextIO:
        try:
            return self.done_list.open(mode, encoding="utf-8")
        except OSError as exc:
            raise OutputError(f"{self.done_list}: cannot write the done-list ({exc.strerror})") from exc

    def finish(self, partitions: Iterable[Partition]) -> int:
        """Join the finished parts in input order (JSONL: into ``out``; Parquet: numbered in input
        order), drop parts no longer in the plan, rewrite the done-list; return the records written."""
        current = [self.done[p.key] for p in partitions if p.key in self.done]
        if self.fmt == "jsonl":
            with atomic_output(self.out) as fh:
                for entry in current:
                    with (self.folder / entry.part).open(encoding="utf-8") as part:
                        shutil.copyfileobj(part, fh)
        else:
            _renumber(self.folder, current)
        keep = {e.part for e in current}
        for entry in self.done.values():
            if entry.part not in keep:
                (self.folder / entry.part).unlink(missing_ok=True)
        with atomic_output(self.done_list) as fh:
            fh.writelines(json.dumps(asdict(e), ensure_ascii=False) + "\n" for e in current)
        self.done = {e.key: e for e in current}
        return sum(e.records for e in current)


def _renumber(folder: Path, entries: list[Done]) -> None:
    """Rename Parquet parts so their names sort in input order (``part-00001-…``, ``part-00002-…``)."""
    for number, entry in enumerate(entries, start=1):
        name = f"part-{number:05d}-{entry.part.split('-', 2)[2]}"
        if name != entry.part:
            os.replace(folder / entry.part, folder / name)
            entry.part = name


def require_pyarrow() -> None:
    """``OutputError`` naming the extra to install when pyarrow is missing (Parquet output)."""
    import importlib.util

    if importlib.util.find_spec("pyarrow") is None:
        raise OutputError("Parquet output needs pyarrow: pip install 'marsad[batch]'")


def write_parquet(path: Path, lines: list[str]) -> None:
    """Write the records of ``lines`` (``marsad extract`` JSONL) as one Parquet file, atomically:
    a string column per record field, ``events`` and ``tallies`` as JSON text."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    records = [json.loads(line) for line in lines]
    columns = {name: [_cell(r.get(name)) for r in records] for name in PARQUET_COLUMNS}
    table = pa.table({name: pa.array(values, type=pa.string()) for name, values in columns.items()})
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        pq.write_table(table, tmp)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from exc


def _cell(value: object) -> str | None:
    """A record field as a Parquet string: text as is, lists as JSON."""
    return value if value is None or isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def parquet_records(folder: str | Path) -> list[dict[str, object]]:
    """Read a ``batch extract --format parquet`` folder back into ``marsad extract`` records, in order."""
    import pyarrow.parquet as pq

    rows = pq.read_table(str(folder)).to_pylist()
    return [{**row, "events": json.loads(row["events"]), "tallies": json.loads(row["tallies"])} for row in rows]
