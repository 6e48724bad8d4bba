"""Saved web pages: the article's main text and its metadata (title, publication date,
outlet, canonical URL) read from the HTML with trafilatura.

trafilatura finds the main content by the page's structure and text density and leaves
out page furniture (menus, related-story lists, share buttons, comments, cookie notices);
it decodes the bytes by the page's own charset declaration, or by detection when there
is none. The text it returns is what the build reads and what provenance offsets count
into, so it is written once into the corpus beside the original page (graph/intake.py),
never extracted again on a rebuild."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from graph.errors import InputError

# Larger pages are not news articles (a saved page with inlined media, or a dump); they
# would hold a worker for a long time. trafilatura's own default limit is 20 MB too.
MAX_PAGE_BYTES = 20 * 1000 * 1000
# Less main text than this (beyond the title), or no line of prose (a run of this many
# words), is a page without an article: an index, a login wall, a page of links (which
# trafilatura returns as text when it finds nothing better).
MIN_TEXT_CHARS = 80
MIN_PROSE_WORDS = 10


@dataclass(frozen=True)
class Page:
    """What was read from one page."""

    text: str
    title: str | None
    date: dt.date | None
    publisher: str | None
    url: str | None


def looks_like_html(raw: bytes) -> bool:
    head = raw[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head \
        or b"<head" in head


def read_page(raw: bytes, *, name: str) -> Page:
    """Main text and metadata of a saved page; refuses pages that hold no article."""
    import trafilatura  # imported here: a second of start-up the other commands skip

    if len(raw) > MAX_PAGE_BYTES:
        raise InputError(f"{name}: the page is {len(raw) / 1e6:.1f} MB, over the "
                         f"{MAX_PAGE_BYTES // 1_000_000} MB a news page can be; save the "
                         "article alone (or its text as .txt)")
    if not raw.strip():
        raise InputError(f"{name}: the page is empty")
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{name}: contains NUL bytes; it looks like a binary file, not HTML")
    document = trafilatura.bare_extraction(
        _decode(raw), with_metadata=True, include_comments=False, include_tables=False,
        include_images=False, include_formatting=False, deduplicate=False,
        # The copyright year of a footer is not a publication date: look only where
        # pages state one (meta tags, structured data, time elements, the URL).
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if document is None:
        raise InputError(f"{name}: no article text found in the page (it may be an "
                         "index, a login wall or a page of links)")
    fields = document if isinstance(document, dict) else document.as_dict()
    title = _clean(fields.get("title"))
    text = _normalise(fields.get("text") or "")
    body = text
    if title and body.startswith(title):
        body = body[len(title):]
    if len(body.strip()) < MIN_TEXT_CHARS or not any(
            len(line.split()) >= MIN_PROSE_WORDS for line in body.splitlines()):
        raise InputError(f"{name}: no article text found in the page (it may be an "
                         "index, a login wall or a page of links)")
    return Page(text=text, title=title, date=_date(fields.get("date")),
                publisher=_clean(fields.get("sitename")) or _clean(fields.get("hostname")),
                url=_clean(fields.get("url")))


def _decode(raw: bytes) -> str:
    """The page as text: by its BOM, its declared charset, else detected."""
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"),
                       (b"\xfe\xff", "utf-16")):
        if raw.startswith(bom):
            return raw.decode(codec, errors="replace")
    declared = re.search(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""",
                         raw[:8192], re.IGNORECASE)
    if declared:
        try:
            return raw.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration: detect instead
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(raw[:1_000_000]).best()
        return raw.decode(best.encoding if best else "latin-1", errors="replace")


def _normalise(text: str) -> str:
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line) + "\n"


def _clean(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value or None


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
