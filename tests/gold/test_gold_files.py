"""Sanity checks on the hand-written gold annotations: each file parses, names an existing
article of its own split with the right reported date, quotes the article verbatim (each
snippet inside one sentence of one line), uses the ontology's names, gives time expressions
their TimeML extent, and refers only to entities it lists, so `kg evaluate` never scores
against a broken gold file.

Splits (gold folder -> article folder): tests/gold/ -> corpus/, tests/gold/dev/ ->
tests/articles/dev/, tests/gold/test/ -> tests/articles/test/."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOLD_DIR = ROOT / "tests" / "gold"
SPLITS = {
    GOLD_DIR: ROOT / "corpus",
    GOLD_DIR / "dev": ROOT / "tests" / "articles" / "dev",
    GOLD_DIR / "test": ROOT / "tests" / "articles" / "test",
}
GOLD_FILES = sorted(p for gold_dir in SPLITS for p in gold_dir.glob("*.toml"))
ONTOLOGY = ROOT / "ontology" / "conflict.ttl"

SECTIONS = ("entity", "relation", "office", "event", "claim", "casualty", "time")
STATUSES = {"Occurred", "Planned", "Failed", "Ongoing"}
KINDS = {"", "Killed", "Wounded", "Injured"}
QUALIFIERS = {"", "AtLeast", "Exactly", "Approximately", "AtMost"}
POPULATIONS = {"", "Civilians", "BorderGuards", "Soldiers", "People"}
PREDICATES = {"memberOf", "ledBy", "hostsBaseOf", "locatedIn", "inState", "enclavedIn",
              "borders", "holdsOfficeIn", "actsFor"}
EVENT_KEYS = {"type", "agent", "target", "place", "date", "weapons", "status", "claimed_by",
              "participants", "time", "count", "caption", "sentence"}
# TimeML (TIMEX3): the signal word before a time expression is not part of it
SIGNALS = {"on", "in", "at", "since", "by", "during", "from", "until", "for", "of", "to"}
# a full stop after these does not end a sentence
ABBREVIATIONS = {"Mr", "Mrs", "Ms", "Dr", "Gen", "Col", "Lt", "Sgt", "Maj", "Capt", "Sen",
                 "Rep", "St", "No", "U.S", "U.N", "a.m", "p.m", "Jan", "Feb", "Mar", "Apr",
                 "Aug", "Sept", "Sep", "Oct", "Nov", "Dec", "Inc", "Co", "Ltd"}
BOUNDARY = re.compile(r"(\S+)[.!?][\"”’)]?\s+[\"“(]?[A-Z]")


def _split_of(path: Path) -> Path:
    return SPLITS[path.parent]


def _ontology_terms() -> tuple[set[str], dict[str, set[str]]]:
    """Class local names and the individuals of each individual class (OfficeType, ...)."""
    text = ONTOLOGY.read_text(encoding="utf-8")
    classes = set(re.findall(r"^ckg:(\w+) a owl:Class", text, re.M))
    members: dict[str, set[str]] = {}
    for name, kind in re.findall(r"^ckg:(\w+) a owl:NamedIndividual , ckg:(\w+)", text, re.M):
        members.setdefault(kind, set()).add(name)
    return classes, members


CLASSES, MEMBERS = _ontology_terms()
PRECISIONS = {p.removesuffix("Precision") for p in MEMBERS.get("TimePrecision", set())}


def _reported_dates(folder: Path) -> dict[str, str]:
    with (folder / "articles.tsv").open(encoding="utf-8", newline="") as fh:
        return {row["file"]: row["reported_date"] for row in csv.DictReader(fh, delimiter="\t")}


def _entries(gold: dict) -> list[tuple[str, dict]]:
    return [(sec, e) for sec in SECTIONS for e in gold.get(sec, [])]


def _crosses_sentence(snippet: str) -> bool:
    for match in BOUNDARY.finditer(snippet):
        word = match.group(1).rstrip(".")
        if word not in ABBREVIATIONS and not (len(word) == 1 and word.isupper()):
            return True
    return False


def test_splits_are_separate_and_complete() -> None:
    for gold_dir, folder in SPLITS.items():
        stems = {p.stem for p in gold_dir.glob("*.toml")}
        texts = {p.stem for p in folder.glob("*.txt")}
        listed = {Path(name).stem for name in _reported_dates(folder)}
        assert texts == stems, f"{folder} and {gold_dir} differ: {texts ^ stems}"
        assert texts == listed, f"{folder}/articles.tsv lists {listed ^ texts} wrongly"
    dev = {p.stem for p in (GOLD_DIR / "dev").glob("*.toml")}
    test = {p.stem for p in (GOLD_DIR / "test").glob("*.toml")}
    assert not dev & test
    assert len(dev) >= 8 and len(test) >= 8


@functools.lru_cache(maxsize=1)
def _base_names() -> frozenset[str]:
    """The preferred labels of the reference base's entities (graph/kb/)."""
    import pyoxigraph as ox

    store = ox.Store()
    for ttl in sorted((ROOT / "graph" / "kb").glob("*.ttl")):
        store.load(path=str(ttl), format=ox.RdfFormat.TURTLE,
                   base_iri="https://example.org/kg/id/")
    q = "SELECT ?l WHERE { ?s <http://www.w3.org/2004/02/skos/core#prefLabel> ?l }"
    return frozenset(row["l"].value for row in store.query(q))


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_gold_file(path: Path) -> None:
    gold = tomllib.loads(path.read_text(encoding="utf-8"))
    folder = _split_of(path)
    assert path.stem == Path(gold["article"]).stem
    article = folder / gold["article"]
    assert article.is_file(), f"{gold['article']} is not in {folder}"
    lines = article.read_text(encoding="utf-8").splitlines()
    assert gold["reported_date"] == _reported_dates(folder)[gold["article"]]

    # every snippet occurs in exactly one line of the article, inside one sentence
    for sec, entry in _entries(gold):
        snippet = entry.get("sentence")
        if sec in ("relation", "office", "event", "claim", "casualty"):
            assert snippet, f"{sec} without sentence: {entry}"
        if snippet is not None:
            hits = [i for i, line in enumerate(lines) if snippet in line]
            assert len(hits) == 1, f"{sec} snippet {snippet!r} in lines {hits}"
            assert not _crosses_sentence(snippet), f"{sec} snippet {snippet!r} spans sentences"

    # a key-value line placed after an [[event]] header silently joins that event
    for sec in ("entity", "relation", "event", "claim", "casualty", "time"):
        # a report may state no casualties ("casualty = []"), but says so
        assert gold.get(sec) or (sec == "casualty" and gold.get(sec) == []), \
            f"section {sec!r} missing or empty"
    for e in gold["event"]:
        assert set(e) <= EVENT_KEYS, f"unknown event keys {set(e) - EVENT_KEYS}"

    labels = {e["label"] for e in gold["entity"]}
    assert len(labels) == len(gold["entity"]), "duplicate entity label"
    for e in gold["entity"]:
        assert e["type"] in CLASSES, f"{e['label']}: no ontology class {e['type']!r}"

    def known(name: str) -> None:
        # an actor normalised to a state the text does not name ("The White House urged":
        # the United States), or a body an office implies ("his Tajik counterpart"), is
        # one the reference base names
        assert name == "" or name in labels or name in _base_names(), \
            f"{name!r} is not a listed entity"

    for r in gold.get("relation", []):
        assert r["predicate"] in PREDICATES
        known(r["subject"])
        known(r["object"])
    for o in gold.get("office", []):
        assert o["office"] in MEMBERS["OfficeType"], f"no office type {o['office']!r}"
        known(o["holder"])
        known(o["of"])
    for e in gold.get("event", []):
        assert e["type"] in CLASSES, f"no event class {e['type']!r}"
        assert e["status"] in STATUSES
        assert set(e.get("weapons", [])) <= MEMBERS["WeaponType"]
        for name in (e["agent"], e["target"], e["place"], e["claimed_by"], *e["participants"]):
            known(name)
        if e["date"]:
            dt.date.fromisoformat(e["date"])
        if e.get("time"):
            assert e["time"] in "\n".join(lines), f"event time {e['time']!r} not in article"
    types = {e["label"]: e["type"] for e in gold["entity"]}
    for c in gold.get("claim", []):
        known(c["claimant"])
        known(c["claimant_state"])
        # a claimant acting for no state (the UN, the CSTO, the EU) has claimant_state ""
        assert types.get(c["claimant_state"], "State") in {"State", "Country"}, \
            f"claimant_state {c['claimant_state']!r} is no state"
        assert isinstance(c["allegation"], bool)
        assert c["about"] == "CasualtyFigure" or c["about"] in CLASSES
    for f in gold.get("casualty", []):
        assert f["kind"] in KINDS and f["qualifier"] in QUALIFIERS
        assert f.get("population", "") in POPULATIONS
        assert "count" in f or f["vague"], f"figure with neither count nor vague: {f}"
        for name in (f["side"], f["place"], f["reported_by"]):
            known(name)
        if f["period_start"]:
            assert dt.date.fromisoformat(f["period_start"]) <= dt.date.fromisoformat(
                f["period_end"]
            )
    for t in gold.get("time", []):
        assert t["precision"] in PRECISIONS, f"no precision {t['precision']!r}"
        assert dt.date.fromisoformat(t["start"]) <= dt.date.fromisoformat(t["end"])
        assert t["text"] in "\n".join(lines), f"time text {t['text']!r} not in article"
        first = t["text"].split()[0].lower()
        assert first not in SIGNALS, f"time text {t['text']!r}: TIMEX3 leaves out {first!r}"
        if t.get("sentence"):
            line = next(line for line in lines if t["sentence"] in line)
            assert t["text"] in line, f"time text {t['text']!r} not in its sentence's line"
