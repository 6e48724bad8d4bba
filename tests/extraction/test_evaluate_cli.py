"""`kg evaluate` through the command line: time expressions matched on sentence, interval
and overlapping text (not on exact extent), gold articles that were not built failing the
evaluation with the reason, the split's gold found from the corpus folder; and `kg build`
with an article url an IRI cannot hold as written.

The articles here are written for these tests; the builds run without the annotator
(KG_ANNOTATOR=off) so they are fast and depend only on the rule layer's time recogniser."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from graph.cli.evaluate import default_gold
from tests.conftest import kg_cli

HEADER = "file\ttitle\treported_date\tpublisher\turl\tnote\n"
ARTICLE = (
    "Border guards exchange fire\n\n"
    "Border guards of Karvenia and Doltaria exchanged fire on Friday, officials said.\n\n"
    "The two states fought a war in 1991 over the same valley, and their foreign ministers "
    "met on Friday to discuss the border.\n"
)
NAME = "2023-03-10_exchange-of-fire.txt"
DATE = "2023-03-10"  # a Friday


@pytest.fixture(autouse=True)
def _no_annotator(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_ANNOTATOR", "off")


def _corpus(tmp_path: Path, rows: list[tuple[str, str, str]]) -> Path:
    """A corpus folder with (file, text, url) articles, all reported on DATE."""
    corpus = tmp_path / "articles"
    corpus.mkdir()
    lines = [HEADER]
    for name, text, url in rows:
        (corpus / name).write_text(text, encoding="utf-8")
        lines.append(f"{name}\tTest article\t{DATE}\ttest\t{url}\twritten for this test\n")
    (corpus / "articles.tsv").write_text("".join(lines), encoding="utf-8")
    return corpus


def _gold(folder: Path, name: str, times: list[dict]) -> None:
    folder.mkdir(exist_ok=True)
    rows = "\n".join(
        "[[time]]\n" + "\n".join(f"{k} = {json.dumps(v)}" for k, v in t.items()) + "\n"
        for t in times)
    (folder / f"{Path(name).stem}.toml").write_text(
        f'article = "{name}"\nreported_date = "{DATE}"\n\n{rows}', encoding="utf-8")


def _evaluate(runner, *args: str) -> tuple[int, dict, str]:
    result = runner.invoke(kg_cli(), ["evaluate", "--format", "json", *args])
    text = result.stdout
    start = text.find("{")
    report = json.loads(text[start:]) if start >= 0 else {}
    return result.exit_code, report, result.output


def _extracted_times(report: dict) -> list[dict]:
    """The time expressions the build made, read back from the evaluation's false list."""
    out = []
    for item in report["false"]:
        if item["kind"] != "time":
            continue
        m = re.fullmatch(r'"(.*)" (\S+)\.\.(\S+) (\w+)', item["extracted"])
        assert m, item
        out.append({"text": m[1], "start": m[2], "end": m[3], "precision": m[4]})
    return out


@pytest.fixture()
def built(runner, tmp_path: Path) -> tuple[Path, Path, list[dict]]:
    """A store built from one article, and the time expressions the build found in it."""
    corpus = _corpus(tmp_path, [(NAME, ARTICLE, "unknown")])
    store = tmp_path / "store"
    result = runner.invoke(kg_cli(), ["build", "--corpus", str(corpus), "--store", str(store)])
    assert result.exit_code == 0, result.output
    empty = tmp_path / "gold-empty"
    _gold(empty, NAME, [])
    code, report, output = _evaluate(runner, "--store", str(store), "--gold", str(empty))
    assert code == 0, output
    times = _extracted_times(report)
    # "Friday" twice and "1991": the recogniser finds at least the year and a Friday
    assert any(t["start"] == "1991-01-01" for t in times), times
    assert any(t["start"] == DATE for t in times), times
    return corpus, store, times


def test_time_matched_on_interval_and_overlapping_text_not_exact_extent(runner, built,
                                                                        tmp_path) -> None:
    _, store, times = built
    # The gold writes each expression with a signal word the build leaves out (or keeps):
    # "in 1991" against "1991" is one match, not a miss and a false statement.
    gold = tmp_path / "gold-signal"
    _gold(gold, NAME, [{**t, "text": f"in {t['text']}"} for t in times])
    code, report, output = _evaluate(runner, "--store", str(store), "--gold", str(gold))
    assert code == 0, output
    score = report["scores"]["time"]
    assert (score["tp"], score["fp"], score["fn"]) == (len(times), 0, 0), report
    assert any("extent" in e["detail"] for e in report["field_errors"])


def test_time_with_another_interval_is_a_miss_and_a_false_statement(runner, built,
                                                                    tmp_path) -> None:
    _, store, times = built
    year = next(t for t in times if t["start"] == "1991-01-01")
    gold = tmp_path / "gold-shifted"
    _gold(gold, NAME, [{**year, "start": "1992-01-01", "end": "1992-12-31"}])
    code, report, output = _evaluate(runner, "--store", str(store), "--gold", str(gold))
    assert code == 0, output
    assert report["scores"]["time"]["fn"] == 1
    assert any('"1991"' in f["extracted"] or "1991-01-01" in f["extracted"]
               for f in report["false"] if f["kind"] == "time")


