"""Articles joining a corpus: saved pages, batch items and text files become a text file
listed in `articles.tsv` (and, for a page, the original HTML kept beside it).

The text file holds what the build reads, so offsets stay the same on every rebuild
whatever version of the page extractor is installed. File names are stable: the name the
user gave, else one made from the date and the URL (or the text's hash when there is no
URL), so importing the same items twice changes nothing. Files are written before the
index, each atomically, so an interrupted intake leaves no listed file missing."""

from __future__ import annotations

import csv
import datetime as dt
import email.utils
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from graph.corpus import TSV_COLUMNS, Refusal, check_url, slug_for
from graph.errors import InputError
from graph.fingerprint import content_hash
from graph.iris import RESERVED_SLUGS
from graph.pages import read_page

# File-name stems stay well under any file system's 255-byte limit.
_MAX_STEM = 96


@dataclass
class Item:
    """One article offered to the corpus, as the user has it."""

    source: str  # how messages name it: "page.html", "export.jsonl line 7"
    text: str | None = None
    html: bytes | None = None
    title: str | None = None
    date: str | None = None
    publisher: str | None = None
    url: str | None = None
    name: str | None = None  # the file stem wanted; None: made from date and URL or hash
    note: str | None = None


@dataclass
class IntakeReport:
    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)

    def summary(self, verb: str = "imported") -> str:
        line = f"{verb} {len(self.added)} article(s)"
        if self.unchanged:
            line += f", {len(self.unchanged)} already in the corpus unchanged"
        if self.refused:
            line += f"; refused {len(self.refused)}: " + "; ".join(
                f"{r.file}: {r.reason}" for r in self.refused)
        return line


def parse_item_date(value: str | None, *, what: str) -> dt.date:
    """ISO date or date-time (as exports write them), or an RFC 2822 date (feeds)."""
    value = (value or "").strip()
    if not value:
        raise InputError(f"{what}: no date: give the date the article reports (--date, a "
                         "`date` field, or the reported_date column of articles.tsv)")
    match = re.match(r"(\d{4}-\d{2}-\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$", value)
    if match:
        try:
            return dt.date.fromisoformat(match.group(1))
        except ValueError:
            pass
    else:
        try:
            return email.utils.parsedate_to_datetime(value).date()
        except (TypeError, ValueError, IndexError):
            pass
    raise InputError(f"{what}: date {value[:60]!r} does not parse: write it as YYYY-MM-DD")


def stable_stem(date: dt.date, url: str | None, text: str) -> str:
    """`DATE_last-words-of-the-url-HASH` (the hash tells apart two outlets' same path), or
    `DATE_HASH-OF-THE-TEXT` without a URL."""
    if url:
        parts = urlsplit(url)
        words = [w for w in re.split(r"[/._-]+", parts.path) if w and not w.isdigit()
                 and w.lower() not in {"html", "htm", "php", "aspx", "index", "amp"}]
        tail = re.sub(r"[^a-z0-9]+", "-", "-".join(words[-8:]).lower()).strip("-")[:60]
        tag = content_hash(url)[:8]
        return f"{date.isoformat()}_{tail + '-' if tail else ''}{tag}"
    return f"{date.isoformat()}_{content_hash(text)[:12]}"


@dataclass
class _Prepared:
    file: str
    text: str
    html: bytes | None
    row: dict[str, str]


def _cell(value: str | None) -> str:
    return " ".join((value or "").split())


def prepare(item: Item) -> _Prepared:
    """The corpus file and index row of an item; InputError says why it cannot join."""
    what = item.source
    page = read_page(item.html, name=what) if item.html is not None else None
    text = page.text if page else (item.text or "")
    if "\x00" in text:
        raise InputError(f"{what}: the text contains NUL characters")
    if not text.strip():
        raise InputError(f"{what}: the article has no text")
    # What the user gave wins over what the page says.
    title = _cell(item.title) or (page.title if page else None)
    date = parse_item_date(item.date or (page.date.isoformat() if page and page.date else None),
                           what=what)
    url = check_url(item.url or (page.url if page else None), what=what)
    publisher = _cell(item.publisher) or (page.publisher if page else None)
    stem = slug_for(item.name) if item.name else stable_stem(date, url, text)
    stem = stem[:_MAX_STEM]
    if stem in RESERVED_SLUGS:
        raise InputError(f"{what}: the name {stem} is reserved for a graph of the "
                         "build's own; rename the file")
    if not text.endswith("\n"):
        text += "\n"
    file = f"{stem}.txt"
    row = {"file": file, "title": _cell(title) or stem, "reported_date": date.isoformat(),
           "publisher": _cell(publisher) or "unknown", "url": url or "unknown",
           "note": _cell(item.note)}
    return _Prepared(file, text, item.html, row)


