"""Pages benchmark: each page a researcher reads (overview, search, timeline, map, entity
and place pages, the article reader, saved queries as tables), served by `kg serve` over
the 1M-triple synthetic store, timed over real HTTP.

    python -m bench.pages [--triples 1000000] [--store DIR] [--repeat 5]

Reported per page: the first answer (after the server has warmed its page caches, which
the first page request starts, see `server/pages/cache.py`), then the median and the
worst of `--repeat` more, and the median as a ratio to a peer measured in the same run:
the Linked Data page of one event (`/page/id/event/...`, a page that existed before
these). Target: every page under 1 s. The machine is shared, so the load average is
written next to the figures.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import time
from pathlib import Path

import requests

from bench.serve import start_ours
from bench.synthetic import generate

HERE = Path(__file__).resolve().parent
HTML = {"Accept": "text/html"}
WARM_SECONDS = 120


def _pick(store_path: Path) -> dict[str, str]:
    """The busiest state, the busiest place, one article and one event of the store."""
    from graph.store import open_store

    store = open_store(str(store_path))

    def first(query: str) -> str:
        row = next(iter(store.query(query).rows()))
        return row["x"].value.split("/conflict-kg/", 1)[1]

    return {
        "state": first("SELECT ?x WHERE { ?e ckg:participant|ckg:agent ?x . ?x a ckg:State } "
                       "GROUP BY ?x ORDER BY DESC(COUNT(?e)) LIMIT 1"),
        "place": first("SELECT ?x WHERE { ?e ckg:place ?x } GROUP BY ?x "
                       "ORDER BY DESC(COUNT(?e)) LIMIT 1"),
        "article": first("SELECT ?x WHERE { ?x a ckg:Article } LIMIT 1"),
        "event": first("SELECT ?x WHERE { ?x ckg:assertionStatus ?s } LIMIT 1"),
    }


def pages(picked: dict[str, str]) -> list[tuple[str, str]]:
    return [
        ("overview", "/"),
        ("search", "/search?q=state"),
        ("search suggestions (JSON)", "/search?q=event%201&format=json"),
        ("timeline", "/timeline"),
        ("timeline, page 40, claimed only", "/timeline?status=claimed&page=40"),
        ("timeline, one state and class", f"/timeline?state={picked['state']}&class=Shelling"),
        ("map", "/map"),
        ("entity page, busiest state", f"/page/{picked['state']}"),
        ("entity page, busiest state, page 3", f"/page/{picked['state']}?page=3"),
        ("place page, busiest place", f"/page/{picked['place']}"),
        ("article reader", f"/page/{picked['article']}"),
        ("saved queries", "/queries"),
        ("saved query as a table", "/queries/cq04-places"),
        ("the same saved query as JSON (no page)", "/queries/cq04-places?format=json"),
        ("exports list", "/exports/"),
    ]


def timed(url: str) -> tuple[float, int, int]:
    started = time.perf_counter()
    response = requests.get(url, headers=HTML, timeout=120)
    return time.perf_counter() - started, response.status_code, len(response.content)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--store", type=Path, default=Path("data/bench-pages-store"))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    if not (args.store / "CURRENT").exists():
        generate(args.store, args.triples)
    picked = _pick(args.store)
    gc.collect()  # the store handle closes before the server opens the store
    server = start_ours(args.store)
    base = server.url.removesuffix("/sparql")  # the starter waits on the endpoint's URL
    try:
        # The first page request starts the warming of the page caches; wait for the
        # overview and the search to come back quickly, as a later reader sees them.
        deadline = time.monotonic() + WARM_SECONDS
        warm_wait = time.perf_counter()
        while time.monotonic() < deadline and (timed(base + "/")[0] > 0.5
                                               or timed(base + "/search?q=a")[0] > 0.5):
            time.sleep(1)
        warm_wait = time.perf_counter() - warm_wait
        peer_url = base + f"/page/{picked['event']}"
        results = []
        for name, path in pages(picked):
            first, status, size = timed(base + path)
            runs, peers = [], []
            for _ in range(args.repeat):
                runs.append(timed(base + path)[0])
                peers.append(timed(peer_url)[0])
            median, peer = statistics.median(runs), statistics.median(peers)
            results.append({"page": name, "path": path, "status": status, "bytes": size,
                            "first_ms": round(first * 1000, 1),
                            "median_ms": round(median * 1000, 1),
                            "max_ms": round(max(runs) * 1000, 1),
                            "peer_median_ms": round(peer * 1000, 1),
                            "ratio_to_peer": round(median / peer, 2)})
            print(f"{name:38s} {status} first {first * 1000:7.0f} ms  median "
                  f"{median * 1000:7.0f} ms  max {max(runs) * 1000:7.0f} ms  "
                  f"peer {peer * 1000:5.0f} ms  x{median / peer:5.2f}", flush=True)
    finally:
        server.stop()
    load = os.getloadavg()
    report = {"triples": args.triples, "repeat": args.repeat, "load_average": load,
              "warm_wait_s": round(warm_wait, 1), "peer": "/page/" + picked["event"],
              "pages": results}
    (HERE / "results" / "pages.json").write_text(json.dumps(report, indent=1) + "\n")
    lines = [f"# Pages on the {args.triples:,}-triple synthetic store",
             "", f"`python -m bench.pages`; {args.repeat} runs per page after a first one; "
             f"load average at the end {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} on "
             f"{os.cpu_count()} cores (shared machine). Warming the page caches (from "
             f"the first page request) took {warm_wait:.0f} s before the overview and the search "
             "answered in under 0.5 s. Peer: the Linked Data page of one event, measured "
             "between the runs.", "",
             "| page | first (ms) | median (ms) | worst (ms) | peer median (ms) | ratio |",
             "|---|---|---|---|---|---|"]
    lines += [f"| {r['page']} | {r['first_ms']:.0f} | {r['median_ms']:.0f} | "
              f"{r['max_ms']:.0f} | {r['peer_median_ms']:.0f} | {r['ratio_to_peer']:.2f} |"
              for r in results]
    (HERE / "results" / "pages.md").write_text("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
