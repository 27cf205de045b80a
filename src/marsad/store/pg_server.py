"""A throw-away local PostgreSQL server for tests and benchmarks: Debian's own binaries, run as an
unprivileged user in a temporary data directory, on a free port, stopped by ``stop()``.

Nothing here is used by a store in production: a team points ``--db`` at the server it already runs.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from marsad.errors import StoreError

_USER = "postgres"  # the system user Debian's postgresql package creates


def bin_dir() -> Path | None:
    """The newest ``/usr/lib/postgresql/*/bin`` with ``initdb`` (or the one on ``PATH``), or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    return Path(on_path).parent if on_path else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_user() -> list[str]:
    """Run as ``postgres`` when we are root (initdb refuses root); as ourselves otherwise."""
    return ["runuser", "-u", _USER, "--"] if os.geteuid() == 0 else []


@dataclass
class TempPostgres:
    """One running server; ``url(dbname)`` for a database on it, ``create_database(name)`` to add one."""

    root: Path
    port: int
    bin: Path
    user: str = _USER
    _running: bool = field(default=False, repr=False)

    @classmethod
    def start(cls) -> "TempPostgres":
        """initdb into a new temporary directory and start the server on a free local port."""
        binaries = bin_dir()
        if binaries is None:
            raise StoreError("PostgreSQL: initdb not found; install Debian's postgresql package (make postgres)")
        root = Path(tempfile.mkdtemp(prefix="marsad-pg-"))
        os.chmod(root, 0o755)
        user = _USER if os.geteuid() == 0 else os.environ.get("USER", "postgres")
        if os.geteuid() == 0:
            shutil.chown(root, _USER)
        server = cls(root, _free_port(), binaries, user)
        server._run("initdb", "-D", str(root / "data"), "-U", user, "-A", "trust", "-E", "UTF8",
                    "--locale=C.UTF-8", "--no-sync")
        server._run("pg_ctl", "-D", str(root / "data"), "-l", str(root / "log"), "-w", "start", "-o",
                    f"-p {server.port} -k {root} -h 127.0.0.1 -F -c fsync=off -c full_page_writes=off"
                    " -c synchronous_commit=off -c max_connections=60")
        server._running = True
        return server

    def _run(self, program: str, *args: str) -> None:
        done = subprocess.run([*_as_user(), str(self.bin / program), *args], capture_output=True, text=True)
        if done.returncode != 0:
            raise StoreError(f"PostgreSQL {program} failed: {done.stderr.strip() or done.stdout.strip()}")

    def url(self, dbname: str = "postgres") -> str:
        """A ``postgresql://`` URL for ``dbname`` on this server (TCP on localhost, trust auth)."""
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{dbname}"

    def create_database(self, name: str, *, template: str = "template0") -> str:
        """A new database (empty, or a copy of ``template``); its URL."""
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        """Drop ``name``, closing its sessions."""
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        """Stop the server and remove its directory."""
        if self._running:
            self._run("pg_ctl", "-D", str(self.root / "data"), "-m", "immediate", "-w", "stop")
            self._running = False
        shutil.rmtree(self.root, ignore_errors=True)
