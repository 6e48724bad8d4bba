"""`kg build` / `kg add` / `kg annotate` with the annotation cache and the committed
fixtures, and when the annotator cannot run (degraded mode, or an error when required).
None of these start Java: fixtures and the cache supply the annotations."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from graph.annotate.cache import AnnotationCache, key
from tests.conftest import CORPUS, KG

NEW_ARTICLE = ("Shelling hits border village\n"
               "Shelling hit a border village on Tuesday, the ministry said.\n")


def _kg(*args: str, env: dict[str, str], timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run([KG, *args], capture_output=True, text=True, timeout=timeout,
                          env=env)


@pytest.fixture()
def env(tmp_path: Path) -> dict[str, str]:
    e = dict(os.environ)
    e["KG_ANNOTATION_CACHE"] = str(tmp_path / "cache")
    e.pop("KG_ANNOTATOR", None)
    return e


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target


def _entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("*/*.json.gz"))


def test_fixtures_seed_the_cache_and_a_corrupt_entry_is_replaced(corpus, env, tmp_path):
    cache = tmp_path / "cache"
    done = _kg("build", "--corpus", str(corpus), "--store", str(tmp_path / "s"), "-q",
               "--annotator", "cached", env=env)
    assert done.returncode == 0, done.stderr
    assert "without annotation" not in done.stdout
    assert "warning" not in done.stderr
    entries = _entries(cache)
    assert len(entries) == 2  # both corpus articles, from their fixtures
    # a torn entry: the next build notices, reads the fixture again and rewrites it
    entries[0].write_bytes(entries[0].read_bytes()[:64])
    # --full: an incremental build would keep both graphs and read no annotation at all
    again = _kg("build", "--corpus", str(corpus), "--store", str(tmp_path / "s"), "-q",
                "--full", "--annotator", "cached", env=env)
    assert again.returncode == 0, again.stderr
    assert AnnotationCache(cache).get(*_corpus_text_and_date(corpus, entries[0])) is not None


def _corpus_text_and_date(corpus: Path, entry: Path) -> tuple[str, str]:
    from graph.corpus import load_corpus

    for article in load_corpus(corpus)[0]:
        date = article.reported_date.isoformat()
        if key(article.text, date) == entry.name.split(".")[0]:
            return article.text, date
    raise AssertionError(f"no article for {entry}")


def test_build_without_annotator_degrades_with_a_warning(corpus, env, tmp_path):
    env["KG_CORENLP_CLASSPATH"] = str(tmp_path / "no-such-corenlp.jar")
    _add_new_article(corpus)
    done = _kg("build", "--corpus", str(corpus), "--store", str(tmp_path / "s"), "-q",
               env=env)
    assert done.returncode == 0, done.stderr
    assert "built 3 article(s)" in done.stdout
    assert "1 without annotation" in done.stdout
    assert "kg: warning: the annotator cannot run" in done.stderr
    assert "make annotator" in done.stderr


def test_required_annotator_that_cannot_run_is_an_error(corpus, env, tmp_path):
    env["KG_CORENLP_CLASSPATH"] = str(tmp_path / "no-such-corenlp.jar")
    source = tmp_path / "new.txt"
    source.write_text(NEW_ARTICLE, encoding="utf-8")
    done = _kg("add", str(source), "--date", "2023-05-02", "--corpus", str(corpus),
               "--store", str(tmp_path / "s"), "--annotator", "require", env=env)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: Stanford CoreNLP is not set up")
    assert not (corpus / "new.txt").exists()  # nothing changed


def _add_new_article(corpus: Path) -> None:
    (corpus / "2023-05-02_new.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    with open(corpus / "articles.tsv", "a", encoding="utf-8") as handle:
        handle.write("2023-05-02_new.txt\tShelling hits border village\t2023-05-02\t"
                     "test\tunknown\twritten for this test\n")


def test_missing_java_is_named(corpus, env, tmp_path):
    _add_new_article(corpus)  # no fixture: it needs the annotator
    env["PATH"] = str(Path(KG).parent)  # the venv only: no java on PATH
    env.pop("JAVA_HOME", None)
    done = _kg("annotate", "--corpus", str(corpus), "--out", str(tmp_path / "fx"), env=env)
    assert done.returncode == 1
    assert "kg: error: Java not found" in done.stderr
    assert not (tmp_path / "fx").exists()


def test_annotate_check_reports_stale_fixtures(corpus, env):
    ok = _kg("annotate", "--corpus", str(corpus), "--check", env=env)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "fixtures current" in ok.stdout
    text = corpus / "2022-09-16_ceasefire-agreed.txt"
    text.write_text(text.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    stale = _kg("annotate", "--corpus", str(corpus), "--check", env=env)
    assert stale.returncode == 1
    assert "fixture missing or stale for 2022-09-16_ceasefire-agreed.txt" in stale.stdout


@pytest.mark.annotator
def test_kg_add_annotates_a_new_article_and_caches_it(corpus, env, tmp_path):
    """The user's path: `kg add` of an article nobody annotated starts the worker, builds
    with the annotation, caches it, and stops the worker (nothing left running)."""
    source = tmp_path / "2023-05-02_new.txt"
    source.write_text(NEW_ARTICLE, encoding="utf-8")
    (tmp_path / "tmp").mkdir()
    env["TMPDIR"] = str(tmp_path / "tmp")  # the worker's command line names a dir in it
    done = _kg("add", str(source), "--date", "2023-05-02", "--corpus", str(corpus),
               "--store", str(tmp_path / "s"), "--annotator", "require", env=env)
    assert done.returncode == 0, done.stderr
    assert "without annotation" not in done.stdout
    cached = AnnotationCache(tmp_path / "cache").get(NEW_ARTICLE, "2023-05-02")
    assert cached is not None
    assert [x.value for x in cached.timexes] == ["2023-05-02"]  # "Tuesday" (docDate)
    leftover = subprocess.run(["pgrep", "-f", f"AnnotateWorker.*{tmp_path / 'tmp'}"],
                              capture_output=True, text=True)
    assert leftover.stdout == ""
