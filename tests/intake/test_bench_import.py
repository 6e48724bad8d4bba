"""The import and build benchmark runs and builds every generated variant (speed itself is
reported by `python -m bench.import_build`, not asserted: the machine is shared)."""

from __future__ import annotations

import pytest

from bench.import_build import run


@pytest.mark.slow
def test_import_bench_builds_generated_variants() -> None:
    result = run(60)
    assert result["articles"] == 60 and result["refused"] == 0
    assert result["triples"] > 60 * 100
    assert result["articles_per_s"] > 1
