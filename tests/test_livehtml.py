"""Stopping ``make livehtml`` stops the server and its builds, however make is stopped.

Each case starts ``make livehtml`` in a fresh clone, in a session of its own,
on a free port; waits until it serves (or, in the last case, until a
sphinx-build is running); stops it as a terminal, ``kill`` or a closed window
would; then the port must be closed and no process of the session left.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from .loop import ENV, fresh_clone

if TYPE_CHECKING:
    from collections.abc import Callable

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def session_processes(sid: int) -> dict[int, str]:
    """pid -> command line of the live processes in session ``sid``."""
    found = {}
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
            if int(fields[3]) == sid and fields[0] != "Z":  # session; not a zombie
                cmdline = (proc / "cmdline").read_bytes()
                found[int(proc.name)] = cmdline.replace(b"\0", b" ").decode()
    return found


def serves(port: int) -> bool:
    """An HTTP answer, any: with --no-initial there is nothing built to serve yet."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2):
            return True
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False


def wait_for(condition: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.2)


def start(site: Path, port: int, *make_args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        ["make", "livehtml", f"PORT={port}", *make_args],
        cwd=site,
        env=ENV,
        start_new_session=True,  # its own session: what survives is found by session id
        stdout=(site / "livehtml.log").open("wb"),
        stderr=subprocess.STDOUT,
    )


def assert_all_gone(make: subprocess.Popen[bytes], port: int, site: Path) -> None:
    make.wait(30)
    wait_for(lambda: not session_processes(make.pid), 15, "the session to end")
    log = (site / "livehtml.log").read_text()
    with socket.socket() as s:
        assert s.connect_ex(("127.0.0.1", port)) != 0, f"port {port} still open\n{log}"


@pytest.mark.parametrize(
    ("signum", "to_group"),
    [
        (signal.SIGTERM, False),  # kill <make>
        (signal.SIGKILL, False),  # kill -9 <make>: make says nothing to its children
        (signal.SIGINT, True),  # Ctrl-C: the terminal signals its foreground group
        (signal.SIGHUP, True),  # the terminal closes
    ],
    ids=["term-make", "kill-make", "ctrl-c", "hangup"],
)
def test_stopping_make_stops_the_server(tmp_path: Path, signum: int, to_group: bool) -> None:
    site, port = fresh_clone(tmp_path / "site"), free_port()
    make = start(site, port, "SPHINXOPTS=--no-initial")
    try:
        wait_for(lambda: serves(port), 60, f"the server on port {port}")
        assert any("autobuild" in c for c in session_processes(make.pid).values())
        if to_group:
            os.killpg(make.pid, signum)
        else:
            os.kill(make.pid, signum)
        assert_all_gone(make, port, site)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(make.pid, signal.SIGKILL)


def test_stopping_make_mid_build_stops_the_build(tmp_path: Path) -> None:
    site, port = fresh_clone(tmp_path / "site"), free_port()
    make = start(site, port)
    try:

        def building() -> bool:
            return any("sphinx build" in c for c in session_processes(make.pid).values())

        wait_for(building, 60, "sphinx-build to start")
        os.kill(make.pid, signal.SIGTERM)
        assert_all_gone(make, port, site)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(make.pid, signal.SIGKILL)
