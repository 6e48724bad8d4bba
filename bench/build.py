"""Build benchmark: generate a corpus of article variants from the test articles and time
`kg build` (extraction + loading into an on-disk store).

    python -m bench.build [--articles 1000] [--keep DIR]

Variants change numbers, dates, weekdays and place names so that no two articles are
the same text; each gets its own named graph. Target: 1,000 articles in under 60 s."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import re
import sys
import tempfile
import time
from pathlib import Path

from graph.build import build_corpus
from graph.store import open_store

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (ROOT / "tests" / "articles", ROOT / "corpus")
PLACES = ["Batken", "Osh", "Isfara", "Khujand", "Vorukh", "Bishkek", "Dushanbe"]
NUMBERS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


def _sources() -> list[tuple[str, str, dt.date]]:
    found = []
    for folder in SOURCES:
        index = folder / "articles.tsv"
        if not index.is_file():
            continue
        with open(index, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                path = folder / row["file"]
                if path.is_file():
                    found.append((row["title"], path.read_text(encoding="utf-8"),
                                  dt.date.fromisoformat(row["reported_date"])))
    if not found:
        raise SystemExit("no source articles found under tests/articles or corpus")
    return found


def _variant(text: str, rng: random.Random) -> str:
    text = re.sub(r"\b\d{1,3}\b", lambda m: str(int(m.group()) + rng.randint(0, 9)), text)
    text = re.sub(r"\b(" + "|".join(NUMBERS) + r")\b", lambda m: rng.choice(NUMBERS), text)
    a, b = rng.sample(PLACES, 2)
    return text.replace(a, "\x00").replace(b, a).replace("\x00", b)


def generate(target: Path, count: int, seed: int = 7) -> None:
    """Write `count` article variants and their articles.tsv into `target`."""
    rng = random.Random(seed)
    sources = _sources()
    target.mkdir(parents=True, exist_ok=True)
    rows = ["file\ttitle\treported_date\tpublisher\turl\tnote"]
    for i in range(count):
        title, text, date = sources[i % len(sources)]
        day = date + dt.timedelta(days=rng.randint(-400, 400))
        name = f"{day.isoformat()}_variant-{i:05d}.txt"
        (target / name).write_text(_variant(text, rng), encoding="utf-8")
        rows.append(f"{name}\t{title} ({i})\t{day.isoformat()}\tbenchmark\tunknown\tgenerated")
    (target / "articles.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")


def run(count: int, keep: Path | None = None) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        corpus = keep or Path(tmp) / "corpus"
        generate(corpus, count)
        store = open_store(str(Path(tmp) / "store"), create=True)
        start = time.perf_counter()
        report = build_corpus(corpus, store)
        elapsed = time.perf_counter() - start
        store.close()
    return {"articles": len(report.articles), "refused": len(report.refused),
            "triples": report.triples, "seconds": elapsed,
            "articles_per_s": len(report.articles) / elapsed,
            "triples_per_s": report.triples / elapsed}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--keep", type=Path, default=None,
                        help="write the generated corpus here and keep it")
    args = parser.parse_args(argv)
    r = run(args.articles, args.keep)
    print(f"kg build: {r['articles']:.0f} articles ({r['refused']:.0f} refused), "
          f"{r['triples']:.0f} triples in {r['seconds']:.1f} s: "
          f"{r['articles_per_s']:.1f} articles/s, {r['triples_per_s']:.0f} triples/s")
    return 0 if r["refused"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
