"""A synthetic conflict graph of the same shape as the one built from the corpus, at any
size: articles with sentences, states, people, places and organisations (with Wikidata
links), events with agents, places and dates, claims, casualty figures and statement
records, each extracted node supported by a sentence. One named graph per article plus a
reference graph of entities, as `kg build` makes them.

    python -m bench.synthetic --store /tmp/synthetic --triples 1000000

Deterministic: the same size gives the same graph (a seeded generator, no clock)."""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from graph.config import base_iri
from ontology.namespaces import CKG, PREFIXES

TRIPLES_PER_ARTICLE = 275  # measured from the generator below, used to size the corpus
EVENT_TYPES = ("ArmedClash", "Shelling", "Occupation", "CeasefireAgreement", "Talks",
               "Meeting", "Summit", "Evacuation", "Appeal", "Accusation")
PLACE_KINDS = ("Province", "City", "Village", "BorderArea", "Exclave")
QUALIFIERS = ("atLeast", "exactly", "about", "dozens", "upTo")
VERBS = ("say", "accuse", "report", "state", "charge")


def _iri(value: str) -> ox.NamedNode:
    return ox.NamedNode(value)


class _Vocab:
    def __init__(self) -> None:
        self.type = _iri(PREFIXES["rdf"] + "type")
        self.label = _iri(PREFIXES["rdfs"] + "label")
        self.title = _iri(PREFIXES["dcterms"] + "title")
        self.same_as = _iri(PREFIXES["owl"] + "sameAs")
        self.anchor = _iri(PREFIXES["nif"] + "anchorOf")
        self.subject = _iri(PREFIXES["rdf"] + "subject")
        self.predicate = _iri(PREFIXES["rdf"] + "predicate")
        self.object = _iri(PREFIXES["rdf"] + "object")

    def __getattr__(self, name: str) -> ox.NamedNode:
        return _iri(CKG + name)


def _literal(value: object) -> ox.Literal:
    xsd = PREFIXES["xsd"]
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=_iri(xsd + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=_iri(xsd + "integer"))
    if isinstance(value, float):
        return ox.Literal(f"{value:.2f}", datatype=_iri(xsd + "decimal"))
    if isinstance(value, date):
        return ox.Literal(value.isoformat(), datatype=_iri(xsd + "date"))
    return ox.Literal(str(value), language="en")


