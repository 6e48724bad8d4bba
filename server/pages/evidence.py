"""The sentences and articles behind the nodes a page lists: every row says why the graph
believes it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from server.linked_data import page_href
from server.pages.sparql import iri, select_for, value


@dataclass(frozen=True)
class Evidence:
    sentence: str
    text: str
    article: str | None
    title: str | None

    @property
    def sentence_href(self) -> str:
        return page_href(self.sentence)

    @property
    def article_href(self) -> str | None:
        return page_href(self.article) if self.article else None


def support(nodes: Iterable[str]) -> dict[str, list[Evidence]]:
    """Sentences behind each node, in text order (article, then sentence IRI)."""
    found: dict[str, list[Evidence]] = {}
    for row in select_for("support", "node", [iri(n) for n in nodes]):
        item = Evidence(row["sentence"].value, value(row, "text") or "",
                        value(row, "article"), value(row, "title"))
        bucket = found.setdefault(row["node"].value, [])
        if item not in bucket:
            bucket.append(item)
    for bucket in found.values():
        bucket.sort(key=lambda e: (e.article or "", _index(e.sentence)))
    return found


def _index(sentence: str) -> int:
    tail = sentence.rsplit("/", 1)[-1]
    return int(tail) if tail.isdigit() else 0
