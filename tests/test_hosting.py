"""Group hosting's nginx configuration (the whole setup runs in tests/browser)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hosting import free_port, nginx_config, refusal, worker_environment
from hosting.allowed_hosts import allowed_hosts, host_name


def test_every_worker_is_behind_nginx_and_only_nginx_listens_outside():
    config = nginx_config("0.0.0.0:8501", [41001, 41002])
    assert "listen 0.0.0.0:8501;" in config
    assert "server 127.0.0.1:41001;" in config and "server 127.0.0.1:41002;" in config
    assert "@SERVERS@" not in config and "@LISTEN@" not in config


def test_visitors_keep_to_one_worker_and_websockets_pass_through():
    config = nginx_config("127.0.0.1:8501", [41001])
    assert "hash $tracker_worker consistent;" in config
    assert 'Set-Cookie "tracker_worker=$tracker_worker' in config
    assert "proxy_set_header Upgrade $http_upgrade;" in config


def test_nginx_accepts_the_configuration(tmp_path):
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        pytest.fail("Group hosting needs nginx: run 'sudo apt-get install nginx'.")
    (tmp_path / "tmp").mkdir()
    (tmp_path / "nginx.conf").write_text(nginx_config("127.0.0.1:8501", [41001, 41002]))
    checked = subprocess.run(
        [nginx, "-t", "-p", str(tmp_path), "-c", "nginx.conf", "-e", "stderr"],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr


# --- never exposed without sign-in -----------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent
AUTH = '[auth]\nredirect_uri = "https://journal.example.org/oauth2callback"\n'


def _serve(tmp_path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "hosting", "--port", str(free_port()), *args],
        cwd=ROOT,
        env={**os.environ, "HOME": str(tmp_path)},  # no ~/.streamlit/secrets.toml either
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("address", ["0.0.0.0", "::", "192.0.2.10", "journal.example.org"])
def test_serving_other_machines_without_sign_in_refuses_to_start_and_says_how(tmp_path, address):
    no_auth = tmp_path / "secrets.toml"
    no_auth.write_text('[connections]\nx = "y"\n')

    started = _serve(tmp_path, "--address", address, "--", "--secrets.files", str(no_auth))

    assert started.returncode == 2
    message = started.stderr
    assert f"Not starting: on {address} other machines could open every journal" in message
    assert "[auth]" in message and "Hosting it for a group" in message
    assert "ALLOW_UNAUTHENTICATED=1" in message and "--i-have-my-own-auth" in message
    assert "Traceback" not in message


def test_sign_in_or_the_explicit_override_lets_it_start(tmp_path):
    with_auth, without = tmp_path / "with.toml", tmp_path / "without.toml"
    with_auth.write_text(AUTH)
    without.write_text("")
    assert refusal("0.0.0.0", ["--secrets.files", str(with_auth)], own_auth=False) is None
    assert refusal("0.0.0.0", [f"--secrets.files={with_auth}"], own_auth=False) is None
    assert refusal("0.0.0.0", ["--secrets.files", str(without)], own_auth=True) is None
    assert refusal("0.0.0.0", ["--secrets.files", str(without)], own_auth=False)
    for loopback in ("127.0.0.1", "localhost", "::1", "127.0.0.2"):
        assert refusal(loopback, ["--secrets.files", str(without)], own_auth=False) is None


def test_make_serve_passes_the_override_only_when_asked():
    def dry_run(*variables: str) -> str:
        return subprocess.run(
            ["make", "-n", "serve", *variables], cwd=ROOT, capture_output=True, text=True
        ).stdout

    assert "--i-have-my-own-auth" in dry_run("ADDRESS=0.0.0.0", "ALLOW_UNAUTHENTICATED=1")
    assert "--i-have-my-own-auth" not in dry_run("ADDRESS=0.0.0.0")
    assert "--i-have-my-own-auth" not in dry_run("ADDRESS=0.0.0.0", "ALLOW_UNAUTHENTICATED=0")


# --- only the hosts the app is served on (the real attempts are in tests/browser) ------


@pytest.mark.parametrize(
    "header, name",
    [
        ("127.0.0.1:8501", "127.0.0.1"),
        ("LocalHost.:8501", "localhost"),
        ("[::1]:8501", "::1"),
        ("journal.example.org", "journal.example.org"),
        ("evil.example@localhost", None),
        ("localhost/path", None),
        ("localhost:port", None),
        ("", None),
    ],
)
def test_the_host_name_is_read_from_the_host_header(header, name):
    assert host_name(header) == name


def test_allowed_hosts_are_loopback_and_the_addresses_the_host_configured():
    hosts = allowed_hosts(
        {
            "TRACKER_PUBLIC_URL": "https://Journal.Example.org/",
            "TRACKER_ALLOWED_HOSTS": " peers.example.org , 10.0.0.5",
        },
        urls=["https://signin.example.org/oauth2callback", None],
    )
    assert hosts == {
        "localhost",
        "127.0.0.1",
        "::1",
        "journal.example.org",
        "signin.example.org",
        "peers.example.org",
        "10.0.0.5",
    }
    assert allowed_hosts({}) == {"localhost", "127.0.0.1", "::1"}


def test_workers_answer_a_named_listening_address_but_not_a_wildcard(monkeypatch):
    monkeypatch.delenv("TRACKER_ALLOWED_HOSTS", raising=False)
    assert worker_environment("192.0.2.10")["TRACKER_ALLOWED_HOSTS"] == "192.0.2.10"
    assert "TRACKER_ALLOWED_HOSTS" not in worker_environment("0.0.0.0")
    assert "TRACKER_ALLOWED_HOSTS" not in worker_environment("127.0.0.1")
    monkeypatch.setenv("TRACKER_ALLOWED_HOSTS", "journal.example.org")
    assert worker_environment("[2001:db8::5]")["TRACKER_ALLOWED_HOSTS"] == (
        "journal.example.org,2001:db8::5"
    )
