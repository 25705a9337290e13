"""A throwaway PostgreSQL server for the team tests: its own folder, a Unix socket only, no TCP.

Found through the distribution's packages (``/usr/lib/postgresql/<version>/bin``); when the tests
run as root (as CI does), the server runs as the ``postgres`` system user the package creates, since
PostgreSQL refuses to run as root. Local connections are trusted: the socket lives in a private
temporary folder and the server is stopped (and the folder removed) when the session ends.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

HOW_TO_RUN = (
    "PostgreSQL is not installed: 'apt-get install postgresql' (Debian) or put initdb and pg_ctl on PATH "
    "to run the team tests; they start a throwaway server of their own"
)


def find_binaries() -> Path | None:
    for candidate in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (candidate / "initdb").exists() and (candidate / "pg_ctl").exists():
            return candidate
    found = shutil.which("initdb")
    return Path(found).parent if found else None


@dataclass
class Cluster:
    bin_dir: Path
    folder: Path
    socket_dir: Path
    port: int
    superuser: str = "caseview_admin"

    def url(self, user: str | None = None, database: str = "postgres") -> str:
        return f"postgresql://{user or self.superuser}@/{database}?host={self.socket_dir}&port={self.port}"

    def _run(self, *args: str) -> None:
        command = [str(self.bin_dir / args[0]), *args[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, text=True, timeout=120)

    def start(self) -> None:
        data = self.folder / "data"
        self._run("initdb", "-D", str(data), "-U", self.superuser, "-A", "trust", "--no-sync", "-E", "UTF8")
        options = f"-k {self.socket_dir} -p {self.port} -c listen_addresses='' -c fsync=off"
        self._run("pg_ctl", "-D", str(data), "-o", options, "-l", str(self.folder / "server.log"), "-w", "start")

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", mode, "-w", "stop")

    def restart_after(self) -> None:
        options = f"-k {self.socket_dir} -p {self.port} -c listen_addresses='' -c fsync=off"
        self._run(
            "pg_ctl",
            "-D",
            str(self.folder / "data"),
            "-o",
            options,
            "-l",
            str(self.folder / "server.log"),
            "-w",
            "start",
        )


def make_cluster(bin_dir: Path) -> Cluster:
    folder = Path(tempfile.mkdtemp(prefix="caseview-pg-"))
    socket_dir = folder / "socket"
    socket_dir.mkdir()
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
        shutil.chown(socket_dir, "postgres", "postgres")
        folder.chmod(0o755)
    # A port number only names the socket file (no TCP): any free-looking number works.
    port = 40000 + os.getpid() % 20000
    return Cluster(bin_dir=bin_dir, folder=folder, socket_dir=socket_dir, port=port)
