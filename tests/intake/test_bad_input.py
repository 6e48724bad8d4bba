"""Bad input through the CLI: each item is reported with its name and the reason, the
rest is built, and the store holds exactly the good articles (never a half-written one)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.intake.helpers import STORY, empty_page, graph_names, kg, new_corpus, page, rows

GOOD = {"text": " ".join(STORY), "title": "Frontier clashes", "date": "2023-03-09",
        "publisher": "Northern Ledger", "url": "https://ledger.example.org/good"}


def _jsonl(tmp: Path, *bad: object) -> list[str]:
    path = tmp / "export.jsonl"
    lines = [json.dumps(GOOD)] + [b if isinstance(b, str) else json.dumps(b) for b in bad]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ["import", str(path)]


def _csv(tmp: Path, *bad: dict[str, str]) -> list[str]:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(GOOD))
    writer.writeheader()
    writer.writerow(GOOD)
    writer.writerows(bad)
    (tmp / "rows.csv").write_text(out.getvalue(), encoding="utf-8")
    return ["import", str(tmp / "rows.csv")]


def _pages(tmp: Path, name: str, raw: bytes) -> list[str]:
    corpus = tmp / "corpus"
    (corpus / "good.html").write_text(page(), encoding="utf-8")
    (corpus / name).write_bytes(raw)
    return ["build"]


def _big_page() -> bytes:
    filler = "<div class='ad'>" + "x" * 977 + "</div>\n"  # 1,000 bytes
    raw = page().replace("<footer>", filler * 50_000 + "<footer>").encode("utf-8")
    assert 50_000_000 < len(raw) < 50_050_000
    return raw


CASES: list[tuple[str, Callable[[Path], list[str]], str | None]] = [
    ("html-without-article-text",
     lambda t: _pages(t, "index.html", empty_page().encode()),
     "kg: refused index.html: no article text found in the page"),
    ("page-in-another-encoding",  # decoded, not refused
     lambda t: _pages(t, "cyrillic.html", page(
         "Столкновения на границе", charset="koi8-r", paragraphs=[
             "Пограничники двух стран обменялись огнём возле села Зельно в четверг.",
             "По меньшей мере четыре солдата были ранены, сообщило министерство обороны."]
     ).encode("koi8-r")), None),
    ("jsonl-line-not-json", lambda t: _jsonl(t, '{"text": "unfinished'),
     "kg: refused export.jsonl line 2: not JSON"),
    ("row-without-a-date",
     lambda t: _csv(t, {**GOOD, "date": "", "url": "https://ledger.example.org/undated"}),
     "kg: refused rows.csv row 2: no date"),
    ("date-that-does-not-parse",
     lambda t: _jsonl(t, {**GOOD, "date": "the ninth of March", "url": "https://x.example/b"}),
     "kg: refused export.jsonl line 2: date 'the ninth of March' does not parse"),
    ("page-of-50-mb", lambda t: _pages(t, "huge.html", _big_page()),
     "kg: refused huge.html: the page is 50.0 MB, over the 20 MB"),
    ("url-with-spaces",
     lambda t: _jsonl(t, {**GOOD, "url": "https://ledger.example.org/a story"}),
     "kg: refused export.jsonl line 2: the URL 'https://ledger.example.org/a story' contains "
     "spaces"),
    ("duplicate-file-name",  # same URL and date, another text
     lambda t: _jsonl(t, {**GOOD, "text": "Another text entirely, about the frontier "
                                          "talks that were held on Friday."}),
     "kg: refused export.jsonl line 2: duplicate file name: 2023-03-09_good-"),
]


@pytest.mark.parametrize(("make", "message"), [pytest.param(m, e, id=i) for i, m, e in CASES])
def test_bad_item_is_reported_and_the_rest_is_built(tmp_path, make, message) -> None:
    corpus, store = new_corpus(tmp_path / "corpus"), tmp_path / "store"
    args = make(tmp_path)
    done = kg(*args, "--corpus", str(corpus), "--store", str(store))
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    summary = done.stdout.strip().splitlines()
    assert len(summary) == 1  # one summary line
    titles = sorted(r["t"] for r in rows(store, "SELECT ?t WHERE { ?a a ckg:Article ; "
                                                "dcterms:title ?t }"))
    if message is None:
        assert done.stderr == "" and "refused" not in summary[0]
        assert len(titles) == 2 and "Столкновения на границе" in titles
        return
    assert message in done.stderr, done.stderr
    assert "refused 1:" in summary[0]
    # Exactly the good article, and the store opens and answers.
    assert len(titles) == 1 and titles[0] in {"Frontier clashes",
                                              "Clashes flare on the Karvenia frontier"}
    assert sorted(graph_names(store))[-1] == "reference-kb" and len(graph_names(store)) == 2
    # The bad item was not written into the corpus as an article.
    listed = (corpus / "articles.tsv").read_text(encoding="utf-8").splitlines()
    assert len(listed) == 2


def test_kg_add_of_a_taken_name_changes_nothing(tmp_path) -> None:
    corpus, store = new_corpus(tmp_path / "corpus"), tmp_path / "store"
    first = tmp_path / "a" / "frontier.html"
    first.parent.mkdir()
    first.write_text(page(), encoding="utf-8")
    assert kg("add", str(first), "--corpus", str(corpus), "--store", str(store)).returncode == 0
    other = tmp_path / "b" / "frontier.html"
    other.parent.mkdir()
    other.write_text(page("Another story", paragraphs=STORY[1:]), encoding="utf-8")
    before = {p.name: p.read_bytes() for p in corpus.iterdir()}
    generation = (store / "CURRENT").read_text()
    done = kg("add", str(other), "--corpus", str(corpus), "--store", str(store))
    assert done.returncode == 1
    assert done.stderr.startswith("kg: error: frontier.html: duplicate file name") or \
        "already in" in done.stderr, done.stderr
    assert {p.name: p.read_bytes() for p in corpus.iterdir()} == before
    assert (store / "CURRENT").read_text() == generation
