"""Build benchmark: generate article variants from the test articles as one JSON Lines
export, import it into a corpus, and time `kg build` (extraction on every core + loading
into an on-disk store) cold, with nothing changed, and after adding one article.

    python -m bench.import_build [--articles 1000] [--jobs N] [--peer 500] [--json FILE]

The build runs the rule layer alone (`annotator="off"`): annotation speed and the
rebuild over cached annotations are timed by `python -m bench.build`.

Variants change numbers, dates, weekdays and place names so that no two articles are
the same text; each gets its own named graph. Many are still near-copies of each other
(the build records them as duplicates)."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from bench.variants import generate_batch
from graph.batch import read_batch
from graph.build import BuildReport, build_corpus
from graph.fingerprint import FileCache
from graph.intake import Intake, Item
from graph.store import open_store
from graph.workers import default_jobs


def _import(batch: Path, corpus: Path) -> tuple[int, float]:
    corpus.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    intake = Intake(corpus)
    with open(batch, "rb") as stream:
        for item in read_batch(stream, name=str(batch), fmt="jsonl"):
            if isinstance(item, Item):
                intake.offer(item)
    report = intake.commit()
    return len(report.added), time.perf_counter() - start


def _build(corpus: Path, store_path: Path, jobs: int) -> tuple[BuildReport, float]:
    store = open_store(str(store_path), create=True)
    start = time.perf_counter()
    report = build_corpus(corpus, store, jobs=jobs, annotator="off",
                          cache=FileCache(store_path.parent / "cache"))
    elapsed = time.perf_counter() - start
    store.close()
    return report, elapsed


def run(count: int, keep: Path | None = None, jobs: int | None = None,
        peer: int = 0) -> dict[str, float]:
    """Import `count` generated articles, build them cold on `jobs` processes, rebuild
    with nothing changed, then after adding one article. With `peer`, also build the
    first `peer` articles on one process and on `jobs` in the same run (their ratio is
    the parallel speed-up, free of the machine's load of the day)."""
    jobs = jobs or default_jobs()
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        root = Path(tmp)
        corpus = keep or root / "corpus"
        generate_batch(root / "batch.jsonl", count + 1)
        lines = (root / "batch.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
        (root / "most.jsonl").write_text("".join(lines[:count]), encoding="utf-8")
        (root / "last.jsonl").write_text(lines[count], encoding="utf-8")
        imported, import_s = _import(root / "most.jsonl", corpus)
        report, cold_s = _build(corpus, root / "store", jobs)
        _unchanged, unchanged_s = _build(corpus, root / "store", jobs)
        added, _ = _import(root / "last.jsonl", corpus)
        one, one_s = _build(corpus, root / "store", jobs)
        result = {
            "articles": len(report.articles), "refused": len(report.refused),
            "triples": report.triples, "duplicates": report.duplicates, "jobs": jobs,
            "imported": imported, "import_seconds": import_s,
            "import_per_s": imported / import_s if import_s else 0.0,
            "seconds": cold_s, "articles_per_s": len(report.articles) / cold_s,
            "triples_per_s": report.triples / cold_s,
            "unchanged_seconds": unchanged_s,
            "one_added_seconds": one_s, "one_added_built": len(one.articles),
            "one_added_imported": added,
        }
        if peer:
            sub = root / "peer"
            sub.mkdir()
            head = "".join(lines[:peer])
            (root / "peer.jsonl").write_text(head, encoding="utf-8")
            _import(root / "peer.jsonl", sub)
            serial, serial_s = _build(sub, root / "peer-store-1", 1)
            parallel, parallel_s = _build(sub, root / f"peer-store-{jobs}", jobs)
            result.update({"peer_articles": len(serial.articles), "peer_serial_seconds": serial_s,
                           "peer_parallel_seconds": parallel_s,
                           "peer_speedup": serial_s / parallel_s})
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=None, help="default: one per core")
    parser.add_argument("--peer", type=int, default=0,
                        help="also build this many articles on 1 and on --jobs processes")
    parser.add_argument("--keep", type=Path, default=None,
                        help="write the generated corpus here and keep it")
    parser.add_argument("--json", type=Path, default=None, help="write the figures here")
    args = parser.parse_args(argv)
    r = run(args.articles, args.keep, args.jobs, args.peer)
    print(f"kg import: {r['imported']:.0f} articles in {r['import_seconds']:.1f} s "
          f"({r['import_per_s']:.0f} articles/s)")
    print(f"kg build (cold, {r['jobs']:.0f} jobs): {r['articles']:.0f} articles "
          f"({r['refused']:.0f} refused, {r['duplicates']:.0f} near-duplicates), "
          f"{r['triples']:.0f} triples in {r['seconds']:.1f} s: "
          f"{r['articles_per_s']:.1f} articles/s, {r['triples_per_s']:.0f} triples/s")
    print(f"kg build, nothing changed: {r['unchanged_seconds']:.1f} s; after adding one "
          f"article: {r['one_added_seconds']:.1f} s ({r['one_added_built']:.0f} extracted)")
    if "peer_speedup" in r:
        print(f"same run, {r['peer_articles']:.0f} articles: 1 job "
              f"{r['peer_serial_seconds']:.1f} s, {r['jobs']:.0f} jobs "
              f"{r['peer_parallel_seconds']:.1f} s: "
              f"speed-up {r['peer_speedup']:.2f}")
    if args.json:
        args.json.write_text(json.dumps(r, indent=2) + "\n", encoding="utf-8")
    return 0 if r["refused"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
