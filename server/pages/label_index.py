"""The search box's index: every label and alternative label, lower-cased, under its own
start and under the start of each of its words, sorted, so that a prefix is found by
bisection. Built from one scan per store generation; a search is then a few
microseconds on any store, where a FILTER over every label took seconds at 1M triples."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from server.pages.cache import per_generation
from server.pages.sparql import select, value

KEY_CHARS = 64  # longer keys would only tell apart names nobody types in full
SCAN = 5000  # entries looked at per search, at most
_WORD = re.compile(r"(?<=[\s(\-/,])\w")


@dataclass
class LabelIndex:
    keys: list[str]
    entries: list[tuple[int, str, str]]  # (0 whole name / 1 word in it, name, thing)

    def search(self, text: str, limit: int = 20) -> list[tuple[str, str]]:
        """(thing, matched name) for names starting with `text` or with a word that does,
        best first: whole-name matches, then shorter names."""
        prefix = " ".join(text.lower().split())[:KEY_CHARS]
        if not prefix:
            return []
        at = bisect_left(self.keys, prefix)
        best: dict[str, tuple[int, int, str]] = {}
        for i in range(at, min(at + SCAN, len(self.keys))):
            if not self.keys[i].startswith(prefix):
                break
            rank, name, thing = self.entries[i]
            score = (rank, len(name), name)
            if thing not in best or score < best[thing]:
                best[thing] = score
        ordered = sorted(best.items(), key=lambda kv: (kv[1], kv[0]))
        return [(thing, score[2]) for thing, score in ordered[:limit]]


def _build() -> LabelIndex:
    pairs: list[tuple[str, int, str, str]] = []
    for row in select("search-index"):
        name, thing = value(row, "name") or "", row["thing"].value
        lower = " ".join(name.lower().split())
        if not lower:
            continue
        pairs.append((lower[:KEY_CHARS], 0, name, thing))
        for word in _WORD.finditer(lower):
            pairs.append((lower[word.start():][:KEY_CHARS], 1, name, thing))
    pairs.sort()
    return LabelIndex([p[0] for p in pairs], [(p[1], p[2], p[3]) for p in pairs])


def label_index() -> LabelIndex:
    return per_generation("label-index", _build)
