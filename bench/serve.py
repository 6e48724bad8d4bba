"""Serving benchmark: `kg serve` against `oxigraph serve` on the same synthetic store, in
the same run.

    python -m bench.serve [--triples 1000000] [--clients 4] [--passes 2] [--rounds 2] [--store DIR]

Both servers read the same RocksDB generation (oxigraph read-only, with the union default
graph, as ours). The query mix is `bench/queries/*.rq` (researcher questions over the
synthetic graph's shape) plus the saved queries of `queries/` that need no parameter and that
`oxigraph serve` answers in under `--max-query-seconds` (2 s by default) when measured
alone in the warm-up: a query near our server's 30 s timeout would be stopped by us and
not by oxigraph (which has no timeout), which measures the timeout, not the serving
layer. Every query is sent with the PREFIX lines of our namespace map, so both servers
get the same text. Rounds alternate between the servers to spread machine noise. Reported: queries/s
per server and their ratio, latency percentiles, and the added median latency of a trivial
query (`ASK {}`).

Where `virtuoso-t` is installed (`--virtuoso auto`, the default), a private Virtuoso 7 on
loopback gets the same quads (an N-Quads dump of the generation, bulk-loaded with its
graphs) and the same requests on its `/sparql` endpoint, in the same rounds: a third
column. A query it refuses (a SPARQL feature it lacks) is left out of its mix only, and
listed.

Two kinds of rounds: **cold**, where every request carries a comment of its own (the same
question, a text no cache has seen: what a cache cannot help with), and **warm**, where
the same requests are sent again (what researchers' pages and scripts do). Both servers
get exactly the same requests. Our executors copy the store into memory after the start
(`KG_MEMORY_SNAPSHOT`); the timed rounds begin once `--snapshot-wait` seconds have passed.
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import requests

from bench.load_client import PeakMemory
from bench.processes import (
    die_with_parent,
    free_port,
    start_virtuoso,
    stop_group,
    virtuoso_bulk_load,
)
from bench.synthetic import generate
from ontology.namespaces import sparql_prologue

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
ACCEPT = {"Accept": "application/sparql-results+json"}


def query_mix() -> list[tuple[str, str]]:
    """(name, text) of every candidate query of the mix, prologue included."""
    mix = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted((HERE / "queries").glob(
        "*.rq"))]
    try:
        from queries import all_queries

        mix += [(q.name, q.text) for q in all_queries() if not q.params]
    except (ImportError, ValueError):
        pass
    return [(name, sparql_prologue() + text) for name, text in mix]


def saved_alone(base: str, pid: int | None = None) -> dict[str, dict[str, float]]:
    """Every saved query by name (`GET /queries/NAME`, its defaults, a paged one its first
    page) on our server, one at a time: seconds to the last byte, the answer's bytes, the
    server's `Server-Timing`, and the CPU seconds the server's processes (`pid`'s tree)
    used meanwhile (far fewer than the seconds: the server waited for the CPU). Each URL
    is asked once, so the result cache has never seen it."""
    from bench.load_client import tree_cpu_seconds
    from queries import all_queries

    timings: dict[str, dict[str, float]] = {}
    with requests.Session() as session:
        for query in all_queries():
            cpu = tree_cpu_seconds(pid) if pid is not None else 0.0
            began = time.perf_counter()
            response = session.get(f"{base}/queries/{query.name}", headers=ACCEPT,
                                   timeout=300)
            seconds = time.perf_counter() - began
            timings[query.name] = {"seconds": round(seconds, 3),
                                   "server_cpu_s": (round(tree_cpu_seconds(pid) - cpu, 3)
                                                    if pid is not None else None),
                                   "bytes": len(response.content),
                                   "status": response.status_code,
                                   "server_timing": response.headers.get("Server-Timing")}
    return timings


class LoadSampler:
    """The machine's 1-minute load average every `interval` seconds while the run lasts:
    the figures of a shared machine only mean something beside it."""

    def __init__(self, interval: float = 30.0) -> None:
        import os

        self._loadavg = os.getloadavg
        self.interval = interval
        self.samples: list[tuple[str, float]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while True:
            self.samples.append((time.strftime("%H:%M:%S", time.gmtime()),
                                 round(self._loadavg()[0], 2)))
            if self._stop.wait(self.interval):
                return

    def __enter__(self) -> LoadSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


def _wait(url: str, process: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited: {url}")
        try:
            requests.get(url, params={"query": "ASK {}"}, timeout=10)
            return
        except requests.RequestException:  # not listening yet, or still starting
            time.sleep(0.2)
    raise RuntimeError(f"no answer from {url}")


@dataclass
class Server:
    name: str
    url: str
    process: subprocess.Popen[bytes]

    def stop(self) -> None:
        stop_group(self.process, 15)


def _start(name: str, argv: list[str], url: str) -> Server:
    """Start a server in its own process group and wait until it answers."""
    process = subprocess.Popen(argv, start_new_session=True, preexec_fn=die_with_parent(),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    server = Server(name, url, process)
    try:
        _wait(server.url, process)
    except RuntimeError:
        server.stop()
        raise
    return server


def start_ours(store: Path) -> Server:
    port = free_port()
    return _start("kg serve", [str(BIN / "kg"), "serve", "--store", str(store), "--host",
                               "127.0.0.1", "--port", str(port)],
                  f"http://127.0.0.1:{port}/sparql")


def start_oxigraph(store: Path) -> Server:
    generation = (store / "CURRENT").read_text(encoding="ascii").strip()
    port = free_port()
    return _start("oxigraph serve",
                  [str(BIN / "oxigraph"), "serve-read-only", "--location",
                   str(store / "gens" / generation), "--bind", f"127.0.0.1:{port}",
                   "--union-default-graph"],
                  f"http://127.0.0.1:{port}/query")


def start_virtuoso_with(store: Path, directory: Path) -> Server:
    """Virtuoso with the live generation's quads, answering on its /sparql endpoint."""
    import pyoxigraph as ox

    process, sql_port, http_port = start_virtuoso(directory)
    server = Server("virtuoso", f"http://127.0.0.1:{http_port}/sparql", process)
    try:
        _wait(server.url, process, 120)
        generation = (store / "CURRENT").read_text(encoding="ascii").strip()
        dump = directory / "generation.nq"
        ox.Store.read_only(str(store / "gens" / generation)).dump(
            str(dump), format=ox.RdfFormat.N_QUADS)
        began = time.monotonic()
        virtuoso_bulk_load(sql_port, dump)
        print(f"virtuoso: loaded in {time.monotonic() - began:.0f} s", file=sys.stderr)
        dump.unlink()
    except BaseException:
        server.stop()
        raise
    return server


@dataclass
class Run:
    completed: int = 0
    errors: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    by_query: dict[str, list[float]] = field(default_factory=dict)

    @property
    def qps(self) -> float:
        return self.completed / self.seconds if self.seconds else 0.0


def load(url: str, mix: list[tuple[str, str]], clients: int, passes: int, *,
         distinct: str | None = None) -> Run:
    """`clients` threads, each sending the whole mix `passes` times in its own seeded order.

    Fixed work, not fixed time: both servers answer exactly the same queries, so the
    ratio does not depend on which slow queries happened to be in flight when a time
    window closed (with multi-second queries in the mix, that alone moved it by 10 %)."""
    run = Run()
    lock = threading.Lock()
    orders = []
    for k in range(clients):
        order = [q for _ in range(passes) for q in mix]
        random.Random(k).shuffle(order)
        orders.append(order)

    def client(k: int, order: list[tuple[str, str]]) -> None:
        session = requests.Session()
        for n, (name, text) in enumerate(order):
            if distinct is not None:
                # A comment of its own: the same question, a request no cache has seen.
                text = f"{text}\n# {distinct}-{k}-{n}\n"
            started = time.perf_counter()
            response = session.post(url, data={"query": text}, headers=ACCEPT, timeout=120)
            _ = response.content
            elapsed = time.perf_counter() - started
            with lock:
                if response.status_code == 200:
                    run.completed += 1
                    run.latencies.append(elapsed)
                    run.by_query.setdefault(name, []).append(elapsed)
                else:
                    run.errors += 1

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(k, order))
               for k, order in enumerate(orders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    run.seconds = time.monotonic() - started
    return run


def trivial_latencies(urls: list[str], rounds: int, per_round: int, *,
                      keep_alive: bool = True) -> list[list[float]]:
    """Per server, the median seconds of `ASK {}` in each of `rounds` rounds of
    `per_round` requests, the servers taking turns round by round.

    One kept-alive `http.client` connection per server: the client's own cost is small
    and the same for both, and taking turns means a slow spell of the machine (they last
    seconds here) falls on both servers alike instead of on whichever ran then. Without
    `keep_alive`, each request opens a connection of its own (as clients built on urllib,
    SPARQLWrapper among them, do)."""
    connections = []
    for url in urls:
        parts = urllib.parse.urlsplit(url)
        connections.append((http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port,
                                                   timeout=30),
                            parts.path + "?" + urllib.parse.urlencode({"query": "ASK {}"})))

    def once(conn: http.client.HTTPConnection, target: str) -> float:
        started = time.perf_counter()
        conn.request("GET", target, headers=ACCEPT)
        response = conn.getresponse()
        response.read()
        if response.status != 200:
            raise RuntimeError(f"ASK {{}} answered {response.status}")
        if not keep_alive:
            conn.close()  # the next request connects again
        return time.perf_counter() - started

    try:
        for conn, target in connections:  # warm up
            for _ in range(per_round):
                once(conn, target)
        medians: list[list[float]] = [[] for _ in urls]
        for _round in range(rounds):
            for k, (conn, target) in enumerate(connections):
                medians[k].append(statistics.median(once(conn, target)
                                                    for _ in range(per_round)))
        return medians
    finally:
        for conn, _target in connections:
            conn.close()