def test_time_matched_in_its_own_sentence(runner, built, tmp_path) -> None:
    _, store, times = built
    fridays = [t for t in times if t["start"] == DATE and "friday" in t["text"].lower()]
    assert len(fridays) == 2, times
    friday = fridays[0]
    both = tmp_path / "gold-both"
    _gold(both, NAME, [{**friday, "sentence": "exchanged fire on Friday"},
                       {**friday, "sentence": "met on Friday"}])
    code, report, _ = _evaluate(runner, "--store", str(store), "--gold", str(both))
    assert report["scores"]["time"]["tp"] == 2
    # both gold rows pointing at the first sentence: the second Friday there is no match
    same = tmp_path / "gold-same"
    _gold(same, NAME, [{**friday, "sentence": "exchanged fire on Friday"},
                       {**friday, "sentence": "Border guards of Karvenia"}])
    code, report, _ = _evaluate(runner, "--store", str(store), "--gold", str(same))
    assert report["scores"]["time"]["tp"] == 1 and report["scores"]["time"]["fn"] == 1


def test_gold_for_an_article_not_in_the_corpus_fails(runner, tmp_path) -> None:
    corpus = _corpus(tmp_path, [(NAME, ARTICLE, "unknown")])
    gold = tmp_path / "gold"
    _gold(gold, NAME, [])
    _gold(gold, "2023-03-11_not-collected.txt", [])
    code, report, output = _evaluate(runner, "--corpus", str(corpus), "--gold", str(gold))
    assert code == 1
    assert report["complete"] is False
    assert [u["article"] for u in report["unbuilt"]] == ["2023-03-11_not-collected"]
    assert "not listed in" in output and "2023-03-11_not-collected" in output
    assert "were not built" in output


def test_gold_for_an_article_that_could_not_be_read_fails_and_says_why(runner,
                                                                       tmp_path) -> None:
    corpus = _corpus(tmp_path, [(NAME, ARTICLE, "unknown"),
                                ("2023-03-11_latin-1.txt", "x", "unknown")])
    (corpus / "2023-03-11_latin-1.txt").write_bytes(b"caf\xe9 latin-1 text")
    gold = tmp_path / "gold"
    _gold(gold, NAME, [])
    _gold(gold, "2023-03-11_latin-1.txt", [])
    result = runner.invoke(kg_cli(), ["evaluate", "--corpus", str(corpus), "--gold", str(gold)])
    assert result.exit_code == 1
    assert "NOT BUILT" in result.stdout and "not UTF-8" in result.stdout
    assert "not UTF-8" in result.stderr


def test_gold_without_a_graph_in_the_store_fails(runner, built, tmp_path) -> None:
    _, store, _ = built
    gold = tmp_path / "gold"
    _gold(gold, NAME, [])
    _gold(gold, "2023-03-11_elsewhere.txt", [])
    code, _, output = _evaluate(runner, "--store", str(store), "--gold", str(gold))
    assert code == 1 and "no graph for it in the store" in output


def test_every_gold_article_built_passes(runner, built, tmp_path) -> None:
    corpus, _, _ = built
    gold = tmp_path / "gold"
    _gold(gold, NAME, [])
    code, report, output = _evaluate(runner, "--corpus", str(corpus), "--gold", str(gold))
    assert code == 0, output
    assert report["complete"] is True and report["unbuilt"] == []


def test_split_gold_is_found_from_the_corpus_folder(runner) -> None:
    assert default_gold(Path("tests/articles/test")) == Path("tests/gold/test")
    assert default_gold(Path("tests/articles/dev/")) == Path("tests/gold/dev")
    assert default_gold(Path("corpus")) == Path("tests/gold")
    result = runner.invoke(kg_cli(), ["evaluate", "--help"])
    assert "tests/gold/<corpus folder name>" in result.output


def _query_urls(runner, store: Path) -> list[str]:
    result = runner.invoke(kg_cli(), [
        "query", "--store", str(store), "--format", "json",
        "SELECT ?u WHERE { GRAPH ?g { ?a schema:url ?u } }"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    return [b["u"]["value"] for b in data["results"]["bindings"]]


def test_url_with_a_space_is_percent_encoded(runner, tmp_path) -> None:
    url = 'https://example.org/news/border clash "day 2".html?x=1&y=50%'
    corpus = _corpus(tmp_path, [(NAME, ARTICLE, url)])
    store = tmp_path / "store"
    result = runner.invoke(kg_cli(), ["build", "--corpus", str(corpus), "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert "refused" not in result.output and "Invalid IRI" not in result.output
    assert _query_urls(runner, store) == [
        "https://example.org/news/border%20clash%20%22day%202%22.html?x=1&y=50%25"]


def test_url_without_a_scheme_is_refused_with_a_message_about_the_url(runner,
                                                                      tmp_path) -> None:
    corpus = _corpus(tmp_path, [(NAME, ARTICLE, "https://example.org/ok"),
                                ("2023-03-11_other.txt", ARTICLE, "www.example.org/a b")])
    store = tmp_path / "store"
    result = runner.invoke(kg_cli(), ["build", "--corpus", str(corpus), "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert "refused 1" in result.output
    assert "2023-03-11_other.txt: url 'www.example.org/a b' is not an absolute" in result.output
    assert _query_urls(runner, store) == ["https://example.org/ok"]
