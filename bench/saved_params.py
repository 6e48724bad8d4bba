"""Saved queries with real parameters through a real `kg serve`: each saved query that
takes a parameter, with a value the synthetic graph holds (a state, a place, a claimant,
an article, a weapon...), asked once (the result cache has never seen it) and then again
(the cache answers), by `GET /queries/NAME?...`.

`python -m bench.saved_params --store <copy of a synthetic store>` starts the server,
waits until its main executors answer from their memory copies (or `--snapshot-wait`
seconds), times every case, prints the markdown table and writes `--json`. The values are
those of `bench/synthetic.py`'s graph (`id/state/state-N`, `id/city/place-N`, ...); on a
graph without them the queries answer no rows, which says nothing about their speed.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

import requests

from bench.serve import start_ours

HERE = Path(__file__).resolve().parent
CSV = {"Accept": "text/csv"}

# (saved query, parameters): values that exist in the synthetic graph, chosen to be among
# the largest of their kind (state-16 holds the most places; state-14 is a claimant with
# 334 claims), so each case is the heavy end of what a researcher asks.
CASES: tuple[tuple[str, dict[str, str]], ...] = (
    ("article-statements", {"article": "id/article/synthetic-003287"}),
    ("claimant-claims", {"claimant": "id/state/state-14"}),
    ("claimant-claims", {"claimant": "id/person/person-2910"}),
    ("contradictions", {"kind": "ckg:Killed"}),
    ("corroboration", {"min": "3"}),
    ("cq01-csto", {"alliance": "id/alliance/csto"}),
    ("cq02-military-bases", {"operator": "id/state/state-14"}),
    ("cq03-offices", {"state": "id/state/state-14"}),
    ("cq05-casualties", {"offset": "1000"}),
    ("cq06-accusations", {"accuser": "id/state/state-14"}),
    ("cq07-weapons", {"weapon": "id/weapon/weapon-12"}),
    ("cq08-diplomacy", {"offset": "1000"}),
    ("cq09-shared-statements", {"offset": "1000"}),
    ("cq11-batken", {"place": "id/state/state-16"}),
    ("cq11-batken", {"place": "id/city/place-15379"}),
    ("cq12-timeline", {"offset": "1000"}),
    ("cq13-support", {"predicate": "rdf:type", "object": "ckg:ArmedClash"}),
    ("cq14-spokespeople", {"state": "id/state/state-14"}),
    ("describe-entity", {"entity": "id/state/state-14"}),
    ("events-between", {"from": "2022-01-01", "to": "2022-03-31"}),
    ("events-in-place", {"place": "id/state/state-16"}),
    ("events-in-place", {"place": "id/city/place-15379"}),
)


def wait_for_memory(base: str, seconds: float) -> float:
    """Seconds until a main executor answers from its memory copy (a distinct request
    each time, so the cache cannot answer), or `seconds` if it never did."""
    began = time.perf_counter()
    n = 0
    while time.perf_counter() - began < seconds:
        n += 1
        response = requests.get(f"{base}/queries/claimant-claims", headers=CSV, timeout=120,
                                params={"claimant": f"id/person/not-there-{n}"})
        if 'desc="main memory"' in response.headers.get("Server-Timing", ""):
            break
        time.sleep(2)
    return round(time.perf_counter() - began, 1)


def run(base: str) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    with requests.Session() as session:
        for name, params in CASES:
            row: dict[str, object] = {"query": name, "params": params,
                                      "load": round(os.getloadavg()[0], 2)}
            for attempt in ("first", "repeated"):
                began = time.perf_counter()
                response = session.get(f"{base}/queries/{name}", params=params,
                                       headers=CSV, timeout=120)
                row[f"{attempt}_s"] = round(time.perf_counter() - began, 3)
                row[f"{attempt}_status"] = response.status_code
                if attempt == "first":
                    row["rows"] = (max(len(response.text.splitlines()) - 1, 0)
                                   if response.ok else None)
                    timing = response.headers.get("Server-Timing", "")
                    row["where"] = timing.rsplit('desc="', 1)[-1].rstrip('"') if timing else ""
            rows.append(row)
    return rows


def table(rows: list[dict[str, object]]) -> str:
    lines = ["| saved query | parameters | rows | first s | repeated s | status | where | load |",
             "|---|---|---:|---:|---:|---|---|---:|"]
    for r in rows:
        params = "&".join(f"{k}={v}" for k, v in r["params"].items())  # type: ignore[attr-defined]
        lines.append(f"| {r['query']} | `{params}` | {r['rows']} | {r['first_s']:.2f} | "
                     f"{r['repeated_s']:.3f} | {r['first_status']} | {r['where']} | "
                     f"{r['load']} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", required=True, help="a copy of a synthetic store")
    parser.add_argument("--snapshot-wait", type=float, default=180.0,
                        help="most seconds to wait for the executors' memory copies")
    parser.add_argument("--json", default=str(HERE / "results" / "saved_params.json"))
    args = parser.parse_args()
    server = start_ours(Path(args.store))
    try:
        base = server.url.rsplit("/sparql", 1)[0]
        waited = wait_for_memory(base, args.snapshot_wait)
        began = time.strftime("%H:%M", time.gmtime())
        rows = run(base)
    finally:
        server.stop()
    print(f"memory copies after {waited} s; run at {began} UTC")
    print(table(rows))
    Path(args.json).write_text(json.dumps({"at_utc": began, "memory_wait_s": waited,
                                           "cases": rows}, indent=1) + "\n",
                               encoding="utf-8")


if __name__ == "__main__":
    main()
