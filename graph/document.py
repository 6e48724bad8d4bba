"""The document layer: an article's text cut into segments (headline, caption, body,
boilerplate) and sentences, with character offsets into the original text.

Offsets count Unicode code points of the text as read (NIF 2.0 convention), so
`text[begin:end]` is exactly the sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.corpus import Article

HEADLINE, CAPTION, BODY, BOILERPLATE = "Headline", "Caption", "BodyText", "Boilerplate"

# Page furniture of news sites: markers that are never reporting. Matched on whole lines.
_FURNITURE = re.compile(
    r"^\s*(?:[-–—•*]\s*)?(?:advertisement|advertisements|sponsored(?: content)?|latest|"
    r"latest news|read more|related|related articles|more stories|analysis|opinion|"
    r"share this|share|subscribe|follow us|trending|most read|you may also like|"
    r"recommended)(?:\s*[-–—•*])?\s*:?\s*$",
    re.IGNORECASE,
)
# A line that opens a list of teasers for other stories: everything after it is furniture.
_TEASER_HEAD = re.compile(r"^\s*(?:latest|latest news|related|more stories|read more|"
                          r"you may also like|recommended|most read)\s*:?\s*$", re.IGNORECASE)
# Photo captions: an agency credit in parentheses, or "File photo".
_CAPTION = re.compile(r"\((?:[A-Z]{2,6}\s+)?(?:File\s+)?Photo\b[^)]*\)|\bfile photo\b|"
                      r"\bphoto:\s|\bpictured\b", re.IGNORECASE)

# Sentence ends: . ! ? (optionally followed by a closing quote or bracket) then space and
# an upper-case letter, digit or opening quote. Abbreviations below never end a sentence.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "maj", "st", "jr",
    "sr", "no", "vs", "etc", "e.g", "i.e", "u.s", "u.k", "u.n", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "km", "pres", "gov",
}
_BOUNDARY = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")


@dataclass(frozen=True)
class Sentence:
    index: int  # position in the article, from 0
    begin: int
    end: int
    text: str
    role: str  # HEADLINE, CAPTION, BODY or BOILERPLATE


def _lines(text: str) -> list[tuple[int, int]]:
    """(begin, end) of each non-blank line, trimmed of surrounding spaces."""
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        line = match.group()
        stripped = line.strip()
        if not stripped:
            continue
        begin = match.start() + (len(line) - len(line.lstrip()))
        spans.append((begin, begin + len(stripped)))
    return spans


def _roles(article: Article, spans: list[tuple[int, int]]) -> list[str]:
    text = article.text
    roles = []
    in_teasers = False
    for i, (begin, end) in enumerate(spans):
        line = text[begin:end]
        if _TEASER_HEAD.match(line):
            in_teasers = True
        if in_teasers or _FURNITURE.match(line):
            roles.append(BOILERPLATE)
        elif i == 0 and _same_title(line, article.title):
            roles.append(HEADLINE)
        elif _CAPTION.search(line):
            roles.append(CAPTION)
        else:
            roles.append(BODY)
    return roles


def _same_title(line: str, title: str) -> bool:
    def norm(s: str) -> str:
        return re.sub(r"\W+", " ", s).strip().lower()

    return bool(title) and norm(line) == norm(title)


def split_sentences(text: str, begin: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans within text[begin:end]."""
    spans = []
    start = begin
    segment = text[begin:end]
    for match in _BOUNDARY.finditer(segment):
        stop = begin + match.start() + 1
        word = re.search(r"([A-Za-z.]+)\.$", text[start:stop])
        if word and (word.group(1).lower().rstrip(".") in _ABBREVIATIONS
                     or re.fullmatch(r"(?:[A-Z]\.)+", word.group(1) + ".")):
            continue
        close = begin + match.end() - len(match.group()) + len(match.group().rstrip())
        spans.append((start, close))
        start = begin + match.end()
    if start < end:
        spans.append((start, end))
    return [(b, e) for b, e in spans if text[b:e].strip()]


def segment(article: Article) -> list[Sentence]:
    """The article's sentences in order, each with its segment role."""
    spans = _lines(article.text)
    sentences: list[Sentence] = []
    for (begin, end), role in zip(spans, _roles(article, spans), strict=True):
        pieces = [(begin, end)] if role in {HEADLINE, BOILERPLATE} else split_sentences(
            article.text, begin, end)
        for b, e in pieces:
            sentences.append(Sentence(len(sentences), b, e, article.text[b:e], role))
    return sentences
