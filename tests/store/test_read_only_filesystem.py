"""A store on a read-only filesystem (a tmpfs remounted `ro`) can still be queried: the
shared generation lock is opened read-only when its file exists, and skipped when it does
not (nobody can write there, so no collection can remove a generation under a reader)."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.store.embedded import EmbeddedStore
from graph.store.formats import by_name

DATA = b"<urn:x:s> <urn:x:p> <urn:x:o> .\n<urn:x:s> <urn:x:p> <urn:x:o2> .\n"


def _mount(*args: str) -> bool:
    return subprocess.run(["mount", *args], capture_output=True, check=False).returncode == 0


@pytest.fixture()
def read_only_store(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Path]:
    """A store with one graph on its own tmpfs, remounted read-only for the test."""
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    if not _mount("-t", "tmpfs", "-o", "size=64m", "tmpfs", str(mnt)):
        pytest.skip("mounting a tmpfs is not permitted here (needs root)")
    try:
        store = EmbeddedStore(mnt / "store", create=True)
        fmt = by_name("nt", "rdf")
        assert fmt is not None
        store.load(DATA, fmt, graph="urn:x:g", replace=True)
        store.close()
        if request.param == "no-lock-files":
            for lock in (mnt / "store" / "gens").glob("*.lock"):
                lock.unlink()
        assert _mount("-o", "remount,ro", str(mnt)), "could not remount the tmpfs read-only"
        yield mnt / "store"
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True, check=False)


@pytest.mark.parametrize("read_only_store", ["lock-files", "no-lock-files"], indirect=True)
def test_store_on_read_only_filesystem_can_be_queried(read_only_store: Path) -> None:
    # The filesystem really is read-only: nothing can be created there.
    with pytest.raises(OSError):
        (read_only_store / "probe").write_bytes(b"x")
    store = EmbeddedStore(read_only_store)
    try:
        rows = list(store.query("SELECT ?o WHERE { GRAPH <urn:x:g> { <urn:x:s> ?p ?o } } "
                                "ORDER BY ?o").rows())
        assert [row["o"].value for row in rows] == ["urn:x:o", "urn:x:o2"]
        assert store.graph_names() == ["urn:x:g"]
    finally:
        store.close()
