"""Shared fixtures: paths to the shared evaluation data and a fresh store per test."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
SEEDS = SHARED / "seeds"
EXAMPLES = ROOT / "examples"


@pytest.fixture
def db_path(tmp_path: Path) -> str:
    return str(tmp_path / "test.db")


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def postgres_url():
    """A throwaway PostgreSQL server (Debian's package, installed by scripts/system-deps.sh).

    The server listens only on a Unix socket in its own temporary directory (outside pytest's
    numbered temp dirs, which concurrent pytest runs may prune) and is stopped at the end.
    """
    import glob
    import os
    import shutil
    import subprocess
    import tempfile

    bins = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not bins:
        pytest.skip("PostgreSQL server not installed (run scripts/system-deps.sh)")
    bindir = os.path.dirname(bins[-1])
    base = Path(tempfile.mkdtemp(prefix="storyweave-pg-"))
    os.chmod(base, 0o755)
    data, sock = base / "data", base / "sock"
    sock.mkdir()
    prefix: list[str] = []
    if os.geteuid() == 0:  # postgres refuses to run as root
        prefix = ["runuser", "-u", "postgres", "--"]
        shutil.chown(base, "postgres")
        shutil.chown(sock, "postgres")
    port = _free_port()

    def run(*cmd: str, check: bool = True) -> None:
        subprocess.run(prefix + list(cmd), check=check, capture_output=True)

    run(f"{bindir}/initdb", "-D", str(data), "-A", "trust", "-U", "postgres")
    run(f"{bindir}/pg_ctl", "-D", str(data), "-w", "-l", str(base / "log"), "-o",
        f"-p {port} -k {sock} -c listen_addresses=''", "start")
    yield f"postgresql://postgres@/postgres?host={sock}&port={port}"
    run(f"{bindir}/pg_ctl", "-D", str(data), "-w", "-m", "fast", "stop", check=False)
    shutil.rmtree(base, ignore_errors=True)
