"""A small write on a large store: a one-triple SPARQL Update over HTTP on `kg serve`, then
the first saved query that reads a derived table (`cq09-shared-statements` by name), and
again once the table of the new generation is written.

    python -m bench.update --store DIR [--settle 60] [--json FILE]

The store is copied first (the update must not change the benchmark's store). Reported:
seconds of the update request, of the first cq09 after it, until the new generation's
table was there, of cq09 then, and the peak RSS of the server's process tree."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

from bench.load_client import PeakMemory
from bench.processes import die_with_parent, free_port, stop_group
from graph.store.derived import TABLES
from graph.store.embedded import EmbeddedStore

BIN = Path(sys.executable).parent
TOKEN = "bench-update-token"
UPDATE = 'INSERT DATA { GRAPH <urn:bench:update> { <urn:bench:s> <urn:bench:p> "1" } }'


def _timed_get(url: str) -> tuple[float, int]:
    began = time.perf_counter()
    response = requests.get(url, headers={"Accept": "application/sparql-results+json"},
                            timeout=600)
    return time.perf_counter() - began, response.status_code


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", required=True)
    parser.add_argument("--settle", type=float, default=60.0,
                        help="seconds after the start before the update (memory copies)")
    parser.add_argument("--wait-tables", type=float, default=120.0)
    parser.add_argument("--json", default="")
    args = parser.parse_args(argv)
    scratch = Path(tempfile.mkdtemp(prefix="bench-update-"))
    store = scratch / "store"
    shutil.copytree(args.store, store, ignore=shutil.ignore_patterns("*.lock"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [str(BIN / "kg"), "serve", "--store", str(store), "--host", "127.0.0.1",
         "--port", str(port)], start_new_session=True,
         preexec_fn=die_with_parent(), stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, env={**os.environ, "KG_UPDATE_TOKEN": TOKEN})
    report: dict[str, object] = {"load_average_1min_before": os.getloadavg()[0]}
    table = TABLES["statement-counts"].file
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                requests.get(base + "/sparql", params={"query": "ASK {}"}, timeout=5)
                break
            except requests.RequestException:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("kg serve did not start") from None
                time.sleep(0.2)
        time.sleep(args.settle)
        with PeakMemory(process.pid) as memory:
            report["cq09_before_s"], _ = _timed_get(base + "/queries/cq09-shared-statements")
            began = time.perf_counter()
            done = requests.post(base + "/sparql", data={"update": UPDATE},
                                 headers={"Authorization": f"Bearer {TOKEN}"}, timeout=600)
            report["update_s"] = time.perf_counter() - began
            if done.status_code != 204:
                raise RuntimeError(f"update failed: {done.status_code} {done.text[:200]}")
            report["cq09_first_after_s"], status = _timed_get(
                base + "/queries/cq09-shared-statements")
            assert status == 200, status
            live = EmbeddedStore(store).live_generation_path()
            assert live is not None
            report["table_at_first_query"] = (live / table).is_file()
            while not (live / table).is_file():
                if time.perf_counter() - began > args.wait_tables:
                    break
                time.sleep(0.1)
            report["table_written_after_s"] = (time.perf_counter() - began
                                               if (live / table).is_file() else None)
            report["cq09_with_table_s"], status = _timed_get(
                base + "/queries/cq09-shared-statements?offset=1000")
            assert status == 200, status
        report["peak_rss_mb"] = round(memory.peak / 1e6)
        report["load_average_1min_after"] = os.getloadavg()[0]
    finally:
        stop_group(process, 15)
        shutil.rmtree(scratch, ignore_errors=True)
    report = {k: round(v, 3) if isinstance(v, float) else v for k, v in report.items()}
    print(json.dumps(report, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
