"""Incremental and parallel builds: only what changed is extracted again, and the store
holds the same graphs whatever the number of workers or the order of builds."""

from __future__ import annotations

import io
import os
import pty
import re
import select
import shutil
import subprocess
import time
from pathlib import Path

from graph.store import open_store
from graph.store.formats import by_name
from tests.conftest import CORPUS, KG, kg_cli
from tests.reliability.helpers import make_corpus


def _quads(store: Path) -> list[str]:
    out = io.BytesIO()
    s = open_store(str(store))
    s.dump(out, by_name("nq", "rdf"))
    s.close()
    return sorted(line for line in out.getvalue().decode().splitlines() if line)


def _build(runner, corpus: Path, store: Path, *extra: str) -> str:
    result = runner.invoke(kg_cli(), ["build", "--corpus", str(corpus), "--store", str(store),
                                      *extra])
    assert result.exit_code == 0, result.output
    return result.output.splitlines()[0]


def test_only_changed_articles_are_extracted_again(runner, tmp_path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    store = tmp_path / "store"
    assert _build(runner, corpus, store).startswith("built 2 article(s)")
    assert _build(runner, corpus, store).startswith(
        "built 0 article(s), 0 triples; 2 unchanged article(s) kept")
    # The text of one article changes.
    escalates = corpus / "2022-09-16_border-conflict-escalates.txt"
    escalates.write_text(escalates.read_text(encoding="utf-8") + "\nTalks were held in Osh "
                         "on Friday.\n", encoding="utf-8")
    assert _build(runner, corpus, store).startswith("built 1 article(s)")
    # Metadata of the other one changes.
    index = corpus / "articles.tsv"
    index.write_text(index.read_text(encoding="utf-8").replace(
        "Cease-fire agreed with Tajikistan", "Ceasefire agreed with Tajikistan"), encoding="utf-8")
    line = _build(runner, corpus, store)
    assert line.startswith("built 1 article(s)") and "1 unchanged article(s) kept" in line
    # The incremental store equals a build from scratch of the same corpus.
    fresh = tmp_path / "fresh"
    _build(runner, corpus, fresh)
    assert _quads(store) == _quads(fresh)
    # Removing an article from the index removes its graph.
    lines = index.read_text(encoding="utf-8").splitlines()
    index.write_text("\n".join(lines[:2]) + "\n", encoding="utf-8")
    assert _build(runner, corpus, store).startswith("built 0 article(s), 0 triples; 1 unchanged")
    assert len([q for q in _quads(store) if "ceasefire-agreed" in q.rsplit(" ", 2)[-2]]) == 0


def test_a_change_of_curation_rebuilds_every_article(runner, tmp_path) -> None:
    store = tmp_path / "store"
    curation = tmp_path / "curation.ttl"
    curation.write_text("", encoding="utf-8")
    _build(runner, CORPUS, store, "--curation", str(curation))
    assert _build(runner, CORPUS, store, "--curation", str(curation)).startswith("built 0")
    curation.write_text("# a maintainer's note\n", encoding="utf-8")
    assert _build(runner, CORPUS, store, "--curation", str(curation)).startswith("built 2")


def test_parallel_build_equals_a_serial_one(tmp_path) -> None:
    corpus = make_corpus(tmp_path / "corpus", 6, variant=5)  # 12 articles
    stores = {}
    for jobs in ("1", "2"):
        stores[jobs] = tmp_path / f"store-{jobs}"
        done = subprocess.run([KG, "build", "--corpus", str(corpus), "--store",
                               str(stores[jobs]), "--jobs", jobs, "-q"],
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith("built 12 article(s)")
    assert _quads(stores["1"]) == _quads(stores["2"])


def test_progress_bar_on_a_terminal_and_one_summary_line(tmp_path) -> None:
    corpus = make_corpus(tmp_path / "corpus", 5, variant=6)
    main, child = pty.openpty()
    process = subprocess.Popen([KG, "build", "--corpus", str(corpus), "--store",
                                str(tmp_path / "store"), "--jobs", "2"],
                               stdin=child, stdout=child, stderr=child,
                               env={**os.environ, "COLUMNS": "120", "TERM": "xterm"})
    os.close(child)
    screen = b""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        ready, _, _ = select.select([main], [], [], 1)
        if ready:
            try:
                chunk = os.read(main, 65536)
            except OSError:
                break
            if not chunk:
                break
            screen += chunk
        elif process.poll() is not None:
            break
    process.wait(timeout=30)
    os.close(main)
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", screen.decode("utf-8", "replace"))
    assert process.returncode == 0, text
    assert "building" in text and "/10" in text  # rich's bar: "building ━━━ 4/10 ..."
    assert text.rstrip().splitlines()[-1].startswith("built 10 article(s)")
