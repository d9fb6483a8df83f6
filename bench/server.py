"""A `streamlit run` server on a free loopback port, for the browser and load benchmarks."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from hosting import free_port, is_healthy

ROOT = Path(__file__).resolve().parent.parent
STARTUP_TIMEOUT_S = 60.0


@dataclass
class Server:
    url: str
    port: int
    process: subprocess.Popen
    log_path: Path

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/_stcore/stream"

    def rss_mib(self) -> float | None:
        """Resident memory of the whole server: every process in its group (workers, nginx)."""
        return group_rss_mib(self.process.pid)

    def log_tail(self, lines: int = 30) -> str:
        text = self.log_path.read_text(errors="replace").splitlines()
        return "\n".join(text[-lines:])


def group_rss_mib(pgid: int) -> float | None:
    """Resident memory of every process in a process group, summed."""
    total, found = 0.0, False
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[2]) == pgid:
            rss = rss_mib(int(entry.name))
            if rss is not None:
                total, found = total + rss, True
    return total if found else None


def rss_mib(pid: int) -> float | None:
    """Resident memory of a process, from /proc (psutil is not a dependency)."""
    try:
        with open(f"/proc/{pid}/status", encoding="utf-8") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


# Debian's chromium (Playwright's browser download does not work here), headless without
# a sandbox, GPU, QUIC or background traffic; used by the browser benchmark and the
# browser tests alike.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextlib.contextmanager
def serve(
    script: Path,
    db_path: Path,
    log_path: Path,
    extra_args: Sequence[str] = (),
    *,
    workers: int = 0,
) -> Iterator[Server]:
    """Run ``streamlit run script`` against ``db_path`` until the block ends; with
    ``workers``, the app as hosted for a group (``python -m hosting``: nginx in front of
    that many workers).

    The server gets its own process group, and only that group is stopped afterwards.
    """
    port = free_port()
    group = [sys.executable, "-m", "hosting", "--port", str(port), "--workers", str(workers)]
    command = (
        group
        if workers
        else [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(script),
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
            *extra_args,
        ]
    )
    env = dict(os.environ, TRACKER_DB=str(db_path), PYTHONUNBUFFERED="1")
    with open(log_path, "w", encoding="utf-8") as log:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    server = Server(f"http://127.0.0.1:{port}", port, process, log_path)
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while not is_healthy(server.url):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{script.name} did not start:\n{server.log_tail()}")
            time.sleep(0.25)
        yield server
    finally:
        stop_process_group(process)


def stop_process_group(process: subprocess.Popen, timeout: float = 15) -> None:
    """Stop a server started in its own session (process group): politely, then firmly.
    Shared by the benchmarks and the browser tests."""
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)
