"""The article reader: the text with what was read from it marked in place (mentions,
event triggers, claim frames, casualty figures, time expressions), each mark linking to
its node, and beside it what the article states, sentence by sentence.

The marks come from the NIF phrases the extractor writes (`graph/extract/spans.py`:
`nif:referenceContext` the article, `nif:beginIndex`/`nif:endIndex` into its text,
`itsrdf:taIdentRef` the node), so the page shows exactly where each node was read. Marks
nest (a mention inside a claim's reporting words, a time inside a figure); where two
cross, the more specific kind wins.

A graph built before the extractor wrote phrases has none for the article: then, and only
then, nodes are found in the sentences that support them, by the words the graph keeps
for them: a time expression's text, a figure's count, the reporting verb of a claim, the
trigger words of the rule that made an event (`graph/rules/events.toml`), the names of
the entities the article mentions. Such marks say so in their title ("located by its
words"), so a reader checking the extractor knows which is which."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from markupsafe import Markup, escape

from graph.classes import class_index
from ontology.namespaces import CKG
from server.linked_data import page_href
from server.pages.labels import Named, names, predicate_label
from server.pages.sparql import iri, select, value

KIND_OF = {"Event": "event", "Claim": "claim", "CasualtyFigure": "casualty",
           "TimeExpression": "time"}
# Which mark wins where two would overlap: spans from the graph first, then the most
# specific words.
PRIORITY = {"time": 0, "casualty": 1, "event": 2, "claim": 3, "mention": 4}
KIND_NAMES = {"mention": "entity mention", "event": "event trigger", "claim": "claim frame",
              "casualty": "casualty figure", "time": "time expression"}
NUMBER_WORDS = dict(enumerate((
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen", "twenty")))
SEGMENT_NOTES = {"Boilerplate": "page furniture: nothing is read from it",
                 "Caption": "photo caption: its facts carry the caption's own date, never events",
                 "Headline": "headline"}


@dataclass
class Mark:
    begin: int
    end: int
    kind: str
    node: str
    title: str
    from_offsets: bool = False
    also: list[Mark] = field(default_factory=list)  # other nodes read from the same words


@dataclass
class Sentence:
    iri: str
    index: int
    begin: int
    end: int
    role: str
    text: str
    nodes: list[Named] = field(default_factory=list)
    statuses: dict[str, str] = field(default_factory=dict)


@dataclass
class Reading:
    title: str
    date: str | None
    publisher: str | None
    url: str | None
    html: Markup
    sentences: list[Sentence]
    marks: list[Mark]
    counts: dict[str, int]
    has_text: bool


@lru_cache(maxsize=1)
def _rules_dir() -> Path:
    return Path(str(resources.files("graph"))) / "rules"


@lru_cache(maxsize=1)
def _trigger_words() -> dict[str, list[str]]:
    """Rule id → its trigger words, longest first (from the extractor's own rules)."""
    path = _rules_dir() / "events.toml"
    if not path.is_file():
        return {}
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {e["id"]: sorted(e.get("triggers", []), key=len, reverse=True)
            for e in data.get("event", []) if "id" in e}


@lru_cache(maxsize=1)
def _verb_forms() -> dict[str, list[str]]:
    """Reporting-verb lemma → the forms that express it (from the extractor's rules)."""
    path = _rules_dir() / "reporting.toml"
    forms: dict[str, list[str]] = {}
    if not path.is_file():
        return forms
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    for section in data.values():
        if not isinstance(section, dict):
            continue
        verbs = section.get("verbs")
        if isinstance(verbs, dict):
            for form, lemma in verbs.items():
                forms.setdefault(str(lemma), []).append(form)
        elif isinstance(verbs, list) and "lemma" in section:
            forms.setdefault(str(section["lemma"]), []).extend(verbs)
    return {k: sorted(v, key=len, reverse=True) for k, v in forms.items()}


def _find(text: str, words: list[str], start: int, stop: int) -> tuple[int, int] | None:
    """The first of `words` (in order of preference) found whole in text[start:stop]."""
    for word in words:
        if not word:
            continue
        pattern = re.compile(r"(?<!\w)" + re.escape(word) + r"(?!\w)", re.IGNORECASE)
        found = pattern.search(text, start, stop)
        if found:
            return found.start(), found.end()
    return None


def _words_for(kind: str, info: dict[str, str | None]) -> list[str]:
    if kind == "time":
        return [info.get("timeText") or ""]
    if kind == "casualty":
        words = [info.get("label") or ""]
        count = info.get("count")
        if count and count.isdigit():
            words += [count, NUMBER_WORDS.get(int(count), "")]
            if count == "1":
                words += ["a", "one"]
        words.append(info.get("vague") or "")
        return words
    if kind == "claim":
        verb = info.get("verb") or ""
        return _verb_forms().get(verb, []) + [verb]
    if kind == "event":
        return _trigger_words().get(info.get("rule") or "", [])
    return []


def _overlaps(mark: Mark, taken: list[Mark]) -> bool:
    return any(mark.begin < t.end and t.begin < mark.end for t in taken)


def _crosses(mark: Mark, taken: list[Mark]) -> bool:
    """Overlaps a taken mark without one holding the other, or spans the same words."""
    for t in taken:
        if mark.begin < t.end and t.begin < mark.end:
            inside = t.begin <= mark.begin and mark.end <= t.end
            around = mark.begin <= t.begin and t.end <= mark.end
            if not (inside or around) or (mark.begin, mark.end) == (t.begin, t.end):
                return True
    return False


def _laminar(marks: list[Mark]) -> list[Mark]:
    """Marks that nest or stand apart (HTML can show those), the most specific kind
    first where two cross or coincide."""
    taken: list[Mark] = []
    for m in sorted(marks, key=lambda m: (PRIORITY[m.kind], m.begin, m.end, m.node)):
        same = next((t for t in taken if (t.begin, t.end) == (m.begin, m.end)), None)
        if same is not None:
            # "A and B accused each other of": two claims, one mark; its title names both
            if m.node != same.node and m.node not in {a.node for a in same.also}:
                same.also.append(m)
        elif not _crosses(m, taken):
            taken.append(m)
    return taken


def _render(text: str, sentences: list[Sentence], marks: list[Mark],
            named: dict[str, Named]) -> Markup:
    """The article text as paragraphs of sentences, marks in place."""
    marks = sorted(marks, key=lambda m: (m.begin, -m.end))
    out: list[str] = []
    pos = 0
    role = None
    open_p = False

    def close() -> None:
        nonlocal open_p
        if open_p:
            out.append("</p>")
            open_p = False

    def link(m: Mark, start: int, stop: int) -> str:
        words = text[start:stop]
        if not words.strip():
            return str(escape(words))
        title = "; also ".join(
            f"{KIND_NAMES[one.kind]}: {named[one.node].label if one.node in named else one.node}"
            for one in [m, *m.also]) + ("" if m.from_offsets else " (located by its words)")
        return str(Markup('<a href="{}" title="{}">{}</a>').format(
            page_href(m.node), title, words))

    def piece(start: int, stop: int, outer: Mark | None = None) -> str:
        """text[start:stop] with the marks inside it; the words no inner mark takes link
        to `outer`'s node (links cannot nest in HTML, marks can)."""
        inner = [m for m in marks if start <= m.begin and m.end <= stop and m is not outer]
        chunks, at = [], start
        for m in inner:
            if m.begin < at:
                continue  # inside a mark already rendered
            chunks.append(link(outer, at, m.begin) if outer else str(escape(text[at:m.begin])))
            chunks.append(str(Markup('<mark class="k-{}" data-kind="{}" data-begin="{}" '
                                     'data-end="{}">').format(m.kind, m.kind, m.begin, m.end)))
            chunks.append(piece(m.begin, m.end, m))
            chunks.append("</mark>")
            at = m.end
        chunks.append(link(outer, at, stop) if outer else str(escape(text[at:stop])))
        return "".join(chunks)

    for s in sentences:
        gap = text[pos:s.begin]
        if "\n" in gap or s.role != role or not open_p:
            close()
            if gap.strip():
                out.append(str(Markup('<p class="seg-outside">{}</p>').format(gap.strip())))
            note = SEGMENT_NOTES.get(s.role)
            out.append(f'<p class="seg-{escape(s.role)}">')
            if note and s.role != "Headline":
                out.append(str(Markup('<span class="seg-label">{}</span>').format(note)))
            open_p = True
            role = s.role
        elif gap:
            out.append(str(escape(gap)))
        out.append(str(Markup('<span class="sentence" id="s-{}">').format(s.index)))
        out.append(piece(s.begin, s.end))
        out.append("</span>")
        pos = s.end
    close()
    if text[pos:].strip():
        out.append(str(Markup('<p class="seg-outside">{}</p>').format(text[pos:].strip())))
    # Every piece above was escaped or built with Markup.format.
    return Markup("".join(out))  # noqa: S704


def read_article(article: str) -> Reading | None:
    """Everything the reader shows for `article` (None when the IRI is no article)."""
    bound = {"this": iri(article)}
    rows = select("article", bound)
    if not rows:
        return None
    head = rows[0]
    text = value(head, "text") or ""
    index = class_index()
    sentences: list[Sentence] = []
    for row in select("article-sentences", bound):
        begin, end = value(row, "begin"), value(row, "end")
        if begin is None or end is None:
            continue
        role = (value(row, "role") or CKG + "BodyText").rsplit("#", 1)[-1]
        sentences.append(Sentence(row["sentence"].value, int(value(row, "index") or 0),
                                  int(begin), int(end), role, value(row, "text") or ""))
    by_iri = {s.iri: s for s in sentences}
    # Nodes per sentence, with what the reader looks for.
    infos: dict[str, dict[str, str | None]] = {}
    types: dict[str, set[str]] = {}
    where: dict[str, list[str]] = {}
    for row in select("article-nodes", bound):
        node = row["node"].value
        info = infos.setdefault(node, {})
        for key in ("label", "rule", "timeText", "verb", "count", "vague"):
            if info.get(key) is None:
                info[key] = value(row, key)
        t = value(row, "type")
        types.setdefault(node, set())
        if t:
            types[node].add(t)
        where.setdefault(node, [])
        if row["sentence"].value not in where[node]:
            where[node].append(row["sentence"].value)
    named = names(infos)
    kinds = {n: KIND_OF.get(index.kind(types[n]) or "", "") for n in infos}
    facts = _statuses(infos, types)
    for node, sentence_iris in where.items():
        for s_iri in sentence_iris:
            if s_iri in by_iri and node in named:
                by_iri[s_iri].nodes.append(named[node])
                if node in facts:
                    by_iri[s_iri].statuses[node] = facts[node]
    marks: list[Mark] = []
    # Spans the graph holds.
    for row in select("article-phrases", bound):
        node = row["node"].value
        kind = kinds.get(node) or "mention"
        at, to = int(row["begin"].value), int(row["end"].value)
        if 0 <= at < to <= len(text):
            marks.append(Mark(at, to, kind, node, KIND_NAMES[kind], from_offsets=True))
    marks = _laminar(marks)
    if text and not marks:
        # a graph built before the extractor wrote phrases: find the words instead
        spanned: set[str] = set()
        located: list[Mark] = []
        for node, sentence_iris in where.items():
            node_kind = kinds.get(node)
            if not node_kind or node in spanned:
                continue
            for s_iri in sentence_iris:
                s = by_iri.get(s_iri)
                if s is None or s.role == "Boilerplate":
                    continue
                found = _find(text, _words_for(node_kind, infos[node]), s.begin, s.end)
                if found:
                    located.append(Mark(found[0], found[1], node_kind, node,
                                        KIND_NAMES[node_kind]))
        located.extend(_mentions(article, text, sentences, spanned))
        located.sort(key=lambda m: (PRIORITY[m.kind], m.begin - m.end, m.begin))
        taken = list(marks)
        for m in located:
            if not _overlaps(m, taken):
                taken.append(m)
        marks = taken
    named.update(names({one.node for m in marks for one in [m, *m.also]
                        if one.node not in named}))
    counts = {k: sum(1 for m in marks if m.kind == k) for k in KIND_NAMES}
    html = _render(text, sentences, marks, named) if text else Markup("")
    return Reading(value(head, "title") or "", value(head, "date"), value(head, "publisher"),
                   value(head, "url"), html, sentences, marks, counts, bool(text))


def _statuses(infos: dict[str, dict[str, str | None]], types: dict[str, set[str]]
              ) -> dict[str, str]:
    """Claimed or stated, for the events among `infos`."""
    from server.pages.entity import event_facts

    events = [n for n in infos if class_index().kind(types[n]) == "Event"]
    return {e: f["status"] for e, f in event_facts(events).items() if "status" in f}


def _mentions(article: str, text: str, sentences: list[Sentence],
              spanned: set[str]) -> list[Mark]:
    """Names of the entities the article mentions, found in its sentences (not in page
    furniture), longest names first."""
    names_of: list[tuple[str, str]] = []
    for row in select("article-mentions", {"this": iri(article)}):
        entity, name = row["entity"].value, value(row, "name") or ""
        if entity not in spanned and len(name) >= 3:
            names_of.append((name, entity))
    names_of.sort(key=lambda p: -len(p[0]))
    found: list[Mark] = []
    for s in sentences:
        if s.role == "Boilerplate":
            continue
        for name, entity in names_of:
            pattern = re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)")
            for m in pattern.finditer(text, s.begin, s.end):
                mark = Mark(m.start(), m.end(), "mention", entity, KIND_NAMES["mention"])
                if not _overlaps(mark, found):
                    found.append(mark)
    return found


def statement_label(predicate: str) -> str:
    return predicate_label(predicate)
