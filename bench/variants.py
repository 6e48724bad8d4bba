"""Generated article variants for the build benchmarks: the committed test and corpus
articles with their numbers, number words, dates and place names changed, so that no two
are the same text (many are still near-copies of each other)."""

from __future__ import annotations

import csv
import datetime as dt
import json
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = tuple(sorted({p.parent for base in (ROOT / "tests" / "articles", ROOT / "corpus")
                        for p in base.glob("**/articles.tsv")}))
PLACES = ["Batken", "Osh", "Isfara", "Khujand", "Vorukh", "Bishkek", "Dushanbe"]
NUMBERS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


def sources() -> list[tuple[str, str, dt.date]]:
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


def variant(text: str, rng: random.Random) -> str:
    text = re.sub(r"\b\d{1,3}\b", lambda m: str(int(m.group()) + rng.randint(0, 9)), text)
    text = re.sub(r"\b(" + "|".join(NUMBERS) + r")\b", lambda m: rng.choice(NUMBERS), text)
    a, b = rng.sample(PLACES, 2)
    return text.replace(a, "\x00").replace(b, a).replace("\x00", b)


def generate(target: Path, count: int, seed: int = 7) -> None:
    """Write `count` article variants and their articles.tsv into `target`."""
    rng = random.Random(seed)
    found = sources()
    target.mkdir(parents=True, exist_ok=True)
    rows = ["file\ttitle\treported_date\tpublisher\turl\tnote"]
    for i in range(count):
        title, text, date = found[i % len(found)]
        day = date + dt.timedelta(days=rng.randint(-400, 400))
        name = f"{day.isoformat()}_variant-{i:05d}.txt"
        (target / name).write_text(variant(text, rng), encoding="utf-8")
        rows.append(f"{name}\t{title} ({i})\t{day.isoformat()}\tbenchmark\tunknown\tgenerated")
    (target / "articles.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")


def generate_batch(path: Path, count: int, seed: int = 7) -> None:
    """The same variants as `generate`, as one JSON Lines export (text, title, date,
    publisher, url per line)."""
    rng = random.Random(seed)
    found = sources()
    with open(path, "w", encoding="utf-8") as handle:
        for i in range(count):
            title, text, date = found[i % len(found)]
            day = date + dt.timedelta(days=rng.randint(-400, 400))
            handle.write(json.dumps({
                "text": variant(text, rng), "title": f"{title} ({i})", "date": day.isoformat(),
                "publisher": f"Outlet {i % 17}",
                "url": f"https://news{i % 17}.example.org/{day.isoformat()}/story-{i:05d}"}) + "\n")
