"""Batches of articles as news databases and APIs export them: JSON Lines (one object per
line) or CSV (one row per article, with a header), from a file or standard input.

Each item has `text` or `html`, and `title`, `date`, `publisher`, `url`. Common export
names are recognised by themselves (`body`, `content`, `maintext`; `published_at`,
`date_publish`, `pubDate`; `source`, `outlet`, `site_name`; `link`, ...); `--field
text=body` style mappings name any other, and a dotted name reaches into a JSON object
(`publisher=source.name`). A line that cannot be read becomes a refusal naming the line,
and the rest of the batch goes on."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO

from graph.corpus import Refusal
from graph.errors import UsageError
from graph.intake import Item

FIELDS = ("text", "html", "title", "date", "publisher", "url")
# Names used by common exports, tried in order when no mapping is given.
ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "maintext", "full_text", "article_text", "fulltext"),
    "html": ("html", "raw_html", "page", "html_content"),
    "title": ("title", "headline", "name"),
    "date": ("date", "published", "published_at", "publishedAt", "date_publish",
             "publication_date", "pubDate", "datePublished", "reported_date", "pub_date"),
    "publisher": ("publisher", "outlet", "source", "source.name", "source_name", "site_name",
                  "sitename", "source_domain", "domain"),
    "url": ("url", "link", "uri", "canonical_url", "web_url"),
}
# One CSV cell may hold a whole page.
_CSV_FIELD_LIMIT = 64 * 1024 * 1024


def parse_mapping(pairs: tuple[str, ...] | list[str]) -> dict[str, str]:
    """`("text=body", "date=published")` -> {"text": "body", "date": "published"}."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        ours, sep, theirs = pair.partition("=")
        ours, theirs = ours.strip(), theirs.strip()
        if not sep or not theirs:
            raise UsageError(f"--field {pair!r}: expected OURS=THEIRS, e.g. text=body")
        if ours not in FIELDS:
            raise UsageError(f"--field {pair!r}: {ours!r} is not one of {', '.join(FIELDS)}")
        mapping[ours] = theirs
    return mapping


def batch_format(name: str, explicit: str | None) -> str:
    if explicit:
        return explicit
    lower = name.lower()
    if lower.endswith((".jsonl", ".ndjson", ".json")):
        return "jsonl"
    if lower.endswith((".csv", ".tsv")):
        return "csv"
    raise UsageError(f"cannot tell the format of {name}: name it .jsonl or .csv, or pass "
                     "--format jsonl|csv")


def open_batch(path: str) -> IO[bytes]:
    """The batch's bytes: a file, or standard input for `-`."""
    if path == "-":
        return sys.stdin.buffer
    try:
        return open(path, "rb")  # noqa: SIM115 - the caller closes it
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from exc


def read_batch(stream: IO[bytes], *, name: str, fmt: str,
               mapping: Mapping[str, str] | None = None) -> Iterator[Item | Refusal]:
    """Items of the batch in order; unreadable lines come as refusals."""
    label = "stdin" if name == "-" else Path(name).name
    records = _jsonl(stream, label) if fmt == "jsonl" else _csv(stream, label,
                                                                 name.lower().endswith(".tsv"))
    for where, record in records:
        if isinstance(record, Refusal):
            yield record
            continue
        yield _item(where, record, mapping or {})


def _jsonl(stream: IO[bytes], label: str) -> Iterator[tuple[str, dict | Refusal]]:
    for number, raw in enumerate(stream, start=1):
        where = f"{label} line {number}"
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            yield where, Refusal(where, f"not UTF-8 (byte {exc.start}); convert the file with "
                                        "`iconv -t UTF-8`")
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield where, Refusal(where, f"not JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(record, dict):
            yield where, Refusal(where, f"a JSON {type(record).__name__}, not an object with "
                                        "the article's fields")
            continue
        yield where, record


def _csv(stream: IO[bytes], label: str, tsv: bool) -> Iterator[tuple[str, dict | Refusal]]:
    csv.field_size_limit(_CSV_FIELD_LIMIT)
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="strict", newline="")
    reader = csv.DictReader(text, delimiter="\t" if tsv else ",")
    try:
        for row in reader:
            where = f"{label} row {reader.line_num - 1}"
            if None in row:
                yield where, Refusal(where, "more cells than the header has columns")
                continue
            yield where, row
    except UnicodeDecodeError as exc:
        yield f"{label} row {reader.line_num}", Refusal(
            f"{label} row {reader.line_num}",
            f"not UTF-8 (byte {exc.start}); the rest of the file was not read: convert it with "
            "`iconv -t UTF-8`")
    except csv.Error as exc:
        yield f"{label} row {reader.line_num}", Refusal(
            f"{label} row {reader.line_num}", f"not CSV ({exc}); the rest of the file was not "
            "read")


def _get(record: Mapping[str, object], name: str) -> object:
    if name in record:
        return record[name]
    value: object = record
    for part in name.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, Mapping):  # {"name": "..."} as some APIs give the outlet
        value = value.get("name") or value.get("title")
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value if v)
    text = str(value).strip() if value is not None else ""
    return text or None


def _item(where: str, record: Mapping[str, object], mapping: Mapping[str, str]) -> Item:
    values: dict[str, str | None] = {}
    for ours in FIELDS:
        names = (mapping[ours],) if ours in mapping else ALIASES[ours]
        values[ours] = next((v for v in (_text(_get(record, n)) for n in names) if v), None)
    html = values.pop("html")
    return Item(source=where, text=values["text"],
                html=html.encode("utf-8") if html and not values["text"] else None,
                title=values["title"], date=values["date"], publisher=values["publisher"],
                url=values["url"], note=f"imported from {where.rsplit(' ', 2)[0]}")
