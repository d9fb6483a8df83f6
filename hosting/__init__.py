"""The app for a group, on every CPU of one machine (`make serve`, `python -m hosting`).

Python runs one thread at a time, so one Streamlit process uses one CPU however many
visitors it has. This starts a worker per CPU, each a `streamlit run asgi.py` on a
loopback port, and nginx in front on the one public address. nginx keeps each visitor on
one worker (a cookie), because a Streamlit session lives in its worker's memory. The
workers share the SQLite database; cached numbers follow writes made by any worker
(schema.m004).

Stops everything on Ctrl+C or SIGTERM, and when any worker or nginx stops by itself.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import tomllib
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = Path(__file__).resolve().parent / "nginx.conf"
STARTUP_TIMEOUT_S = 60.0


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def is_healthy(url: str) -> bool:
    """Whether a Streamlit server at ``url`` answers its health check."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
            return answer.read().strip() == b"ok"
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def nginx_config(listen: str, worker_ports: list[int]) -> str:
    servers = "\n".join(f"        server 127.0.0.1:{port};" for port in worker_ports)
    return TEMPLATE.read_text().replace("@SERVERS@", servers).replace("@LISTEN@", listen)


def start_worker(
    port: int, streamlit_args: list[str], env: dict[str, str] | None = None
) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "asgi.py",  # app.py, answering only the hosts it is served on
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",  # only nginx talks to the workers
        "--server.headless",
        "true",
        "--server.fileWatcherType",
        "none",
        *streamlit_args,
    ]
    # Each worker's "You can now view your app at <its loopback port>" would mislead: the
    # address to open is nginx's. Their logs and errors go to stderr, which stays.
    return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, env=env)


def worker_environment(address: str) -> dict[str, str]:
    """The workers' environment: nginx passes each visitor's Host header on, so a named
    listening address is one of the hosts the workers answer (hosting/allowed_hosts.py).
    A wildcard (0.0.0.0) names none: the sign-in redirect_uri's host, TRACKER_PUBLIC_URL
    or TRACKER_ALLOWED_HOSTS say which."""
    env = dict(os.environ)
    if address not in ("0.0.0.0", "::", "[::]", "*") and not is_loopback(address):
        env["TRACKER_ALLOWED_HOSTS"] = ",".join(
            h for h in (env.get("TRACKER_ALLOWED_HOSTS", ""), address.strip("[]")) if h
        )
    return env


def wait_healthy(ports: list[int], processes: list[subprocess.Popen]) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    for port in ports:
        while not is_healthy(f"http://127.0.0.1:{port}"):
            if any(p.poll() is not None for p in processes) or time.monotonic() > deadline:
                raise SystemExit(f"A worker did not start (port {port}); see its output above.")
            time.sleep(0.25)


OVERRIDE_FLAG = "--i-have-my-own-auth"


def is_loopback(address: str) -> bool:
    """Whether only this machine can reach ``address``."""
    if address.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(address.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: other machines may resolve it to this one


def secrets_files(streamlit_args: list[str]) -> list[Path]:
    """The secrets files the workers will read: ``--secrets.files`` if given, else
    Streamlit's defaults (the user's, then the project's)."""
    given = [
        arg.split("=", 1)[1] if "=" in arg else next_arg
        for arg, next_arg in zip(streamlit_args, [*streamlit_args[1:], ""], strict=True)
        if arg.split("=", 1)[0] == "--secrets.files"
    ]
    if given:
        return [Path(f) for f in given]
    return [Path.home() / ".streamlit" / "secrets.toml", ROOT / ".streamlit" / "secrets.toml"]


def has_sign_in(files: list[Path]) -> bool:
    """Whether any of the secrets ``files`` has an ``[auth]`` section (sign-in on)."""
    for path in files:
        try:
            if "auth" in tomllib.loads(path.read_text()):
                return True
        except (OSError, tomllib.TOMLDecodeError):
            continue  # missing or unreadable: it switches nothing on
    return False


def refusal(address: str, streamlit_args: list[str], own_auth: bool) -> str | None:
    """Why the app must not start on ``address``, or None. Every journal would be open to
    anyone who can reach a non-loopback address unless sign-in is on (or the host put
    their own authentication in front and says so)."""
    if own_auth or is_loopback(address) or has_sign_in(secrets_files(streamlit_args)):
        return None
    return (
        f"Not starting: on {address} other machines could open every journal here, and "
        "sign-in is off (no [auth] section in .streamlit/secrets.toml).\n"
        "- To let a group in, turn sign-in on: see README.md, 'Hosting it for a group'.\n"
        "- To keep it on this machine only, leave ADDRESS at 127.0.0.1.\n"
        "- If a proxy of your own already makes every visitor sign in before they reach "
        f"this app, say so: make serve ALLOW_UNAUTHENTICATED=1 (python -m hosting "
        f"{OVERRIDE_FLAG})."
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m hosting", description=__doc__)
    parser.add_argument("--address", default="127.0.0.1", help="where nginx listens")
    parser.add_argument("--port", type=int, default=8501)
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count() or 1, help="default: one per CPU"
    )
    parser.add_argument(
        OVERRIDE_FLAG,
        dest="own_auth",
        action="store_true",
        help="serve a non-loopback address without sign-in: only behind a proxy that "
        "makes every visitor sign in first",
    )
    parser.add_argument("streamlit_args", nargs="*", help="passed on to each worker")
    args = parser.parse_args(argv)
    refused = refusal(args.address, args.streamlit_args, args.own_auth)
    if refused:
        print(refused, file=sys.stderr)
        return 2
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not os.path.exists(nginx):
        print("nginx is needed: `sudo apt-get install nginx` (make serve does it as root).")
        return 2

    prefix = Path(tempfile.mkdtemp(prefix="tracker-hosting-"))
    processes: list[subprocess.Popen] = []

    def stop(*_: object) -> None:
        for process in processes:
            if process.poll() is None:
                process.terminate()
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(prefix, ignore_errors=True)

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        ports = [free_port() for _ in range(max(1, args.workers))]
        env = worker_environment(args.address)
        processes += [start_worker(port, args.streamlit_args, env) for port in ports]
        wait_healthy(ports, processes)
        (prefix / "tmp").mkdir()
        listen = f"{args.address}:{args.port}"
        (prefix / "nginx.conf").write_text(nginx_config(listen, ports))
        processes.append(
            subprocess.Popen(
                [nginx, "-p", str(prefix), "-c", "nginx.conf", "-e", "stderr"]
                + ["-g", "daemon off;"]
            )
        )
        print(f"Resilience Tracker for a group: http://{listen} ({len(ports)} workers)", flush=True)
        while all(p.poll() is None for p in processes):
            time.sleep(0.5)
        print("A worker or nginx stopped; stopping the rest.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        stop()
