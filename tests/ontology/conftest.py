"""Fixtures of the ontology tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.ontology.helpers import ONTOLOGY


@pytest.fixture()
def ontology_copy(tmp_path: Path) -> Path:
    """A copy of the shipped ontology directory that a test may break."""
    target = tmp_path / "ontology"
    target.mkdir()
    for path in ONTOLOGY.glob("*.ttl"):
        shutil.copy(path, target / path.name)
    return target
