"""Sanity checks on the hand-written gold annotations: each file parses, names an existing
article with the right reported date, quotes the article verbatim, and refers only to
entities it lists, so `kg evaluate` never scores against a broken gold file."""

from __future__ import annotations

import csv
import datetime as dt
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOLD_DIR = ROOT / "tests" / "gold"
ARTICLE_DIRS = (ROOT / "corpus", ROOT / "tests" / "articles")
GOLD_FILES = sorted(GOLD_DIR.glob("*.toml"))

SECTIONS = ("entity", "relation", "office", "event", "claim", "casualty", "time")
PRECISIONS = {"Day", "PartOfDay", "Week", "Month", "Year"}
STATUSES = {"Occurred", "Planned", "Failed", "Ongoing"}
KINDS = {"", "Killed", "Wounded", "Injured"}
QUALIFIERS = {"", "AtLeast", "Exactly", "Approximately", "AtMost"}
EVENT_KEYS = {
    "type",
    "agent",
    "target",
    "place",
    "date",
    "weapons",
    "status",
    "claimed_by",
    "participants",
    "time",
    "count",
    "caption",
    "sentence",
}


def _article_path(name: str) -> Path:
    found = [d / name for d in ARTICLE_DIRS if (d / name).is_file()]
    assert len(found) == 1, f"article {name!r} found {len(found)} times in {ARTICLE_DIRS}"
    return found[0]


def _reported_dates() -> dict[str, str]:
    dates: dict[str, str] = {}
    for d in ARTICLE_DIRS:
        with (d / "articles.tsv").open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                dates[row["file"]] = row["reported_date"]
    return dates


def _entries(gold: dict) -> list[tuple[str, dict]]:
    return [(sec, e) for sec in SECTIONS for e in gold.get(sec, [])]


def test_every_article_has_gold() -> None:
    stems = {p.stem for p in GOLD_FILES}
    for d in ARTICLE_DIRS:
        for text in d.glob("*.txt"):
            assert text.stem in stems, f"no gold for {text}"


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_file(path: Path) -> None:
    gold = tomllib.loads(path.read_text(encoding="utf-8"))
    assert path.stem == Path(gold["article"]).stem
    lines = _article_path(gold["article"]).read_text(encoding="utf-8").splitlines()
    assert gold["reported_date"] == _reported_dates()[gold["article"]]

    # every snippet occurs in exactly one line of the article
    for sec, entry in _entries(gold):
        snippet = entry.get("sentence")
        if sec in ("relation", "office", "event", "claim", "casualty"):
            assert snippet, f"{sec} without sentence: {entry}"
        if snippet is not None:
            hits = [i for i, line in enumerate(lines) if snippet in line]
            assert len(hits) == 1, f"{sec} snippet {snippet!r} in lines {hits}"

    # a key-value line placed after an [[event]] header silently joins that event
    for sec in ("entity", "relation", "event", "claim", "casualty", "time"):
        assert gold.get(sec), f"section {sec!r} missing or empty"
    for e in gold["event"]:
        assert set(e) <= EVENT_KEYS, f"unknown event keys {set(e) - EVENT_KEYS}"

    labels = {e["label"] for e in gold["entity"]}
    assert len(labels) == len(gold["entity"]), "duplicate entity label"

    def known(name: str) -> None:
        assert name == "" or name in labels, f"{name!r} is not a listed entity"

    for r in gold.get("relation", []):
        known(r["subject"])
        known(r["object"])
    for o in gold.get("office", []):
        known(o["holder"])
        known(o["of"])
    for e in gold.get("event", []):
        assert e["status"] in STATUSES
        for name in (e["agent"], e["target"], e["place"], e["claimed_by"], *e["participants"]):
            known(name)
        if e["date"]:
            dt.date.fromisoformat(e["date"])
    for c in gold.get("claim", []):
        known(c["claimant"])
        known(c["claimant_state"])
        assert isinstance(c["allegation"], bool)
    for f in gold.get("casualty", []):
        assert f["kind"] in KINDS and f["qualifier"] in QUALIFIERS
        assert "count" in f or f["vague"], f"figure with neither count nor vague: {f}"
        for name in (f["side"], f["place"], f["reported_by"]):
            known(name)
        if f["period_start"]:
            assert dt.date.fromisoformat(f["period_start"]) <= dt.date.fromisoformat(
                f["period_end"]
            )
    for t in gold.get("time", []):
        assert t["precision"] in PRECISIONS
        assert dt.date.fromisoformat(t["start"]) <= dt.date.fromisoformat(t["end"])
        assert t["text"] in "\n".join(lines), f"time text {t['text']!r} not in article"
