"""Faults during `kg build` on the embedded store: SIGKILL at random points, readers while
a build is loaded, a read-only or full disk. The store afterwards is the previous complete
build or the new complete one, never a mix, and it opens cleanly."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest
import requests

from tests.conftest import KG, start_server
from tests.reliability.helpers import (
    Fingerprint,
    assert_clean_error,
    drain_stderr,
    fingerprint_store,
    live_generations,
    make_corpus,
    remount,
    run_kg,
    tmpfs,
)

KILLS = 7


def _build(corpus: Path, store: Path, *extra: str) -> float:
    """A complete `kg build`; returns how long it took."""
    started = time.monotonic()
    done = run_kg("build", "--corpus", str(corpus), "--store", str(store), "-q", *extra,
                  timeout=300)
    assert done.returncode == 0, done.stderr.decode()
    return time.monotonic() - started


def _same(a: Fingerprint, b: Fingerprint) -> bool:
    return (a.graphs, a.counts, a.digest) == (b.graphs, b.counts, b.digest)


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """Two different corpora, each built once into a reference store."""
    base = tmp_path_factory.mktemp("builds")
    corpora = {"a": make_corpus(base / "a", 5, variant=1),
               "b": make_corpus(base / "b", 6, variant=2)}
    refs: dict[str, Fingerprint] = {}
    took = 0.0
    for name, corpus in corpora.items():
        took = max(took, _build(corpus, base / f"ref-{name}"))
        refs[name] = fingerprint_store(base / f"ref-{name}")
    assert not _same(refs["a"], refs["b"])
    return {"corpora": corpora, "refs": refs, "duration": took}


@pytest.mark.slow
def test_sigkill_at_random_points_leaves_previous_or_new_build(two_builds, tmp_path) -> None:
    corpora: dict[str, Path] = two_builds["corpora"]  # type: ignore[assignment]
    refs: dict[str, Fingerprint] = two_builds["refs"]  # type: ignore[assignment]
    store = tmp_path / "store"
    _build(corpora["a"], store)
    # Time a full rebuild on this machine now, so the kills land inside the build (an
    # incremental one would find nothing to do).
    duration = _build(corpora["a"], store, "--full")
    current = "a"
    seed = int(os.environ.get("KG_FAULT_SEED", str(random.randrange(1 << 30))))
    rng = random.Random(seed)
    killed_midway = 0
    for attempt in range(KILLS):
        target = "b" if current == "a" else "a"
        process = subprocess.Popen([KG, "build", "--corpus", str(corpora[target]),
                                    "--store", str(store), "-q"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # Spread the kills over the whole build, start-up and the final write included.
        delay = rng.uniform(0.1, duration * 0.95)
        try:
            process.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=30)
            killed_midway += 1
        after = fingerprint_store(store)
        assert _same(after, refs[current]) or _same(after, refs[target]), (
            f"seed {seed}, kill {attempt} after {delay:.2f}s: the store is neither the "
            f"previous build nor the new one ({after.graphs[:3]}..., {after.quads} quads)")
        if _same(after, refs[target]):
            current = target
    assert killed_midway >= KILLS // 2, f"seed {seed}: too few kills landed mid-build"
    # The write lock died with the writer: the next build runs, and leaves no debris of
    # the killed ones behind.
    final = "b" if current == "a" else "a"
    previous = (store / "CURRENT").read_text().strip()
    _build(corpora[final], store)
    assert _same(fingerprint_store(store), refs[final])
    # (The generation the build itself read from may stay until the next write.)
    leftovers = set(live_generations(store)) - {(store / "CURRENT").read_text().strip(),
                                                  previous}
    assert not leftovers, f"generations of killed builds were not collected: {leftovers}"


ARTICLES = ("SELECT (COUNT(DISTINCT ?a) AS ?n) (MIN(?t) AS ?first) "
            "WHERE { ?a a ckg:Article ; dcterms:title ?t }")


def _article_answer(url: str) -> tuple[int, str]:
    response = requests.get(url + "/sparql", timeout=30, headers={"Accept": "text/csv"},
                            params={"query": ARTICLES})
    assert response.status_code == 200, response.text
    _header, row = response.text.strip().splitlines()[:2]
    n, first = row.split(",", 1)
    return int(n), first.strip('"')


@pytest.mark.slow
def test_server_answers_from_previous_build_then_new_without_restart(two_builds,
                                                                     tmp_path) -> None:
    corpora: dict[str, Path] = two_builds["corpora"]  # type: ignore[assignment]
    store = tmp_path / "store"
    _build(corpora["a"], store)
    server = start_server(store)
    drain_stderr(server.process)
    try:
        old = _article_answer(server.url)
        assert old[0] == 10
        seen: list[tuple[float, tuple[int, str]]] = []
        failures: list[str] = []
        stop = threading.Event()

        def poll() -> None:
            while not stop.is_set():
                try:
                    seen.append((time.monotonic(), _article_answer(server.url)))
                except (AssertionError, requests.RequestException) as exc:
                    failures.append(repr(exc))

        reader = threading.Thread(target=poll, daemon=True)
        reader.start()
        build = subprocess.Popen([KG, "build", "--corpus", str(corpora["b"]),
                                  "--store", str(store), "-q"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _out, err = build.communicate(timeout=300)
        build_done = time.monotonic()
        assert build.returncode == 0, err.decode()
        time.sleep(1.0)
        stop.set()
        reader.join(timeout=30)
        new = _article_answer(server.url)
        assert server.process.poll() is None, "the server died during the build"
    finally:
        server.stop()
    assert not failures, failures[:3]
    assert new[0] == 12 and new != old, "the server did not move to the new build"
    answers = [answer for _, answer in seen]
    assert set(answers) <= {old, new}, f"a mixed answer was served: {set(answers) - {old, new}}"
    during = [answer for at, answer in seen if at < build_done]
    assert during.count(old) >= 3, "the server did not keep answering during the build"
    # Once the new build is served, the old one never comes back.
    first_new = answers.index(new)
    assert old not in answers[first_new:]


@pytest.mark.slow
def test_read_only_store_directory_is_a_clear_error(two_builds, tmp_path) -> None:
    corpora: dict[str, Path] = two_builds["corpora"]  # type: ignore[assignment]
    with tmpfs(tmp_path / "mnt", "64m") as mnt:
        if mnt is None:
            pytest.skip("mounting a tmpfs is not permitted here")
        store = mnt / "store"
        _build(corpora["a"], store)
        before = fingerprint_store(store)
        gens = live_generations(store)
        remount(mnt, "ro")
        try:
            done = run_kg("build", "--corpus", str(corpora["b"]), "--store", str(store))
            err = assert_clean_error(done, 1)
            assert str(store) in err or "read-only" in err.lower(), err
        finally:
            remount(mnt, "rw")
        assert _same(fingerprint_store(store), before)
        assert live_generations(store) == gens


@pytest.mark.slow
def test_disk_full_during_build_is_a_clear_error(tmp_path) -> None:
    small = make_corpus(tmp_path / "small", 1, variant=3)
    big = make_corpus(tmp_path / "big", 8, variant=4)  # about 4.5 MB on disk
    with tmpfs(tmp_path / "mnt", "3m") as mnt:
        if mnt is None:
            pytest.skip("mounting a tmpfs is not permitted here")
        store = mnt / "store"
        _build(small, store)
        before = fingerprint_store(store)
        gens = live_generations(store)
        done = run_kg("build", "--corpus", str(big), "--store", str(store), timeout=300)
        err = assert_clean_error(done, 1)
        assert "space" in err.lower() or str(store) in err, err
        # Nothing corrupted, and the half-written generation was cleaned away.
        assert _same(fingerprint_store(store), before)
        assert live_generations(store) == gens
        # The store is still writable once there is room: a small build goes through.
        _build(small, store)
        assert _same(fingerprint_store(store), before)
