"""Servers a test run starts stop when that run is killed: a `kg serve` (with its query
executors) and an `oxigraph serve` peer, started by the same helpers the tests use, in a
process that is then killed with SIGKILL, as `timeout` or the out-of-memory killer would
kill pytest. Before, both kept running (and kept their ports and store locks) until
someone found and killed them by hand."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import ROOT

# The parent: starts both servers the way the test helpers do, says their process ids and
# waits to be killed.
_PARENT = """
import sys, time
from pathlib import Path
from tests.conftest import start_server
from tests.store.servers import start_oxigraph
ours = start_server(sys.argv[1])
peer = start_oxigraph(Path(sys.argv[2]))
print(ours.process.pid, peer.process.pid, flush=True)
time.sleep(600)
"""


def _living(group: int) -> list[int]:
    """Processes of process group `group` that have not exited (zombies count as exited:
    whoever reaps orphans here may be slow to)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # exited meanwhile
        state, pgrp = fields[0], int(fields[2])
        if pgrp == group and state not in {"Z", "X"}:
            found.append(int(entry.name))
    return found


def test_servers_stop_when_the_test_run_is_killed(built_store_path: Path,
                                                  tmp_path: Path) -> None:
    parent = subprocess.Popen([sys.executable, "-c", _PARENT, str(built_store_path),
                               str(tmp_path / "peer")], cwd=ROOT, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, start_new_session=True)
    groups: list[int] = []
    try:
        assert parent.stdout is not None
        line = parent.stdout.readline().decode()
        groups = [int(pid) for pid in line.split()]
        assert len(groups) == 2, f"the parent did not start both servers: {line!r}"
        assert all(_living(group) for group in groups)
        parent.send_signal(signal.SIGKILL)
        parent.wait(timeout=10)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and any(_living(group) for group in groups):
            time.sleep(0.2)
        left = {group: _living(group) for group in groups}
        assert not any(left.values()), f"still running after their parent died: {left}"
    finally:
        for group in groups:  # only if the test failed: do not leave them behind
            for pid in _living(group):
                os.kill(pid, signal.SIGKILL)
        if parent.poll() is None:
            parent.kill()
            parent.wait(timeout=10)
