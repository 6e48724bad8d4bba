"""Where the time of a small query goes on `kg serve` under the researcher mix: a fifth
client sends the small lookups (q1, q7, q9) one after the other while 4 clients (in a
process of their own) send the cold mix, on `kg serve` and on `oxigraph
serve-read-only` in turn, and the access log of `kg serve` splits each lookup into its
stages (the front before the hop, the wait for an executor, the executor's round trip,
the engine inside it). Also: the CPU the front process used meanwhile, per second.

    python -m bench.stages --store DIR [--settle 60] [--passes 1]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

from bench.processes import die_with_parent, free_port, stop_group
from bench.serve import ACCEPT, BIN, HERE, _wait, load, query_mix, start_oxigraph
from ontology.namespaces import sparql_prologue
from server.sparql import query_hash

PROBES = ("q1-alliance-members", "q7-event-lookup", "q9-article-sentences")


def _probe(url: str, done: threading.Event, tag: str) -> list[tuple[str, str, float]]:
    """(name, text, seconds) of each lookup sent until `done` is set."""
    texts = {name: sparql_prologue() + (HERE / "queries" / f"{name}.rq").read_text("utf-8")
             for name in PROBES}
    sent: list[tuple[str, str, float]] = []
    with requests.Session() as session:
        n = 0
        while not done.is_set():
            name = PROBES[n % len(PROBES)]
            text = f"{texts[name]}\n# {tag}-{n}\n"
            began = time.perf_counter()
            response = session.post(url, data={"query": text}, headers=ACCEPT, timeout=60)
            _ = response.content
            sent.append((name, text, time.perf_counter() - began))
            n += 1
            time.sleep(0.02)
    return sent


def _cpu_seconds(pid: int) -> float:
    """User and system CPU time of one process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _under_mix(url: str, mix: list[tuple[str, str]], passes: int, tag: str,
               ) -> list[tuple[str, str, float]]:
    """The lookups' latencies while the mix runs in a process of its own: its clients'
    Python (parsing answers of megabytes) would otherwise hold this process's GIL and
    time the client, not the server."""
    done = threading.Event()
    found: list[list[tuple[str, str, float]]] = []
    mixer = multiprocessing.get_context("fork").Process(
        target=load, args=(url, mix, 4, passes), kwargs={"distinct": tag})
    mixer.start()
    thread = threading.Thread(target=lambda: found.append(_probe(url, done, tag)))
    thread.start()
    try:
        mixer.join()
    finally:
        done.set()
        thread.join()
    return found[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", required=True)
    parser.add_argument("--settle", type=float, default=60.0)
    parser.add_argument("--passes", type=int, default=1)
    args = parser.parse_args(argv)
    mix = query_mix()
    log_dir = Path(tempfile.mkdtemp(prefix="bench-stages-"))
    log_path = log_dir / "access.log"
    port = free_port()
    ours_url = f"http://127.0.0.1:{port}/sparql"
    with open(log_path, "wb") as log:
        ours = subprocess.Popen(
            [str(BIN / "kg"), "serve", "--store", args.store, "--host", "127.0.0.1",
             "--port", str(port)], start_new_session=True,
             preexec_fn=die_with_parent(), stdout=subprocess.DEVNULL,
            stderr=log)
    theirs = None
    report: dict[str, object] = {"load_average_1min_before": os.getloadavg()[0]}
    try:
        _wait(ours_url, ours)
        theirs = start_oxigraph(Path(args.store))
        time.sleep(args.settle)
        for url in (ours_url, theirs.url):  # warm both
            load(url, mix, 4, 1, distinct="warm")
        on_theirs = _under_mix(theirs.url, mix, args.passes, "theirs")
        cpu, wall = _cpu_seconds(ours.pid), time.monotonic()
        on_ours = _under_mix(ours_url, mix, args.passes, "ours")
        report["front_cpu_per_second"] = round(
            (_cpu_seconds(ours.pid) - cpu) / (time.monotonic() - wall), 2)
        report["load_average_1min_after"] = os.getloadavg()[0]
    finally:
        stop_group(ours, 15)
        if theirs is not None:
            theirs.stop()
    logged = {}
    for line in log_path.read_text("utf-8", "replace").splitlines():
        if line.startswith("{"):
            record = json.loads(line)
            if record.get("query_hash"):
                logged[record["query_hash"]] = record
    shutil.rmtree(log_dir, ignore_errors=True)
    for name in PROBES:
        mine = [(seconds, logged.get(query_hash(text))) for n, text, seconds in on_ours
                if n == name]
        stages: dict[str, list[float]] = {"client_ms": [s * 1000 for s, _ in mine],
                                          "oxigraph_client_ms": [
                                              s * 1000 for n, _, s in on_theirs if n == name]}
        for _, record in mine:
            if record is None:
                continue
            stages.setdefault("duration_ms", []).append(record["duration_ms"])
            for key, value in record.get("stages", {}).items():
                if isinstance(value, (int, float)):
                    stages.setdefault(key, []).append(value)
        report[name] = {key: {"median": round(statistics.median(values), 2), "n": len(values)}
                        for key, values in stages.items() if values}
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