class Intake:
    """Adds items to one corpus folder; `commit` writes the index once at the end."""

    def __init__(self, corpus: Path) -> None:
        if not corpus.is_dir():
            raise InputError(f"no corpus folder at {corpus}: create it or pass --corpus")
        self.corpus = corpus
        self.index = corpus / "articles.tsv"
        self.rows: list[dict[str, str]] = []
        if self.index.is_file():
            with open(self.index, encoding="utf-8", newline="") as handle:
                self.rows = list(csv.DictReader(handle, delimiter="\t"))
        self.listed = {(r.get("file") or "").strip(): r for r in self.rows}
        self.stems = {slug_for(name) for name in self.listed if name}
        self.report = IntakeReport()
        self._dirty = False
        self._first_new = len(self.rows)  # rows from here on are written by `commit`
        self._replaced: set[str] = set()  # listed names whose row an item took over

    def offer(self, item: Item, *, replaces: str | None = None) -> str:
        """Add one item: "added" or "unchanged"; a refusal goes into the report. With
        `replaces`, the item takes over that row of the index (a listed page)."""
        try:
            prepared = prepare(item)
            status = self.check(prepared, replaces)
            if status == "added":
                self.place(prepared, replaces)
        except InputError as exc:
            reason = exc.message.removeprefix(f"{item.source}: ")
            self.report.refused.append(Refusal(item.source, reason))
            return "refused"
        (self.report.added if status == "added" else self.report.unchanged).append(
            prepared.file)
        return status

    def check(self, prepared: _Prepared, replaces: str | None = None) -> str:
        """"added" if the item can join, "unchanged" if it is there already; InputError for
        a name taken by another text. Writes nothing."""
        target = self.corpus / prepared.file
        existing = target.read_text(encoding="utf-8", errors="replace") if target.is_file() \
            else None
        if existing is not None and existing != prepared.text:
            raise InputError(f"duplicate file name: {prepared.file} is already in the corpus "
                             "with a different text; give this one another name (or URL), "
                             "or remove the old one")
        if prepared.file in self.listed and replaces is None:
            return "unchanged"
        stem = prepared.file.rsplit(".", 1)[0]
        if stem in self.stems and prepared.file not in self.listed and replaces is None:
            raise InputError(f"duplicate file name: another file named {stem}.* is listed in "
                             "articles.tsv; rename this one")
        return "added"

    def place(self, prepared: _Prepared, replaces: str | None = None) -> None:
        """Write the item's files now and its row at `commit`."""
        target = self.corpus / prepared.file
        if not target.is_file():
            _write_atomic(target, prepared.text.encode("utf-8"))
        stem = prepared.file.rsplit(".", 1)[0]
        if prepared.html is not None:
            page = self.corpus / f"{stem}.html"
            if not (page.is_file() and page.read_bytes() == prepared.html):
                _write_atomic(page, prepared.html)
        if replaces is not None:
            self._replaced.add(replaces)
        self.rows.append(prepared.row)
        self.listed[prepared.file] = prepared.row
        self.stems.add(stem)
        self._dirty = True

    def commit(self) -> IntakeReport:
        """Write the index (atomically) if anything was added: the lines already there are
        kept byte for byte (but those of replaced rows), new rows follow."""
        if self._dirty:
            old = self.index.read_text(encoding="utf-8") if self.index.is_file() else ""
            lines = old.splitlines() or ["\t".join(TSV_COLUMNS)]
            header, body = lines[0], lines[1:]
            columns = [c.strip() for c in header.split("\t")]
            body = [line for line in body if line.split("\t", 1)[0].strip() not in
                    self._replaced]
            for row in self.rows[self._first_new:]:
                body.append("\t".join(_tsv_cell(row.get(c)) for c in columns))
            _write_atomic(self.index, ("\n".join([header, *body]) + "\n").encode("utf-8"))
            self._first_new = len(self.rows)
            self._replaced = set()
            self._dirty = False
        return self.report


def _tsv_cell(value: str | None) -> str:
    """A cell as csv's reader reads it back: one line, quoted only if it opens a quote."""
    cell = _cell(value)
    return '"' + cell.replace('"', '""') + '"' if cell.startswith('"') else cell


def _write_atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name[:40]}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(f"cannot write {path}: {exc.strerror}") from exc


def ingest_pages(corpus: Path) -> list[Refusal]:
    """Saved pages (`*.html`) in the corpus folder that have no text file yet: extract
    them (a page listed in articles.tsv keeps its row's metadata, which wins over the
    page's) and list their text. Pages refused are reported at every build until fixed."""
    if not corpus.is_dir():
        return []
    pages = sorted(p for p in corpus.glob("*.html") if p.is_file())
    if not pages:
        return []
    intake = Intake(corpus)
    for page in pages:
        stem = slug_for(page.name)
        if f"{stem}.txt" in intake.listed:
            continue  # extracted before; its text file is what the build reads
        row = intake.listed.get(page.name) or {}
        try:
            raw = page.read_bytes()
        except OSError as exc:
            intake.report.refused.append(Refusal(page.name, f"cannot read ({exc.strerror})"))
            continue
        intake.offer(Item(source=page.name, html=raw, name=stem, title=row.get("title"),
                          date=row.get("reported_date"), publisher=_known(row.get("publisher")),
                          url=_known(row.get("url")),
                          note=row.get("note") or f"text extracted from {page.name}"),
                     replaces=page.name if row else None)
    return intake.commit().refused


def _known(value: str | None) -> str | None:
    value = (value or "").strip()
    return None if value.lower() in {"", "unknown", "n/a", "-"} else value
