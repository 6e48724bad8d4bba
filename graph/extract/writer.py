"""The extractor's findings written as RDF in the terms of ontology/MODEL.md: entities the
article mentions, events (claimed or reported), claims, casualty figures, time
expressions, relations with statement records, office holdings, all with provenance."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from graph.corpus import Article
from graph.extract.events import HOSTILE, EventRecord
from graph.extract.kb import Entity
from graph.extract.linking import Discourse
from graph.extract.merge import (
    claim_iri,
    conflict_iri,
    event_iri,
    figure_iri,
    office_iri,
    time_iri,
)
from graph.extract.provenance import Emitter
from graph.extract.rules import Rules
from graph.extract.spans import Spans
from graph.extract.timex import TimeExpr
from graph.extract.types import ArticleResult
from graph.iris import Minter
from graph.rdf import TripleSink

if TYPE_CHECKING:
    from graph.extract.casualties import Figure
    from graph.extract.relations import Office

_NO_PLACE = "the text names no place for it"


# Facts the text itself states about an entity ("X, a spokesman for the ministry",
# "Indian Foreign Secretary X": X acts for that state), recorded as statements; the others
# (a town's state from the gazetteer, an office holder's state) are background the entity
# carries.
_STATED_FACTS = {"claim.speaker-of", "entity.person-context", "entity.monarch",
                 "entity.person-role"}


class Writer:
    """Writes one article's findings into its named graph."""

    def __init__(self, article: Article, minter: Minter, sink: TripleSink, disc: Discourse,
                 rules: Rules) -> None:
        self.article = article
        self.minter = minter
        self.sink = sink
        self.disc = disc
        self.rules = rules
        self.out = Emitter(article, minter, sink)
        self.time_nodes: dict[tuple[int, int], str] = {}
        self.event_nodes: dict[str, EventRecord] = {}
        self.spans = Spans(article.text, self.out.article_iri, {})

    # ------------------------------------------------------------------ entities
    def entity(self, entity: Entity, sentence: int | None = None) -> None:
        """The entity's types, names and the facts the text gave it (a speaker acts for a
        state, a body for its state: recorded as statements of the sentence that first
        names it)."""
        s = self.sink
        for cls in sorted(entity.classes):
            s.add(entity.iri, "rdf:type", f"ckg:{cls}")
        s.add(entity.iri, "rdfs:label", entity.label, lang="en")
        if not entity.in_kb:
            s.add(entity.iri, "skos:prefLabel", entity.label, lang="en")
            for fact in self.disc.facts.get(entity.iri, []):
                if sentence is None or fact.rule not in _STATED_FACTS:
                    s.link(entity.iri, fact.predicate, fact.obj)
                else:
                    self.out.statement(entity.iri, fact.predicate, fact.obj, sentence,
                                       fact.rule, 0.8)
            if entity.lat is not None and entity.lon is not None:
                s.add(entity.iri, "geo:lat", entity.lat)  # xsd:decimal (WGS84)
                s.add(entity.iri, "geo:long", entity.lon)
            # the names this article gives it ("Armenia's Defence Ministry", "Tavush");
            # a base entity's aliases stay in the reference graph
            for surface in sorted(self.disc.surfaces.get(entity.iri, ())):
                if surface != entity.label:
                    s.add(entity.iri, "skos:altLabel", surface, lang="en")
        s.link(self.out.article_iri, "schema:mentions", entity.iri)

    # ------------------------------------------------------------------ time
    def time(self, expr: TimeExpr, sentence: int, caption: bool) -> str:
        key = (sentence, expr.begin)
        if key in self.time_nodes:
            return self.time_nodes[key]
        node = time_iri(self.article.slug, sentence, expr, self.minter)
        s = self.sink
        s.add(node, "rdf:type", "ckg:TimeExpression")
        s.add(node, "ckg:text", expr.text)
        s.add(node, "rdfs:label", expr.text, lang="en")
        s.add(node, "ckg:anchorDate", self.article.reported_date)
        s.add(node, "ckg:resolvedStart", expr.start)
        s.add(node, "ckg:resolvedEnd", expr.stop)
        s.link(node, "ckg:precision", f"ckg:{expr.precision}Precision")
        self.out.supported(node, "time", sentence, expr.rule, 0.9, caption=caption)
        self.spans.add(node, sentence, (expr.begin, expr.end))
        self.time_nodes[key] = node
        return node

    def unstated_time(self, sentence: int) -> str:
        """The text gives no time: all that is known is that it happened (or was said)
        by the reported date."""
        node = self.minter.hashed("time", self.article.slug, "unstated")
        s = self.sink
        s.add(node, "rdf:type", "ckg:TimeExpression")
        s.add(node, "ckg:text", "(no time stated)")
        s.add(node, "rdfs:label", f"no time stated (reported {self.article.reported_date})",
              lang="en")
        s.add(node, "ckg:anchorDate", self.article.reported_date)
        s.add(node, "ckg:resolvedEnd", self.article.reported_date)
        self.out.supported(node, "time-unstated", sentence, "time.reported-date", 0.5)
        return node

    # ------------------------------------------------------------------ events
    def event_node(self, record: EventRecord) -> str:
        """The record's IRI: one per real-world event (merge.event_iri), unless the article
        keeps two acts apart that the key cannot tell apart (each side's own account of
        an act with no place or time, its agent named otherwise): the second is a node of
        its own, not the first with two agents. (The same act named twice with the same
        parts, "last year's clash" in two paragraphs, stays one node.)"""
        if record.iri:
            return record.iri
        node = event_iri(record, self.disc, self.minter)
        first = self.event_nodes.setdefault(node, record)
        if first is not record and _parts(first) != _parts(record):
            node = self.minter.hashed("event", node, record.sentence, *record.trigger)
            self.event_nodes[node] = record
        record.iri = node
        return node

    def event(self, record: EventRecord, conflict: str | None) -> str:
        for inner in record.accusation_of:
            self.event_node(inner)
        node = self.event_node(record)
        s = self.sink
        s.add(node, "rdf:type", f"ckg:{record.cls}")
        s.add(node, "rdf:type", "ckg:Event")
        s.add(node, "rdfs:label", self._event_label(record), lang="en")
        s.link(node, "ckg:agent", record.agent.iri if record.agent else None)
        s.link(node, "ckg:target", record.target.iri if record.target else None)
        for p in record.participants:
            s.link(node, "ckg:participant", p.iri)
        if record.place is not None:
            s.link(node, "ckg:place", record.place.iri)
        else:
            s.add(node, "ckg:noPlaceReason", _NO_PLACE)
        if record.time is not None:
            s.link(node, "ckg:time", self.time(
                record.time, record.sentence if record.time_sentence is None
                else record.time_sentence, False))
            s.add(node, "ckg:startDate", record.time.start)
            s.add(node, "ckg:endDate", record.time.stop)
        else:
            s.link(node, "ckg:time", self.unstated_time(record.sentence))
        for w in record.weapons:
            s.link(node, "ckg:weapon", f"ckg:{w}")
        s.link(node, "ckg:eventStatus", f"ckg:{record.status}")
        s.link(node, "ckg:assertionStatus", "ckg:Claimed" if record.claimed else "ckg:Reported")
        if record.count:
            s.add(node, "ckg:count", record.count)
        for inner in record.accusation_of:
            s.link(node, "ckg:accusationOf", inner.iri)
        for referred in record.refers_to:
            # written before or after this node: its IRI is the same either way
            s.link(node, "ckg:refersTo", self.event_node(referred))
        if conflict and node != conflict and (record.cls in HOSTILE or record.cls in {
                "CeasefireAgreement", "Talks", "Meeting", "Evacuation", "Accusation"}):
            s.link(node, "ckg:subEventOf", conflict)
        for sentence in [record.sentence, *record.also]:
            self.out.supported(node, "event", sentence, record.rule, record.confidence)
        self.spans.add(node, record.sentence, record.trigger)
        return node

    def _event_label(self, record: EventRecord) -> str:
        words = [record.cls]
        if record.agent is not None:
            words.append(f"by {record.agent.label}")
        if record.target is not None:
            words.append(f"against {record.target.label}")
        if record.participants:
            words.append("with " + ", ".join(p.label for p in record.participants))
        if record.place is not None:
            words.append(f"in {record.place.label}")
        if record.time is not None:
            words.append(f"({record.time.text})")
        return " ".join(words)

    # ------------------------------------------------------------------ everything
    def write(self, result: ArticleResult) -> Counter[str]:
        s = self.sink
        self.spans.begins = result.sentence_begins
        seen: set[str] = set()
        for entity, sentence in result.mentions:
            # the sentence that mentions it, for "where does the article name X?"
            s.link(self.out.sentence_iri(sentence), "schema:mentions", entity.iri)
            if entity.iri not in seen:
                seen.add(entity.iri)
                self.entity(entity, sentence)
        for entity in self.disc.minted.values():
            if entity.iri not in seen and entity.iri in self.disc.mentioned:
                seen.add(entity.iri)
                self.entity(entity)
        self.out.counts["entity"] = len(seen)
        for mention, sentence in result.mention_spans:
            if mention.entity is not None and mention.kind != "pair" \
                    and mention.entity.iri in seen:
                self.spans.add(mention.entity.iri, sentence, (mention.begin, mention.end))
        for expr, sentence, caption in result.times:
            self.time(expr, sentence, caption)
        # the conflict
        conflict: str | None = None
        c = result.conflict
        if c.sentences and len(c.participants) >= 2:
            conflict = conflict_iri(c.participants, self.disc, self.minter)
            s.add(conflict, "rdf:type", "ckg:Conflict")
            s.add(conflict, "rdf:type", "ckg:Event")
            s.add(conflict, "rdfs:label", "Conflict between " + " and ".join(
                p.label for p in c.participants), lang="en")
            for p in c.participants:
                s.link(conflict, "ckg:participant", p.iri)
            for w in dict.fromkeys(c.weapons):
                s.link(conflict, "ckg:weapon", f"ckg:{w}")
            s.link(conflict, "ckg:eventStatus", "ckg:Ongoing")
            s.link(conflict, "ckg:assertionStatus", "ckg:Reported")
            s.add(conflict, "ckg:noPlaceReason", _NO_PLACE)
            if c.start is not None and c.start_sentence is not None:
                s.link(conflict, "ckg:time", self.time(c.start, c.start_sentence, False))
                s.add(conflict, "ckg:startDate", c.start.start)
            for n in sorted(c.sentences | ({c.start_sentence} if c.start_sentence is not None
                                           else set())):
                self.out.supported(conflict, "event", n, "event.conflict", 0.7)
        for record in result.events:
            self.event(record, conflict)
        for figure in result.figures:
            self.figure(figure, conflict)
        for frame, what, item, sentence in result.claims:
            claimed = item.iri  # type: ignore[attr-defined]
            node = claim_iri(frame.claimant, frame.verb, claimed, self.minter)
            s.add(node, "rdf:type", "ckg:Claim")
            s.add(node, "rdf:type", "prov:Entity")
            s.link(node, "ckg:claimant", frame.claimant.iri)
            s.link(node, "ckg:claims", claimed)
            s.add(node, "ckg:reportingVerb", frame.verb)
            allegation = frame.accusation or (
                what == "event" and item.cls in HOSTILE  # type: ignore[attr-defined]
                and self._other_side(frame.claimant, item.agent))  # type: ignore[attr-defined]
            s.add(node, "ckg:isAllegation", bool(allegation))
            s.link(node, "ckg:inArticle", self.out.article_iri)
            s.add(node, "rdfs:label", f"{frame.claimant.label} {frame.verb}: "
                  f"{'casualty figure' if what == 'figure' else item.cls}",  # type: ignore
                  lang="en")
            self.out.supported(node, "claim", sentence, frame.rule, 0.75)
            self.spans.add(node, sentence, frame.verb_span)
        for rel, sentence, caption in result.relations:
            self.out.statement(rel.subject.iri, f"ckg:{rel.predicate}", rel.obj.iri, sentence,
                               rel.rule, rel.confidence, caption=caption)
            if rel.predicate == "memberOf":
                s.link(rel.obj.iri, "ckg:hasMember", rel.subject.iri)
        for office, sentence in result.offices:
            node = office_iri(office.holder, office.office, office.of, self.minter)
            s.add(node, "rdf:type", "ckg:OfficeHolding")
            holder_iri = office.holder.iri if office.holder else self._unnamed(office)
            s.link(node, "ckg:holder", holder_iri)
            s.link(node, "ckg:office", f"ckg:{office.office}")
            s.link(node, "ckg:officeOf", office.of.iri)
            holder = office.holder.label if office.holder else "unnamed"
            s.add(node, "rdfs:label", f"{office.office} of {office.of.label}: {holder}",
                  lang="en")
            self.out.supported(node, "office", sentence, office.rule, office.confidence)
            # the state the office is in: the state itself, or the state of the body
            # ("head of Kyrgyzstan's security committee"); an organisation's posts are in none
            office_state = self.disc.state_of(office.of)
            if office.holder is not None and office_state is not None:
                self.out.statement(office.holder.iri, "ckg:holdsOfficeIn", office_state.iri,
                                   sentence, office.rule, office.confidence)
        self.spans.write(s)
        return self.out.finish()

    def _unnamed(self, office: Office) -> str:
        """The person holding an office the text names without naming them ("Kyrgyz and
        Tajik foreign ministers"): a person is there, unnamed."""
        words = {"President": "president", "ForeignMinister": "foreign minister",
                 "Governor": "governor", "HeadOfService": "head", "Minister": "minister",
                 "PrimeMinister": "prime minister"}
        label = f"unnamed {words.get(office.office, office.office)} of {office.of.label}"
        iri = self.minter.entity("person", label)
        self.sink.add(iri, "rdf:type", "ckg:Person")
        self.sink.add(iri, "rdfs:label", label, lang="en")
        if office.of.is_state:
            self.sink.link(iri, "ckg:actsFor", office.of.iri)
        return iri

    def _other_side(self, claimant: Entity, agent: Entity | None) -> bool:
        a, b = self.disc.state_of(claimant), self.disc.state_of(agent)
        return a is not None and b is not None and a.iri != b.iri

    def figure(self, figure: Figure, conflict: str | None) -> str:
        node = figure_iri(figure, self.disc, self.minter, self.article.reported_date)
        figure.iri = node
        s = self.sink
        s.add(node, "rdf:type", "ckg:CasualtyFigure")
        s.link(node, "ckg:casualtyKind", f"ckg:{figure.kind or 'Casualties'}")
        if figure.count is not None:
            s.add(node, "ckg:count", figure.count)
        if figure.vague:
            s.add(node, "ckg:vagueQuantity", figure.vague)
        if figure.min is not None:
            s.add(node, "ckg:minCount", figure.min)
        if figure.max is not None:
            s.add(node, "ckg:maxCount", figure.max)
        if figure.qualifier:
            s.link(node, "ckg:qualifier", f"ckg:{figure.qualifier}")
        if figure.side is not None:
            s.link(node, "ckg:side", figure.side.iri)
        if figure.population:
            s.link(node, "ckg:population", f"ckg:{figure.population}")
        if figure.place is not None:
            s.link(node, "ckg:place", figure.place.iri)
        if figure.period is not None:
            s.link(node, "ckg:period", self.time(figure.period, figure.sentence, False))
        if figure.frame is not None:
            s.link(node, "ckg:reportedBy", figure.frame.claimant.iri)
        if conflict:
            s.link(node, "ckg:figureOf", conflict)
        value = str(figure.count) if figure.count is not None else figure.vague
        qual = {"AtLeast": "at least ", "AtMost": "at most ", "Approximately": "about "}.get(
            figure.qualifier, "")
        s.add(node, "rdfs:label", f"{qual}{value} {(figure.kind or 'casualties').lower()}",
              lang="en")
        self.out.supported(node, "casualty", figure.sentence, figure.rule, 0.75)
        self.spans.add(node, figure.sentence, figure.span)
        return node


def _parts(record: EventRecord) -> tuple:
    """What a node has one of per record: its agent, target and participants."""
    def iri(e: Entity | None) -> str:
        return e.iri if e is not None else ""
    return iri(record.agent), iri(record.target), frozenset(p.iri for p in record.participants)
