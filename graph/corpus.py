"""Reading a corpus: a folder of UTF-8 text files described by `articles.tsv`."""

from __future__ import annotations

import csv
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pyoxigraph as ox

from graph.errors import InputError
from graph.iris import RESERVED_SLUGS

TSV_COLUMNS = ("file", "title", "reported_date", "publisher", "url", "note")
UNKNOWN = {"", "unknown", "n/a", "-"}


@dataclass(frozen=True)
class Article:
    """One article: its text and the metadata it was collected with."""

    slug: str  # stable identifier, the file name without its suffix
    file: str
    title: str
    reported_date: dt.date
    text: str
    publisher: str | None = None
    url: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Refusal:
    """An article that could not be read, and why (the rest of the corpus still builds)."""

    file: str
    reason: str


def slug_for(file_name: str) -> str:
    stem = Path(file_name).stem
    return re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-") or "article"


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return None if value.lower() in UNKNOWN else value


# Characters an IRI (RFC 3987) never holds literally; they are percent-encoded.
_IRI_FORBIDDEN = frozenset(' <>"{}|\\^`')
_UNICODE_FORBIDDEN = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp"})
_SCHEMES = ("http://", "https://", "urn:")


def _iri_char(char: str) -> str:
    if char in _IRI_FORBIDDEN or ord(char) < 0x21 or ord(char) == 0x7F or (
            ord(char) > 0x7F and unicodedata.category(char) in _UNICODE_FORBIDDEN):
        return "".join(f"%{byte:02X}" for byte in char.encode("utf-8"))
    return char


def article_url(value: str | None, *, what: str) -> str | None:
    """The article's url as an IRI: characters an IRI forbids (a space, quotes, angle
    brackets, controls) and a "%" that starts no escape are percent-encoded, so a url
    copied from a browser's address bar still names the page. A url without an http(s) or
    urn scheme names nothing the graph can link to and is refused with a message."""
    value = _clean(value)
    if value is None:
        return None
    if not value.lower().startswith(_SCHEMES):
        raise InputError(f"{what}: url {value!r} is not an absolute http(s) URL; write it "
                         "with its scheme (https://...) or as 'unknown'")
    encoded = re.sub(r"%(?![0-9A-Fa-f]{2})", "%25", value)
    encoded = "".join(_iri_char(c) for c in encoded)
    try:
        ox.NamedNode(encoded)
    except ValueError as exc:
        raise InputError(f"{what}: url {value!r} is not a valid IRI ({exc})") from None
    return encoded


def check_url(value: str | None, *, what: str) -> str | None:
    """The URL, or None when there is none; refuses what cannot be an IRI."""
    value = (value or "").strip()
    if not value or value.lower() in {"unknown", "n/a", "-"}:
        return None
    if re.search(r"\s", value):
        raise InputError(f"{what}: the URL {value[:80]!r} contains spaces: percent-encode "
                         "them (%20)")
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.netloc or re.search(r'[<>"{}|\\^`]',
                                                                            value):
        raise InputError(f"{what}: {value[:80]!r} is not an http(s) URL")
    return value


def parse_date(value: str, *, what: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"{what}: reported date {value!r} is not an ISO date "
                         "(YYYY-MM-DD)") from None


def read_text(path: Path) -> str:
    """The article text, strictly UTF-8 (a BOM is dropped); anything else is refused."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path.name}: cannot read ({exc.strerror})") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = raw[exc.start:exc.start + 1]
        raise InputError(f"{path.name}: not UTF-8 (byte {exc.start}: {bad!r}); convert it "
                         "with `iconv -t UTF-8`") from None
    if "\x00" in text:
        raise InputError(f"{path.name}: contains NUL bytes; it looks like a binary file")
    if not text.strip():
        raise InputError(f"{path.name}: the article has no text")
    return text


def read_metadata(corpus: Path) -> list[dict[str, str]]:
    index = corpus / "articles.tsv"
    if not corpus.is_dir():
        raise InputError(f"no corpus folder at {corpus}")
    if not index.is_file():
        raise InputError(f"{corpus} has no articles.tsv: add one with the columns "
                         + ", ".join(TSV_COLUMNS))
    with open(index, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    missing = {"file", "title", "reported_date"} - set(rows[0].keys() if rows else TSV_COLUMNS)
    if missing:
        raise InputError(f"{index}: missing column(s) {', '.join(sorted(missing))}")
    return rows


def article_from_row(row: dict[str, str], text: str) -> Article:
    """The article an index row and its text describe."""
    name = (row.get("file") or "").strip()
    slug = slug_for(name)
    return Article(
        slug=slug,
        file=name,
        title=(row.get("title") or "").strip() or slug,
        reported_date=parse_date(row.get("reported_date") or "", what=name),
        text=text,
        publisher=_clean(row.get("publisher")),
        url=article_url(row.get("url"), what=name),
        note=_clean(row.get("note")),
    )


def load_corpus(corpus: Path) -> tuple[list[Article], list[Refusal]]:
    """Every article the index lists, sorted by slug; unreadable ones become refusals."""
    articles: list[Article] = []
    refusals: list[Refusal] = []
    seen: set[str] = set()
    for row in read_metadata(corpus):
        name = (row.get("file") or "").strip()
        if not name or name.lower().endswith((".html", ".htm")):
            continue  # saved pages become text files first (graph/intake.py)
        try:
            if Path(name).name != name:
                raise InputError(f"{name}: articles.tsv names files inside the corpus folder only")
            slug = slug_for(name)
            if slug in RESERVED_SLUGS:
                raise InputError(f"{name}: the name {slug} is reserved for a graph of "
                                 "the build's own; rename the file")
            if slug in seen:
                raise InputError(f"{name}: listed twice in articles.tsv")
            seen.add(slug)
            articles.append(article_from_row(row, read_text(corpus / name)))
        except InputError as exc:
            refusals.append(Refusal(name, exc.message))
    articles.sort(key=lambda a: a.slug)
    return articles, refusals
