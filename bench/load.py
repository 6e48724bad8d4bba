"""Load test: the saved-query mix at 1, 4, 16 and 64 concurrent clients against `kg serve`
on the synthetic graph, then overload and recovery, then pathological queries mixed in.

    python -m bench.load [--triples 1000000] [--clients 1,4,16,64] [--seconds 15]
                         [--store DIR] [--timeout 10] [--out bench/results/load.json]

The server runs as its own process group on 127.0.0.1 with the production settings (one
worker process, query executors, the query timeout given here); this process is the
client. Reported per level: throughput, p50/p95/p99 latency of answered queries, errors,
503s (with Retry-After), and the server's peak memory over its process tree. Then: how
overload is shed and how fast the server recovers, and the p99 of trivial queries alone
and with pathological queries (cartesian products, unbounded paths, huge ORDER BY, regex
over every literal) running beside them. Last, slow clients (`bench.slow_clients`): trivial
queries beside 80 and 1,000 stalled connections, against `kg serve` and `oxigraph serve`
in the same run. Results go to `load.json` and `load.md`.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import requests

from bench.load_client import Client, PeakMemory, Run, run_clients, tree_rss
from bench.processes import die_with_parent, free_port, stop_group

HERE = Path(__file__).resolve().parent
KG = str(Path(sys.executable).with_name("kg"))

TRIVIAL = [
    ("trivial-ask", "ASK { ?s a ckg:Article }"),
    ("trivial-lookup", "SELECT ?t WHERE { ?a a ckg:Article ; dcterms:title ?t } LIMIT 1"),
]
PATHOLOGICAL = [
    ("cartesian", "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }"),
    ("unbounded-path", "SELECT (COUNT(*) AS ?n) WHERE { ?s (<>|!<>)* ?o }"),
    ("huge-order-by", "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY DESC(STR(?o)) ?s ?p "
                      "OFFSET 999999 LIMIT 1"),
    ("regex-every-literal", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o . ?x ?y ?z "
                            "FILTER(isLiteral(?o) && REGEX(STR(?o), CONCAT('^(a|b|.)*', "
                            "STR(?z)), 'i')) }"),
]


def query_mix() -> list[tuple[str, str]]:
    """The saved queries that need no parameter, plus the benchmark questions written
    for the synthetic graph's shape (`bench/queries/*.rq`) when present."""
    mix: list[tuple[str, str]] = []
    try:
        from queries import all_queries

        mix += [(q.name, q.text) for q in all_queries() if not q.params]
    except (ImportError, ValueError):
        pass
    mix += [(p.stem, p.read_text(encoding="utf-8"))
            for p in sorted((HERE / "queries").glob("*.rq"))]
    return mix or TRIVIAL


