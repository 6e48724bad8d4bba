"""HTML documentation of the ontology: one self-contained page, each term at an anchor
named by its local name, so `https://w3id.org/conflict-kg/ontology#Event` lands on it.

`render_html()` is cached per content of the ontology files: the server can call it per
request, and `docs_etag()` gives a validator for HTTP caching."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from html import escape
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from ontology.findings import short
from ontology.lint import deprecated_terms, own_terms
from ontology.namespaces import CKG, PREFIXES, ontology_dir
from ontology.sources import load_vocabulary

CAMEO = URIRef(CKG + "cameoCode")
ACLED = URIRef(CKG + "acledEventType")
_CHARACTERISTICS = {OWL.FunctionalProperty: "functional", OWL.TransitiveProperty: "transitive",
                    OWL.SymmetricProperty: "symmetric",
                    OWL.InverseFunctionalProperty: "inverse functional"}
_SECTIONS = (("classes", "Classes", {OWL.Class}),
             ("object-properties", "Object properties", {OWL.ObjectProperty}),
             ("datatype-properties", "Datatype properties", {OWL.DatatypeProperty}),
             ("annotation-properties", "Annotation properties", {OWL.AnnotationProperty}))
_STYLE = """body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;
line-height:1.45;color:#222}code{font-size:.92em}h2{border-bottom:1px solid #ccc;margin-top:2.5rem}
.term{border-left:3px solid #5a7;padding:.2rem .9rem;margin:1.2rem 0}.deprecated{border-color:#c55;
opacity:.8}dl{display:grid;grid-template-columns:11rem 1fr;gap:.2rem .8rem}dt{color:#555}
dd{margin:0}nav li{display:inline;margin-right:.6rem}.iri{color:#666;font-size:.85em}"""


def docs_etag(directory: Path | None = None) -> str:
    """A strong validator that changes whenever an ontology file changes."""
    return _fingerprint(directory or ontology_dir())


def render_html(directory: Path | None = None) -> str:
    """The documentation page of the vocabulary under `directory` (default: shipped)."""
    root = directory or ontology_dir()
    return _render_cached(str(root), _fingerprint(root))


def _fingerprint(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(root.glob("*.ttl")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:32]


@lru_cache(maxsize=4)
def _render_cached(root: str, fingerprint: str) -> str:
    return render_graph(load_vocabulary(Path(root)))


def render_graph(graph: Graph) -> str:
    """The documentation page for an already parsed vocabulary."""
    page = _Page(graph)
    return page.render()


class _Page:
    def __init__(self, graph: Graph) -> None:
        self.g = graph
        self.terms = dict(own_terms(graph))
        self.deprecated = deprecated_terms(graph)

    def link(self, node: object) -> str:
        if isinstance(node, BNode):
            return self.expression(node)
        if isinstance(node, Literal):
            return escape(str(node))
        iri = str(node)
        if node in self.terms:
            return f'<a href="#{escape(iri[len(CKG):])}"><code>{escape(short(iri))}</code></a>'
        return f'<a href="{escape(iri)}"><code>{escape(short(iri))}</code></a>'

    def expression(self, node: BNode) -> str:
        for op, word in ((OWL.unionOf, " or "), (OWL.intersectionOf, " and ")):
            items = self.g.value(node, op)
            if items is not None:
                return "(" + word.join(self.link(i) for i in Collection(self.g, items)) + ")"
        return "(anonymous class)"

    def values(self, term: URIRef, prop: URIRef) -> list[str]:
        return [self.link(v) for v in sorted(self.g.objects(term, prop), key=str)]

    def render(self) -> str:
        g = self.g
        onto = next((o for o in g.subjects(RDF.type, OWL.Ontology) if isinstance(o, URIRef)),
                    URIRef(CKG.rstrip("#")))
        title = str(g.value(onto, DCTERMS.title) or g.value(onto, RDFS.label) or short(onto))
        head = [f"<h1>{escape(title)}</h1>", "<dl>",
                f"<dt>IRI</dt><dd><code>{escape(str(onto))}</code></dd>"]
        for label, prop in (("Version IRI", OWL.versionIRI), ("Version", OWL.versionInfo),
                            ("Prior version", OWL.priorVersion), ("License", DCTERMS.license),
                            ("Creator", DCTERMS.creator), ("Created", DCTERMS.created),
                            ("Modified", DCTERMS.modified)):
            shown = self.values(onto, prop)
            if shown:
                head.append(f"<dt>{label}</dt><dd>{', '.join(shown)}</dd>")
        head.append("<dt>Namespace</dt><dd><code>ckg:</code> "
                    f"<code>{escape(CKG)}</code></dd></dl>")
        description = g.value(onto, DCTERMS.description)
        if description is not None:
            head.append(f"<p>{escape(str(description))}</p>")
        nav = ['<nav><ul>'] + [f'<li><a href="#{anchor}">{name}</a></li>'
                               for anchor, name, _ in _SECTIONS]
        nav += ['<li><a href="#individuals">Individuals</a></li>',
                '<li><a href="#prefixes">Prefixes</a></li></ul></nav>']
        body: list[str] = []
        for anchor, name, types in _SECTIONS:
            members = [t for t in self.terms
                       if set(g.objects(t, RDF.type)) & types]
            body.append(f'<h2 id="{anchor}">{name} ({len(members)})</h2>')
            body += [self.term(t) for t in sorted(members, key=self.sort_key)]
        individuals = [t for t, kind in self.terms.items() if kind == "individual"]
        body.append(f'<h2 id="individuals">Individuals ({len(individuals)})</h2>')
        body += [self.term(t) for t in sorted(individuals, key=self.sort_key)]
        body.append('<h2 id="prefixes">Prefixes</h2><dl>')
        body += [f"<dt><code>{p}:</code></dt><dd><code>{escape(iri)}</code></dd>"
                 for p, iri in PREFIXES.items()]
        body.append("</dl>")
        return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                f"<title>{escape(title)}</title><meta name=\"viewport\" "
                "content=\"width=device-width, initial-scale=1\">"
                f"<style>{_STYLE}</style></head><body>\n"
                + "\n".join(head + nav + body) + "\n</body></html>\n")

    def sort_key(self, term: URIRef) -> str:
        return str(self.g.value(term, RDFS.label) or term).lower()

    def term(self, term: URIRef) -> str:
        g = self.g
        local = str(term)[len(CKG):]
        label = str(g.value(term, RDFS.label) or local)
        css = "term deprecated" if term in self.deprecated else "term"
        rows: list[tuple[str, list[str]]] = [
            ("Definition", self.values(term, SKOS.definition)),
            ("Example", self.values(term, SKOS.example)),
            ("Note", self.values(term, SKOS.note)),
            ("Also called", self.values(term, SKOS.altLabel)),
            ("Type", [self.link(t) for t in sorted(g.objects(term, RDF.type), key=str)
                      if t not in _CHARACTERISTICS and t != OWL.NamedIndividual
                      and self.terms.get(term) == "individual"]),
            ("Subclass of", self.values(term, RDFS.subClassOf)),
            ("Subclasses", [self.link(s) for s in sorted(g.subjects(RDFS.subClassOf, term),
                                                          key=str)]),
            ("Subproperty of", self.values(term, RDFS.subPropertyOf)),
            ("Domain", self.values(term, RDFS.domain)),
            ("Range", self.values(term, RDFS.range)),
            ("Inverse of", self.values(term, OWL.inverseOf)),
            ("Characteristics", [_CHARACTERISTICS[t] for t in g.objects(term, RDF.type)
                                 if isinstance(t, URIRef) and t in _CHARACTERISTICS]),
            ("Disjoint with", self.values(term, OWL.disjointWith)),
            ("CAMEO code", self.values(term, CAMEO)),
            ("ACLED event type", self.values(term, ACLED)),
            ("Matches", self.values(term, SKOS.closeMatch) + self.values(term, SKOS.exactMatch)),
            ("Replaced by", self.values(term, DCTERMS.isReplacedBy)),
            ("Instances", [self.link(i) for i in sorted(g.subjects(RDF.type, term), key=str)
                           if i in self.terms]),
        ]
        flag = " <em>(deprecated)</em>" if term in self.deprecated else ""
        parts = [f'<div class="{css}" id="{escape(local)}"><h3>{escape(label)}{flag}</h3>',
                 f'<div class="iri"><code>{escape(str(term))}</code></div><dl>']
        parts += [f"<dt>{name}</dt><dd>{', '.join(vals)}</dd>" for name, vals in rows if vals]
        parts.append("</dl></div>")
        return "".join(parts)
