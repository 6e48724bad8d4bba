"""Deterministic IRIs. The same input always mints the same IRI, whatever the order of
the corpus or the time of the build: IRIs come from names and content, never counters
over the corpus."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from graph.config import base_iri


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by '-' ("Kok-Tash" -> "kok-tash")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")
    return slug or "x"


_NOT_SLUG = re.compile(r"[^a-z0-9]+")  # compiled once: every IRI of a build passes here


def digest(*parts: object, length: int = 12) -> str:
    """A short stable hash of the parts, for IRIs of things without a name."""
    text = "\x1f".join(str(p) for p in parts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


# The reference graph's name under graph/; an article may not take it as its slug.
REFERENCE_SLUG = "reference-kb"
# The build's graph of near-duplicate articles (graph/dedup.py); reserved the same way.
DUPLICATES_SLUG = "duplicates"
RESERVED_SLUGS = frozenset({REFERENCE_SLUG, DUPLICATES_SLUG})


class Minter:
    """Mints the project's IRIs under one base (KG_BASE_IRI unless given)."""

    def __init__(self, base: str | None = None) -> None:
        self.base = base or base_iri()

    def entity(self, kind: str, name: str) -> str:
        return f"{self.base}id/{slugify(kind)}/{slugify(name)}"

    def hashed(self, kind: str, *parts: object) -> str:
        return f"{self.base}id/{slugify(kind)}/{digest(*parts)}"

    def article(self, slug: str) -> str:
        return f"{self.base}id/article/{slug}"

    def sentence(self, slug: str, index: int) -> str:
        return f"{self.base}id/article/{slug}/sentence/{index}"

    def graph(self, slug: str) -> str:
        return f"{self.base}graph/{slug}"

    def reference_graph(self) -> str:
        """The named graph holding the curated reference knowledge base (graph/kb/)."""
        return f"{self.base}graph/{REFERENCE_SLUG}"

    def is_article_graph(self, iri: str) -> bool:
        """Graphs a build owns: the article graphs and the reference graph."""
        return iri.startswith(f"{self.base}graph/")
