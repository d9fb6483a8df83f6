"""Group hosting's nginx configuration (the whole setup runs in tests/browser)."""

import shutil
import subprocess
from pathlib import Path

import pytest

from hosting import nginx_config


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