class _Generator:
    def __init__(self, n_articles: int, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.v = _Vocab()
        self.base = base_iri()
        scale = max(1, n_articles // 10)
        self.states = [f"{self.base}id/state/state-{i}" for i in range(30)]
        self.people = [f"{self.base}id/person/person-{i}" for i in range(20 * scale)]
        self.places = [f"{self.base}id/{self.rng.choice(PLACE_KINDS).lower()}/place-{i}"
                       for i in range(50 * scale)]
        self.orgs = [f"{self.base}id/organization/org-{i}" for i in range(5 * scale)]
        self.n_articles = n_articles

    def t(self, s: str | ox.NamedNode, p: ox.NamedNode, o: Any) -> ox.Triple:
        subject = _iri(s) if isinstance(s, str) else s
        obj = o if isinstance(o, ox.NamedNode | ox.Literal) else (
            _iri(o) if isinstance(o, str) and o.startswith("http") else _literal(o))
        return ox.Triple(subject, p, obj)

    def reference(self) -> Iterator[ox.Triple]:
        v, rng = self.v, self.rng
        for i, state in enumerate(self.states):
            yield self.t(state, v.type, v.State)
            yield self.t(state, v.label, f"State {i}")
            yield self.t(state, v.wikidata, f"http://www.wikidata.org/entity/Q{1000 + i}")
            yield self.t(state, v.same_as, f"http://www.wikidata.org/entity/Q{1000 + i}")
            if i % 3 == 0:
                yield self.t(state, v.memberOf, f"{self.base}id/alliance/csto")
        for i, person in enumerate(self.people):
            yield self.t(person, v.type, v.Person)
            yield self.t(person, v.label, f"Person {i}")
            yield self.t(person, v.holdsOfficeIn, rng.choice(self.states))
        for i, place in enumerate(self.places):
            kind = place.split("/id/")[1].split("/")[0]
            yield self.t(place, v.type, _iri(CKG + next(
                k for k in PLACE_KINDS if k.lower() == kind)))
            yield self.t(place, v.label, f"Place {i}")
            yield self.t(place, v.locatedIn, rng.choice(self.places[: max(1, i)]))
            yield self.t(place, v.inState, rng.choice(self.states))
        for i, org in enumerate(self.orgs):
            yield self.t(org, v.type, v.Organization)
            yield self.t(org, v.label, f"Organisation {i}")
            yield self.t(org, v.forceOf, rng.choice(self.states))

    def article(self, n: int) -> Iterator[ox.Triple]:
        v, rng, base = self.v, self.rng, self.base
        slug = f"synthetic-{n:06d}"
        article = f"{base}id/article/{slug}"
        reported = date(2022, 1, 1) + timedelta(days=n % 700)
        yield self.t(article, v.type, v.Article)
        yield self.t(article, v.title, f"Synthetic report {n}")
        yield self.t(article, v.reportedDate, reported)
        yield self.t(article, v.sourceFile, f"{slug}.txt")
        sentences = [f"{article}/sentence/{i}" for i in range(20)]
        for i, sentence in enumerate(sentences):
            yield self.t(sentence, v.type, v.Sentence)
            yield self.t(sentence, v.inArticle, article)
            yield self.t(sentence, v.sentenceIndex, i)
            yield self.t(sentence, self.v.anchor,
                         f"Sentence {i} of report {n} about the border clashes.")
            yield self.t(sentence, v.label, f"{slug} sentence {i}")
        for k in range(6):
            event = f"{base}id/event/{slug}-{k}"
            yield self.t(event, v.type, _iri(CKG + rng.choice(EVENT_TYPES)))
            yield self.t(event, v.label, f"Event {k} of report {n}")
            yield self.t(event, v.participant, rng.choice(self.states))
            yield self.t(event, v.participant, rng.choice(self.orgs))
            yield self.t(event, v.place, rng.choice(self.places))
            yield self.t(event, v.startDate, reported - timedelta(days=rng.randint(0, 3)))
            yield self.t(event, v.assertionStatus, rng.choice((v.Reported, v.Claimed)))
            yield self.t(event, v.supportedBy, rng.choice(sentences))
            yield self.t(event, v.inArticle, article)
            yield self.t(event, v.extractionRule, "event.synthetic")
            yield self.t(event, v.confidence, rng.random())
            yield self.t(event, v.weapon, f"{base}id/weapon/weapon-{rng.randint(0, 20)}")
            if k % 2 == 0:
                claim = f"{base}id/claim/{slug}-{k}"
                yield self.t(claim, v.type, v.Claim)
                yield self.t(claim, v.claimant, rng.choice(self.states + self.people))
                yield self.t(claim, v.claims, event)
                yield self.t(claim, v.reportingVerb, rng.choice(VERBS))
                yield self.t(claim, v.isAllegation, rng.random() < 0.5)
                yield self.t(claim, v.supportedBy, rng.choice(sentences))
                yield self.t(claim, v.inArticle, article)
        for k in range(2):
            figure = f"{base}id/casualties/{slug}-{k}"
            yield self.t(figure, v.type, v.CasualtyFigure)
            yield self.t(figure, v.population, rng.choice(("killed", "wounded")))
            yield self.t(figure, v.minCount, rng.randint(1, 40))
            yield self.t(figure, v.qualifier, _iri(CKG + rng.choice(QUALIFIERS)))
            yield self.t(figure, v.side, rng.choice(self.states))
            yield self.t(figure, v.place, rng.choice(self.places))
            yield self.t(figure, v.reportedBy, rng.choice(self.orgs))
            yield self.t(figure, v.supportedBy, rng.choice(sentences))
            yield self.t(figure, v.inArticle, article)
        for k in range(5):
            record = f"{base}id/statement/{slug}-{k}"
            yield self.t(record, v.type, v.StatementRecord)
            yield self.t(record, v.subject, rng.choice(self.places))
            yield self.t(record, v.predicate, v.locatedIn)
            yield self.t(record, v.object, rng.choice(self.places))
            yield self.t(record, v.supportedBy, rng.choice(sentences))
            yield self.t(record, v.extractionRule, "relation.synthetic")


def generate(path_or_store: str | Path | Any, n_triples: int) -> int:
    """Write a synthetic graph of about `n_triples` triples into a store (a directory made
    into an embedded store, or any object with `replace_graphs`). Returns the triple
    count written."""
    from graph.store.embedded import EmbeddedStore

    if isinstance(path_or_store, str | Path):
        store: Any = EmbeddedStore(path_or_store, create=True)
    else:
        store = path_or_store
    n_articles = max(1, n_triples // TRIPLES_PER_ARTICLE)
    gen = _Generator(n_articles)
    base = base_iri()
    counted = 0

    def counting(triples: Iterator[ox.Triple]) -> Iterator[ox.Triple]:
        nonlocal counted
        for triple in triples:
            counted += 1
            yield triple

    class _Graphs(dict):  # type: ignore[type-arg]
        """Graphs generated as the store reads them, so memory stays flat."""

        def __init__(self) -> None:
            super().__init__()
            self.names = [f"{base}graph/reference"] + [
                f"{base}graph/synthetic-{n:06d}" for n in range(n_articles)]

        def __iter__(self) -> Iterator[str]:
            return iter(self.names)

        def __len__(self) -> int:
            return len(self.names)

        def __contains__(self, key: object) -> bool:
            return key in set(self.names)

        def items(self) -> Iterator[tuple[str, Iterator[ox.Triple]]]:  # type: ignore[override]
            yield self.names[0], counting(gen.reference())
            for n in range(n_articles):
                yield self.names[n + 1], counting(gen.article(n))

    store.replace_graphs(_Graphs(), drop=lambda _name: True)
    return counted


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", required=True, help="store directory to (re)create")
    parser.add_argument("--triples", type=int, default=1_000_000)
    args = parser.parse_args(argv)
    written = generate(args.store, args.triples)
    print(f"wrote {written} triples to {args.store}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
