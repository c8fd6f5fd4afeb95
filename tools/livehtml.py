"""``make livehtml``: sphinx-autobuild, stopped with make however make stops.

Run by itself, sphinx-autobuild outlives a killed ``make``: make signals the
shell of its recipe, and the server and the sphinx-build it may be running
carry on. Here it runs in a process group of its own, and this process, which
make waits for, ends that whole group (the server and its builds) when

- it is sent SIGTERM (make passes on its own SIGTERM), SIGINT (Ctrl-C reaches
  every process of the terminal's foreground group) or SIGHUP (the terminal
  closed), or
- its parent, make, is gone without a word (SIGKILL): on Linux the kernel says
  so at once (``PR_SET_PDEATHSIG``); elsewhere the parent is checked twice a
  second.

The group is asked to stop (SIGTERM); what is left of it a few seconds later
is killed. Usage: ``python tools/livehtml.py <sphinx-autobuild arguments>``.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import subprocess
import sys
from types import FrameType

GRACE = 5.0  # seconds the server has to close its connections
PR_SET_PDEATHSIG = 1


STOPS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)
stopping: list[int] = []  # the signal that asks to stop, once one has come


def stop(signum: int, frame: FrameType | None) -> None:
    stopping.append(signum)


def on_parent_death(signum: int) -> None:
    """Linux: have the kernel send ``signum`` when the parent process ends."""
    if sys.platform == "linux":
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signum)


def end_group(server: subprocess.Popen[bytes]) -> None:
    """Ask the server's group to stop, then kill whatever is left of it."""
    for signum, wait in ((signal.SIGTERM, GRACE), (signal.SIGKILL, None)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signum)
        with contextlib.suppress(subprocess.TimeoutExpired):
            server.wait(wait)


def main(argv: list[str]) -> int:
    parent = os.getppid()
    for signum in STOPS:
        signal.signal(signum, stop)
    on_parent_death(signal.SIGTERM)
    server = subprocess.Popen(
        [sys.executable, "-m", "sphinx_autobuild", *argv],
        process_group=0,
        preexec_fn=lambda: on_parent_death(signal.SIGTERM),  # should this process be killed
    )
    while not stopping and os.getppid() == parent:
        try:
            return server.wait(0.5)
        except subprocess.TimeoutExpired:
            continue
    for signum in STOPS:
        signal.signal(signum, signal.SIG_IGN)  # a second Ctrl-C waits for the first
    end_group(server)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
