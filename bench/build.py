"""Build benchmark: generate a corpus of article variants from the test articles and time
the two layers of `kg build` apart.

    python -m bench.build [--articles 1000] [--annotate 40] [--keep DIR]

1. **Annotation, cold** (`--annotate N` variants, 0 to skip): a fresh CoreNLP worker and an
   empty cache annotate N variants in one batch. Reported: the worker's start (model
   loading), then articles/s once it is up, and CPU seconds per article (on a machine
   shared with other work, CPU time is steadier than wall time; 2 / CPU-s is what two
   free cores would give). Target: 2 articles/s on 2 cores.
2. **Rebuild after a rule change** (`--articles N`): N articles whose annotations are all
   in the cache (the texts of phase 1, or the committed fixtures of the source articles
   when phase 1 is skipped, each listed several times under its own file name), so the
   build runs the rule layer, writes RDF and loads the store without starting Java.
   Targets: rule layer 50 articles/s; 1,000 articles in seconds.

Variants change numbers, dates, weekdays and place names so that no two articles are
the same text; each gets its own named graph."""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from bench.variants import SOURCES, generate
from graph.annotate.cache import AnnotationCache
from graph.annotate.corpus import annotate_articles
from graph.annotate.service import Annotator
from graph.build import build_corpus
from graph.corpus import Article, load_corpus
from graph.store import open_store


def _cpu_seconds(pid: int) -> float:
    import os

    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def annotation_speed(articles: list[Article], cache: Path) -> dict[str, float]:
    """Phase 1: a new worker, an empty cache, the articles in one batch."""
    import os

    with Annotator(cache=AnnotationCache(cache)) as annotator:
        start = time.perf_counter()
        annotator.annotate_many([("Warm-up.", None)])  # starts the worker
        started = time.perf_counter()
        worker = annotator._worker
        assert worker is not None and worker.process is not None
        cpu0 = _cpu_seconds(worker.process.pid)
        made = annotator.annotate_each([(a.text, a.reported_date) for a in articles])
        elapsed = time.perf_counter() - started
        cpu = _cpu_seconds(worker.process.pid) - cpu0
    n = len(articles)
    failed = [a.file for a, m in zip(articles, made, strict=True) if isinstance(m, Exception)]
    if failed:  # built with the rule layer alone in phase 2, and counted there as degraded
        print(f"the annotator failed on {len(failed)}: {', '.join(failed)}")
    print("CoreNLP time per annotator (summed over threads, warm-up included):\n  "
          + worker.timing.replace("\n", "\n  "))
    return {"annotated": n - len(failed), "start_s": started - start, "annotate_s": elapsed,
            "annotate_per_s": n / elapsed, "cpu_s_per_article": cpu / n,
            "two_core_per_s": 2 * n / cpu if cpu else 0.0,
            "words_per_article": sum(len(a.text.split()) for a in articles) / n,
            "load": os.getloadavg()[0]}


def _seeded_sources() -> list[Article]:
    """Source articles whose committed fixtures are current, copied into the cache."""
    found = []
    for folder in SOURCES:
        articles, _ = load_corpus(folder)
        annotations = annotate_articles(articles, folder, mode="cached", warn=lambda m: None)
        found += [a for a, ann in zip(articles, annotations, strict=True) if ann is not None]
    return found


def rebuild_corpus(target: Path, pool: list[Article], count: int) -> None:
    """`count` articles cycling through `pool` (texts and dates kept, so their annotations
    are cache hits), each under its own file name."""
    target.mkdir(parents=True, exist_ok=True)
    rows = ["file\ttitle\treported_date\tpublisher\turl\tnote"]
    for i in range(count):
        a = pool[i % len(pool)]
        name = f"{a.reported_date.isoformat()}_rebuild-{i:05d}.txt"
        (target / name).write_text(a.text, encoding="utf-8")
        rows.append(f"{name}\t{a.title} ({i})\t{a.reported_date.isoformat()}\tbenchmark"
                    "\tunknown\tgenerated")
    (target / "articles.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")


def _rule_layer_seconds(corpus: Path) -> float:
    """Rule layer alone (segment + extract + triples, no store) over cached annotations."""
    from graph.build import article_graph
    from graph.iris import Minter

    articles, _ = load_corpus(corpus)
    annotations = annotate_articles(articles, corpus, mode="cached")
    minter = Minter()
    start = time.perf_counter()
    for article, annotation in zip(articles, annotations, strict=True):
        article_graph(article, minter, None, annotation)
    return time.perf_counter() - start


def run(count: int, annotate: int = 40, keep: Path | None = None) -> dict[str, float]:
    import os

    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        base = keep or Path(tmp)
        cache = Path(tmp) / "annotations"
        previous = os.environ.get("KG_ANNOTATION_CACHE")
        os.environ["KG_ANNOTATION_CACHE"] = str(cache)  # never the user's cache
        try:
            result: dict[str, float] = {}
            if annotate:
                generate(base / "variants", annotate)
                pool, _ = load_corpus(base / "variants")
                result.update(annotation_speed(pool, cache))
            else:
                pool = _seeded_sources()
                if not pool:
                    raise SystemExit("no current annotation fixtures: run `kg annotate` or "
                                     "use --annotate N")
            corpus = base / "rebuild"
            rebuild_corpus(corpus, pool, count)
            store = open_store(str(Path(tmp) / "store"), create=True)
            start = time.perf_counter()
            report = build_corpus(corpus, store, annotator="cached")
            elapsed = time.perf_counter() - start
            store.close()
            rules = _rule_layer_seconds(corpus)
        finally:
            if previous is None:
                os.environ.pop("KG_ANNOTATION_CACHE", None)
            else:
                os.environ["KG_ANNOTATION_CACHE"] = previous
    result.update({
        "articles": len(report.articles), "refused": len(report.refused),
        "degraded": report.annotation.degraded, "cache_hits": report.annotation.cached,
        "triples": report.triples, "seconds": elapsed,
        "articles_per_s": len(report.articles) / elapsed,
        "triples_per_s": report.triples / elapsed,
        "rule_seconds": rules, "rule_per_s": len(report.articles) / rules})
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000,
                        help="articles in the rebuild over cached annotations")
    parser.add_argument("--annotate", type=int, default=40,
                        help="variants annotated cold by a new CoreNLP worker (0: skip, "
                        "and rebuild from the committed fixtures)")
    parser.add_argument("--keep", type=Path, default=None,
                        help="write the generated corpora here and keep them")
    args = parser.parse_args(argv)
    r = run(args.articles, args.annotate, args.keep)
    if args.annotate:
        print(f"annotation (cold): worker start {r['start_s']:.1f} s; {r['annotated']:.0f} "
              f"articles ({r['words_per_article']:.0f} words each) in {r['annotate_s']:.1f} s:"
              f" {r['annotate_per_s']:.2f} articles/s; {r['cpu_s_per_article']:.2f} CPU-s per"
              f" article (2 free cores: {r['two_core_per_s']:.2f} articles/s); load "
              f"{r['load']:.1f}")
    print(f"rebuild over cached annotations: {r['articles']:.0f} articles "
          f"({r['refused']:.0f} refused, {r['degraded']:.0f} without annotation), "
          f"{r['triples']:.0f} triples in {r['seconds']:.1f} s: {r['articles_per_s']:.1f} "
          f"articles/s, {r['triples_per_s']:.0f} triples/s")
    print(f"rule layer alone (segment + extract, no store): {r['rule_seconds']:.1f} s, "
          f"{r['rule_per_s']:.1f} articles/s")
    return 0 if r["refused"] == 0 and r["degraded"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