class Server:
    """`kg serve` in its own process group on a free loopback port, stopped by pid."""

    def __init__(self, store: Path, env: dict[str, str]) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [KG, "serve", "--store", str(store), "--host", "127.0.0.1",
             "--port", str(self.port)],
            env={**os.environ, **env}, start_new_session=True, preexec_fn=die_with_parent(),
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self.log: list[bytes] = []
        threading.Thread(target=self._drain, daemon=True).start()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("kg serve exited: " + b"".join(self.log[-20:]).decode())
            try:
                requests.get(self.url + "/sparql", params={"query": "ASK {}"}, timeout=5)
                return
            except requests.RequestException:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("kg serve did not answer within 60 s")

    def _drain(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.log.append(line)
            if len(self.log) > 500:
                del self.log[:250]

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        stop_group(self.process, 15)


def ensure_store(store: Path, triples: int) -> None:
    """Generate the synthetic graph once; later runs reuse it."""
    marker = store.parent / (store.name + ".triples")
    if marker.is_file() and marker.read_text().strip() == str(triples):
        return
    from bench.synthetic import generate

    started = time.monotonic()
    written = generate(store, triples)
    marker.write_text(str(triples))
    print(f"generated {written} triples in {time.monotonic() - started:.0f} s",
          file=sys.stderr)


def settle(url: str, limit: float = 180.0) -> float | None:
    """Wait until the server answers a trivial query within a second again (the work of
    an earlier phase, abandoned clients included, is done); seconds waited, or None."""
    client = Client(url, 5.0)
    started = time.monotonic()
    try:
        while time.monotonic() - started < limit:
            sample = client.query(*TRIVIAL[0])
            if sample.status == 200 and sample.seconds < 1.0:
                return round(time.monotonic() - started, 2)
            time.sleep(0.5)
        return None
    finally:
        client.close()


def one_by_one(url: str, timeout: float) -> dict[str, dict[str, object]]:
    """Each query of the mix once, alone: its latency and status on this graph."""
    client = Client(url, timeout * 3)
    rows: dict[str, dict[str, object]] = {}
    for name, text in query_mix():
        sample = client.query(name, text)
        rows[name] = {"ms": round(sample.seconds * 1000, 1), "status": sample.status}
    client.close()
    return rows


def mix_levels(url: str, levels: list[int], seconds: float, timeout: float,
               pid: int) -> list[dict[str, Any]]:
    """The saved-query mix at each concurrency level."""
    mix = query_mix()
    results = []
    for clients in levels:
        waited = settle(url)
        with PeakMemory(pid) as memory:
            run = run_clients(url, clients, seconds,
                              lambda i, n: mix[(i * 7 + n) % len(mix)], timeout=timeout * 3)
        summary = run.summary()
        summary["server_peak_rss_mb"] = round(memory.peak / 2**20, 1)
        summary["settled_before_s"] = waited
        summary["per_query"] = {name: {k: run.summary({name})[k]
                                       for k in ("requests", "p50_ms", "statuses")}
                                for name in sorted({s.name for s in run.samples})}
        results.append(summary)
        print(json.dumps({k: v for k, v in summary.items() if k != "per_query"}),
              file=sys.stderr)
    return results


def overload(url: str, clients: int, seconds: float, timeout: float,
             pid: int) -> dict[str, Any]:
    """Far more clients than executors and queue, then the load drops: how much is shed,
    whether every 503 says when to retry, and how soon a lone client is served again."""
    mix = query_mix()
    with PeakMemory(pid) as memory:
        run = run_clients(url, clients, seconds, lambda i, n: mix[(i + n) % len(mix)],
                          timeout=timeout * 3)
    result = run.summary()
    result["server_peak_rss_mb"] = round(memory.peak / 2**20, 1)
    client = Client(url, timeout * 3)
    started = time.monotonic()
    recovered = None
    while time.monotonic() - started < 30:
        sample = client.query(*TRIVIAL[0])
        if sample.status == 200:
            recovered = time.monotonic() - started
            break
        time.sleep(0.05)
    after = [client.query(*TRIVIAL[0]) for _ in range(50)]
    client.close()
    result["recovered_after_s"] = None if recovered is None else round(recovered, 3)
    result["after_ok"] = sum(1 for s in after if s.status == 200)
    result["after_p50_ms"] = Run(1, 1, after).summary()["p50_ms"]
    return result


def pathological(url: str, clients: int, seconds: float, timeout: float,
                 pid: int, bad_clients: int = 2) -> dict[str, Any]:
    """Trivial queries from `clients` clients alone, then with `bad_clients` more clients
    sending the pathological queries in turn."""
    alone = run_clients(url, clients, seconds, lambda i, n: TRIVIAL[n % len(TRIVIAL)],
                        timeout=timeout * 3)
    trivial_names = {name for name, _ in TRIVIAL}

    def pick(i: int, n: int) -> tuple[str, str]:
        if i < bad_clients:
            return PATHOLOGICAL[(i + n * bad_clients) % len(PATHOLOGICAL)]
        return TRIVIAL[n % len(TRIVIAL)]

    with PeakMemory(pid) as memory:
        mixed = run_clients(url, clients + bad_clients, max(seconds, timeout * 2.5),
                            pick, timeout=timeout * 3)
    bad_names = {name for name, _ in PATHOLOGICAL}
    per_query = {}
    for name in sorted(bad_names):
        per_query[name] = mixed.summary({name})["statuses"]
    return {
        "trivial_alone": alone.summary(trivial_names),
        "trivial_with_pathological": mixed.summary(trivial_names),
        "pathological": mixed.summary(bad_names),
        "pathological_statuses": per_query,
        "pathological_clients": bad_clients,
        "server_peak_rss_mb": round(memory.peak / 2**20, 1),
    }


def markdown(report: dict[str, Any]) -> str:
    """The results as markdown tables."""
    lines = [f"Load test, {report['triples']} synthetic triples, query timeout "
             f"{report['timeout_s']} s, {report['seconds']} s per level "
             f"({report['machine']}; server environment: {report['server_env'] or 'defaults'}).",
             "",
             "| clients | queries/s | p50 ms | p95 ms | p99 ms | answered | 503 (with "
             "Retry-After) | timeouts 504 | errors | no answer | server peak RSS MB |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for row in report["levels"]:
        lines.append(f"| {row['clients']} | {row['throughput_qps']} | {row['p50_ms']} | "
                     f"{row['p95_ms']} | {row['p99_ms']} | {row['ok']} | {row['shed_503']} "
                     f"({row['shed_with_retry_after']}) | {row['statuses'].get('504', 0)} | "
                     f"{row['errors']} | {row['no_answer']} | {row['server_peak_rss_mb']} |")
    lines += ["", "Before each level the server was left to finish earlier work (abandoned "
              "requests included) until a trivial query took under 1 s: "
              + ", ".join(f"{r['clients']} clients: {r['settled_before_s']} s"
                          for r in report["levels"])
              + f"; before the overload: {report['settled_before_overload_s']} s; before the "
              f"pathological phase: {report['settled_before_pathological_s']} s "
              "(None: not within 180 s).",
              "", "Each query of the mix alone (one run, before the levels):", "",
              "| query | ms | status |", "|---|---:|---:|"]
    for name, row in report["one_by_one"].items():
        lines.append(f"| {name} | {row['ms']} | {row['status']} |")
    over = report["overload"]
    lines += ["", f"Overload ({over['clients']} clients): {over['ok']} answered, "
              f"{over['shed_503']} shed with 503 ({over['shed_with_retry_after']} with "
              f"Retry-After), {over['errors']} errors, {over['no_answer']} without answer; "
              f"a lone client was served again after {over['recovered_after_s']} s "
              f"(then {over['after_ok']}/50 answered, p50 {over['after_p50_ms']} ms).", ""]
    path = report["pathological"]
    alone, mixed = path["trivial_alone"], path["trivial_with_pathological"]
    lines += ["| trivial queries | p50 ms | p99 ms | queries/s | errors |",
              "|---|---:|---:|---:|---:|",
              f"| alone | {alone['p50_ms']} | {alone['p99_ms']} | {alone['throughput_qps']} "
              f"| {alone['errors']} |",
              f"| with pathological queries | {mixed['p50_ms']} | {mixed['p99_ms']} | "
              f"{mixed['throughput_qps']} | {mixed['errors']} |", "",
              "Pathological queries (status: count): " + "; ".join(
                  f"{name} {codes}" for name, codes in path["pathological_statuses"].items())]
    if "slow_clients" in report:
        from bench.slow_clients import markdown as slow_markdown

        lines += ["", "Slow clients: `ASK {}` on new connections beside stalled ones "
                  "(request line, headers or declared body, a third each), both servers in "
                  "this run:", "", slow_markdown(report["slow_clients"]).rstrip()]
    return "\n".join(lines) + "\n"


def run(store: Path, *, triples: int, levels: list[int], seconds: float, timeout: float,
        overload_clients: int, env: dict[str, str] | None = None) -> dict[str, Any]:
    """The whole load test against a fresh server over `store`; returns the report."""
    ensure_store(store, triples)
    server = Server(store, {"KG_QUERY_TIMEOUT": str(timeout), **(env or {})})
    try:
        report: dict[str, Any] = {
            "triples": triples, "seconds": seconds, "timeout_s": timeout,
            "machine": f"{os.cpu_count()} cores", "server_env": env or {},
            "mix": [name for name, _ in query_mix()],
            "idle_rss_mb": round(tree_rss(server.process.pid) / 2**20, 1),
        }
        report["one_by_one"] = one_by_one(server.url, timeout)
        report["levels"] = mix_levels(server.url, levels, seconds, timeout, server.process.pid)
        report["settled_before_overload_s"] = settle(server.url)
        report["overload"] = overload(server.url, overload_clients, seconds, timeout,
                                      server.process.pid)
        report["settled_before_pathological_s"] = settle(server.url)
        report["pathological"] = pathological(server.url, 4, seconds, timeout,
                                              server.process.pid)
        from bench.slow_clients import compare

        report["slow_clients"] = compare(server.url + "/sparql", store, [80, 1000])
        report["server_survived"] = server.alive()
        report["server_tracebacks"] = sum(1 for line in server.log if b"Traceback" in line)
    finally:
        server.stop()
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--clients", default="1,4,16,64")
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--timeout", type=float, default=10.0, help="KG_QUERY_TIMEOUT")
    parser.add_argument("--overload", type=int, default=160, help="clients in the overload")
    parser.add_argument("--store", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=HERE / "results" / "load.json")
    parser.add_argument("--cache", action="store_true",
                        help="keep the result cache on (off by default: the mix repeats the "
                             "same requests, which the cache would answer instead of the "
                             "executors whose limits this test is about)")
    args = parser.parse_args(argv)
    store = args.store or Path(os.environ.get("TMPDIR", "/tmp")) / "kg-load" / (
        f"synthetic-{args.triples}")
    report = run(store, triples=args.triples,
                 levels=[int(c) for c in args.clients.split(",")], seconds=args.seconds,
                 timeout=args.timeout, overload_clients=args.overload,
                 env=None if args.cache else {"KG_CACHE_BYTES": "0"})
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=1) + "\n")
    args.out.with_suffix(".md").write_text(markdown(report))
    print(markdown(report))
    return 0 if report["server_survived"] else 1


if __name__ == "__main__":
    sys.exit(main())
