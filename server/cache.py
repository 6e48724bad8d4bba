"""The result cache: complete query answers kept in memory, keyed on the store generation
and the exact request, so a repeated query (a page reloaded, a script run again, a
dashboard polling) is answered without running it.

- The key is the request as sent: the query text byte for byte, the dataset parameters,
  the `format=` override and the Accept header. A request that differs by one character
  (a comment, a space) is a miss; nothing is normalized, so no two different questions
  can share an answer.
- A new generation empties the cache: an answer is only ever served for the content it
  was computed from.
- Bounded in bytes (`KG_CACHE_BYTES`, 0 switches it off); the least recently used
  answers go first; an answer larger than a sixteenth of the bound is not kept.
- Queries whose answer is not a function of the data alone are never cached: RAND(),
  NOW(), UUID(), STRUUID(), BNODE() and SERVICE.

The ETag of an answer is derived from the same key (generation + request), so a client
that revalidates with If-None-Match gets 304 without the query being run, even after the
answer left the cache.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

from graph.sparql_lex import Token, tokens

# Keywords whose answer is not a function of the data: functions of the moment or of
# chance, and SERVICE (another endpoint's answer).
_UNCACHEABLE = frozenset({"RAND", "NOW", "UUID", "STRUUID", "BNODE", "SERVICE"})

Key = tuple[str, tuple[str, ...], tuple[str, ...], str | None, str | None]


@dataclass(frozen=True)
class Cached:
    kind: str  # "rdf" or "results": which format table `fmt_name` is from
    fmt_name: str
    body: bytes


def cacheable(text: str, toks: Sequence[Token] | None = None) -> bool:
    """Whether the answer to `text` depends on the data only: none of those keywords
    outside strings, IRIs and comments (`sd:` IRIs or a comment naming a service do not
    count). `toks`: the text's tokens when the caller has scanned it already."""
    return not any(tok.kind == "word" and tok.text.upper() in _UNCACHEABLE
                   for tok in (tokens(text) if toks is None else toks))


def request_key(text: str, default_graphs: list[str], named_graphs: list[str],
                override: str | None, accept: str | None) -> Key:
    return (text, tuple(default_graphs), tuple(named_graphs), override, accept)


def etag(generation: str, key: Key) -> str:
    """A strong ETag for the answer to `key` from `generation`."""
    digest = hashlib.sha256(repr((generation, key)).encode("utf-8")).hexdigest()[:32]
    return f'"{digest}"'


def matches(if_none_match: str | None, tag: str) -> bool:
    """Whether an If-None-Match header names `tag` (or is `*`)."""
    if not if_none_match:
        return False
    given = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
    return "*" in given or tag in given


class ResultCache:
    """Answers by (generation, request), least recently used out first."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max(0, max_bytes)
        self.max_entry = self.max_bytes // 16
        self._entries: OrderedDict[Key, Cached] = OrderedDict()
        self._size = 0
        self._generation: str | None = None
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    @property
    def enabled(self) -> bool:
        return self.max_bytes > 0

    def _at(self, generation: str) -> None:
        """Forget everything when the store moved to another generation (lock held)."""
        if generation != self._generation:
            self._entries.clear()
            self._size = 0
            self._generation = generation

    def get(self, generation: str, key: Key) -> Cached | None:
        with self._lock:
            self._at(generation)
            found = self._entries.get(key)
            if found is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return found

    def put(self, generation: str, key: Key, value: Cached) -> None:
        size = len(value.body) + len(key[0])
        if size > self.max_entry:
            return
        with self._lock:
            self._at(generation)
            old = self._entries.pop(key, None)
            if old is not None:
                self._size -= len(old.body) + len(key[0])
            self._entries[key] = value
            self._size += size
            while self._size > self.max_bytes and self._entries:
                gone_key, gone = self._entries.popitem(last=False)
                self._size -= len(gone.body) + len(gone_key[0])

    @property
    def size(self) -> int:
        return self._size