def _added(medians: list[list[float]]) -> float:
    """Ours minus theirs: the median of the per-round differences, robust to slow spells
    of the machine."""
    theirs, ours = medians
    return statistics.median(o - t for t, o in zip(theirs, ours, strict=True))


def _percentiles(values: list[float]) -> dict[str, float]:
    if not values:
        return {}
    ordered = sorted(values)

    def at(q: float) -> float:
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000

    return {"p50_ms": round(at(0.5), 2), "p90_ms": round(at(0.9), 2),
            "p99_ms": round(at(0.99), 2)}


def _summary(runs: list[Run], mix: list[tuple[str, str]]) -> dict[str, object]:
    completed = sum(r.completed for r in runs)
    seconds = sum(r.seconds for r in runs)
    return {
        "qps": round(completed / seconds, 2) if seconds else 0.0, "completed": completed,
        "errors": sum(r.errors for r in runs),
        **_percentiles([x for r in runs for x in r.latencies]),
        "qps_per_round": [round(r.qps, 2) for r in runs],
        "median_ms_by_query": {
            q: (round(statistics.median(times) * 1000, 1) if times else None)
            for q, _ in mix
            for times in [[x for r in runs for x in r.by_query.get(q, [])]]},
    }


def _markdown(report: dict[str, object]) -> str:
    """The tables of serve.md, from the report."""
    servers = report["servers"]
    assert isinstance(servers, dict)
    names = list(servers)
    lines = ["| run | server | q/s | p50 ms | p90 ms | p99 ms | errors |",
             "|---|---|---|---|---|---|---|"]
    for phase in ("cold", "warm"):
        for name in names:
            row = servers[name][phase]
            per_round = ", ".join(map(str, row["qps_per_round"]))
            lines.append(f"| {phase} | {name} | {row['qps']} ({per_round}) "
                         f"| {row.get('p50_ms')} | {row.get('p90_ms')} | {row.get('p99_ms')} "
                         f"| {row['errors']} |")
    lines += ["", "| query | " + " | ".join(f"{n} cold ms" for n in names)
              + " | ratio (ours / oxigraph) | kg serve warm ms |",
              "|---|" + "---|" * (len(names) + 2)]
    ours, theirs = servers["kg serve"], servers["oxigraph serve"]
    for query, ms in theirs["cold"]["median_ms_by_query"].items():
        cells = [str(servers[n]["cold"]["median_ms_by_query"].get(query) or "—")
                 for n in names]
        mine = ours["cold"]["median_ms_by_query"][query]
        ratio = round(mine / ms, 2) if ms and mine else "-"
        lines.append(f"| {query} | " + " | ".join(cells)
                     + f" | {ratio} | {ours['warm']['median_ms_by_query'][query]} |")
    saved = report.get("saved_queries_alone") or {}
    assert isinstance(saved, dict)
    lines += ["", "| saved query (`GET /queries/NAME`, alone) | kg serve s | server CPU s "
              "| answer bytes | Server-Timing |", "|---|---:|---:|---:|---|"]
    for query, timing in saved.items():
        status = "" if timing["status"] == 200 else f" (status {timing['status']})"
        lines.append(f"| {query} | {timing['seconds']:.2f}{status} "
                     f"| {timing.get('server_cpu_s')} | {timing['bytes']:,} "
                     f"| {timing.get('server_timing') or ''} |")
    phases = report.get("kg_serve_rss_by_phase") or {}
    assert isinstance(phases, dict)
    lines += ["", "| moment of the run | kg serve peak RSS MB | at (UTC) | per process (MB) |",
              "|---|---:|---|---|"]
    for phase, seen in phases.items():
        held = "; ".join(f"{role} {', '.join(map(str, mbs))}"
                         for role, mbs in seen["processes"].items())
        lines.append(f"| {phase} | {seen['mb']:,} | {seen['at']} | {held} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", default=str(HERE / "data" / "synthetic"),
                        help="synthetic store directory (generated when missing)")
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--passes", type=int, default=2,
                        help="times each client sends the whole mix, per round and server")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--trivial", type=int, default=200,
                        help="ASK {} requests per server and round")
    parser.add_argument("--trivial-rounds", type=int, default=20,
                        help="rounds of ASK {} requests, the servers taking turns")
    parser.add_argument("--max-query-seconds", type=float, default=2.0,
                        help="leave out saved queries slower than this alone on oxigraph")
    parser.add_argument("--snapshot-wait", type=float, default=180.0,
                        help="seconds to let our executors copy the store into memory")
    parser.add_argument("--exclude", default="",
                        help="comma-separated saved queries known to be too slow for the mix "
                             "(skips their timing alone, which oxigraph cannot cancel)")
    parser.add_argument("--virtuoso", choices=("auto", "on", "off"), default="auto",
                        help="also run Virtuoso 7 (auto: when virtuoso-t is installed)")
    parser.add_argument("--json", default=str(HERE / "results" / "serve.json"))
    args = parser.parse_args(argv)

    store = Path(args.store)
    if not (store / "CURRENT").is_file():
        print(f"generating {args.triples} triples into {store} ...", file=sys.stderr)
        generate(store, args.triples)
    excluded = {name for name in args.exclude.split(",") if name}
    mix = [(name, text) for name, text in query_mix() if name not in excluded]
    import shutil
    import tempfile

    servers: list[Server] = []
    names = ["oxigraph serve", "kg serve"]
    with_virtuoso = args.virtuoso == "on" or (args.virtuoso == "auto"
                                              and shutil.which("virtuoso-t") is not None)
    if with_virtuoso:
        names.append("virtuoso")
    cold: dict[str, list[Run]] = {name: [] for name in names}
    warm: dict[str, list[Run]] = {name: [] for name in names}
    refused: dict[str, str] = {}  # query -> Virtuoso's complaint
    scratch = Path(tempfile.mkdtemp(prefix="bench-serve-"))
    trivial: dict[str, float] = {}
    peak_rss = 0
    memory: PeakMemory | None = None
    sampler = LoadSampler().__enter__()
    try:
        servers.append(start_oxigraph(store))
        started = time.monotonic()
        servers.append(start_ours(store))
        first_answer_s = time.monotonic() - started
        # Per process of our server's tree, the whole run long: which moment makes the peak.
        memory = PeakMemory(servers[1].process.pid).__enter__()
        memory.phase = "start, memory copies, each query alone"
        if with_virtuoso:
            # Loading (a minute or so) also lets our executors copy the store meanwhile.
            servers.append(start_virtuoso_with(store, scratch / "virtuoso"))
        researcher = {p.stem for p in (HERE / "queries").glob("*.rq")}
        alone: dict[str, dict[str, float]] = {s.name: {} for s in servers}
        left_out: list[str] = []
        for server in servers:  # warm the engines' caches and check every query answers
            for name, text in mix:
                began = time.perf_counter()
                response = requests.post(server.url, data={"query": text + "\n# alone\n"},
                                         headers=ACCEPT, timeout=300)
                if response.status_code != 200 and server.name == "virtuoso":
                    refused[name] = f"{response.status_code}: {response.text[:300]}"
                    continue
                if response.status_code != 200:
                    raise RuntimeError(f"{server.name} failed {name}: {response.text[:200]}")
                alone[server.name][name] = time.perf_counter() - began
            if server.name == "oxigraph serve":
                left_out = [n for n, _ in mix if n not in researcher
                            and alone[server.name][n] > args.max_query_seconds]
                mix = [(n, q) for n, q in mix if n not in left_out]
        # Our executors copy the store into memory in the background after the start.
        time.sleep(max(0.0, args.snapshot_wait - (time.monotonic() - started)))
        memory.phase = "saved queries alone"
        saved = saved_alone(servers[1].url.removesuffix("/sparql"), servers[1].process.pid)
        def mix_of(server: Server) -> list[tuple[str, str]]:
            return [(n, q) for n, q in mix if server.name != "virtuoso" or n not in refused]

        memory.phase = "mix warm-up"
        for server in servers:
            # Every executor process (ours) and thread (theirs) warm, not only the one the
            # sequential pass above used.
            load(server.url, mix_of(server), args.clients, 1, distinct="warmup")
        memory.phase = "cold rounds"
        for k in range(args.rounds):
            for server in servers:
                cold[server.name].append(load(server.url, mix_of(server), args.clients,
                                              args.passes, distinct=f"cold{k}"))
        memory.phase = "warm rounds"
        for server in servers:
            # the requests the warm rounds repeat
            load(server.url, mix_of(server), args.clients, 1)
        for _k in range(args.rounds):
            for server in servers:
                warm[server.name].append(load(server.url, mix_of(server), args.clients,
                                              args.passes))
        # The timed rounds' peak, as before; the whole run's is kept beside it.
        peak_rss = max(int(memory.phases[p]["mb"])  # type: ignore[call-overload]
                       for p in ("cold rounds", "warm rounds")) * 1_000_000
        memory.phase = "ASK {} latency"
        urls = [server.url for server in servers[:2]]
        medians = trivial_latencies(urls, args.trivial_rounds, args.trivial)
        for server, series in zip(servers[:2], medians, strict=True):
            trivial[server.name] = statistics.median(series)
        added = _added(medians)
        added_new_connection = _added(trivial_latencies(urls, args.trivial_rounds,
                                                        args.trivial, keep_alive=False))
    finally:
        if memory is not None:
            memory.__exit__()
        for server in servers:
            server.stop()
        shutil.rmtree(scratch, ignore_errors=True)
        sampler.__exit__()

    report: dict[str, object] = {
        "triples": args.triples, "clients": args.clients, "passes_per_round": args.passes,
        "rounds": args.rounds, "queries": [n for n, _ in mix],
        "left_out": {n: round(alone["oxigraph serve"][n], 2) for n in left_out},
        "excluded": sorted(excluded), "virtuoso_refused": refused,
        "saved_queries_alone": saved,
        "load_average_1min": {"min": min(x for _, x in sampler.samples),
                              "max": max(x for _, x in sampler.samples),
                              "samples": sampler.samples},
        "alone_s": {server: {n: round(x, 3) for n, x in times.items()}
                    for server, times in alone.items()},
        "kg_serve_first_answer_s": round(first_answer_s, 2),
        "kg_serve_peak_rss_mb": round(peak_rss / 1e6),
        "kg_serve_peak_rss_mb_whole_run": round(memory.peak / 1e6) if memory else None,
        "kg_serve_rss_by_phase": memory.phases if memory else {}, "servers": {}}
    for name in cold:
        report["servers"][name] = {  # type: ignore[index]
            "cold": _summary(cold[name], mix), "warm": _summary(warm[name], mix),
            "trivial_median_ms": (round(trivial[name] * 1000, 3) if name in trivial
                                  else None)}
    ours, theirs = report["servers"]["kg serve"], report["servers"]["oxigraph serve"]  # type: ignore[index]
    report["cold_throughput_ratio"] = round(ours["cold"]["qps"] / theirs["cold"]["qps"], 3)
    report["cold_p50_ratio"] = round(ours["cold"]["p50_ms"] / theirs["cold"]["p50_ms"], 3)
    report["warm_throughput_ratio_vs_oxigraph_cold"] = round(
        ours["warm"]["qps"] / theirs["cold"]["qps"], 3)
    report["warm_throughput_ratio"] = round(ours["warm"]["qps"] / theirs["warm"]["qps"], 3)
    report["slower_than_oxigraph_by_more_than_10pct_plus_half_ms"] = [
        q for q, ms in theirs["cold"]["median_ms_by_query"].items()
        if ours["cold"]["median_ms_by_query"][q] > ms * 1.1 + 0.5]
    if with_virtuoso:
        virtuoso = report["servers"]["virtuoso"]  # type: ignore[index]
        report["cold_throughput_ratio_vs_virtuoso"] = round(
            ours["cold"]["qps"] / virtuoso["cold"]["qps"], 3)
        report["cold_p50_ratio_vs_virtuoso"] = round(
            ours["cold"]["p50_ms"] / virtuoso["cold"]["p50_ms"], 3)
    report["added_trivial_latency_ms"] = round(added * 1000, 3)
    report["added_trivial_latency_new_connection_ms"] = round(added_new_connection * 1000, 3)
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(_markdown(report))
    for key in ("cold_throughput_ratio", "cold_p50_ratio", "warm_throughput_ratio",
                "warm_throughput_ratio_vs_oxigraph_cold",
                "slower_than_oxigraph_by_more_than_10pct_plus_half_ms",
                "added_trivial_latency_ms", "added_trivial_latency_new_connection_ms",
                "kg_serve_first_answer_s", "kg_serve_peak_rss_mb",
                "kg_serve_peak_rss_mb_whole_run"):
        print(f"{key}: {report[key]}")
    for key in ("cold_throughput_ratio_vs_virtuoso", "cold_p50_ratio_vs_virtuoso",
                "virtuoso_refused", "load_average_1min"):
        print(f"{key}: {report.get(key)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
