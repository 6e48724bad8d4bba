"""The document layer: an article's text cut into segments (headline, caption, body,
boilerplate) and sentences, with character offsets into the original text.

Offsets count Unicode code points of the text as read (NIF 2.0 convention), so
`text[begin:end]` is exactly the sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from graph.corpus import Article

HEADLINE, CAPTION, BODY, BOILERPLATE = "Headline", "Caption", "BodyText", "Boilerplate"

# Photo captions: an agency credit in parentheses, or "File photo".
_CAPTION = re.compile(r"\((?:[A-Z]{2,6}\s+)?(?:File\s+)?Photo\b[^)]*\)|\bfile photo\b|"
                      r"\bphoto:\s|\bpictured\b", re.IGNORECASE)


@dataclass(frozen=True)
class _Furniture:
    """The page-furniture rules (graph/rules/furniture.toml), compiled."""

    marker: re.Pattern[str]
    teaser_head: re.Pattern[str]
    pointer: re.Pattern[str]
    credit: re.Pattern[str]
    photo_credit: re.Pattern[str]
    byline: re.Pattern[str]
    timestamp: re.Pattern[str]
    date_line: re.Pattern[str]
    place_date_line: re.Pattern[str]
    dateline: re.Pattern[str]
    agency: re.Pattern[str]
    rights: re.Pattern[str]
    contributed: re.Pattern[str]


def _alternatives(words: list[str]) -> str:
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+")
                            for w in sorted(words, key=len, reverse=True)) + ")"


@lru_cache(maxsize=1)
def _furniture() -> _Furniture:
    from graph.extract.rules import load

    f = load("furniture")
    i = re.IGNORECASE
    agencies = _alternatives(f["agencies"])
    month = r"(?:[A-Z][a-z]{2,8}\.?)"
    # "Sept 16", "16 September 2022", "11.01.2023"
    date = (rf"(?:{month}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{month}(?:\s+\d{{4}})?"
            r"|\d{1,2}\.\d{1,2}\.\d{4})")
    # TASS's "/TASS/.", Kabar's "/ Kabar /.", Khovar's '/NIAT "Khovar"/.'
    slashed = rf'/\s*(?:[A-Z]{{2,}}\s+)?"?{agencies}"?\s*/'
    # "KHUJAND, Tajikistan —", "DUSHANBE (Reuters) -", "BISHKEK, Sept 16 (Reuters) -",
    # "Yerevan, May 7 (AFP) -": the place the report was filed from, not an event place
    dateline = re.compile(
        rf"^(?:{date},?\s+\(\s*[A-Z][A-Z'.\-]{{2,}}(?:\s+[A-Z][A-Z'.\-]+)*\s*\)"
        r"|[A-Z][A-Z'.\-]{2,}(?:(?:\s+|/)[A-Z][A-Z'.\-]+)*"
        rf"|[A-Z][\w'.\-]+(?:\s+[A-Z][\w'.\-]+){{0,2}}"
        rf"(?=[^\n]{{0,40}}(?:\(\s*{agencies}\s*\)|{slashed})))"
        r"(?:,\s*[A-Z][\w.\-]+(?:\s+[A-Z][\w.\-]+){0,2})?"
        # "DUSHANBE, December 1, 2025, Asia-Plus --": the agency after the date, unbracketed
        rf"(?:,?\s+{date}(?:,\s+{agencies}(?=\s*(?:--?|[\u2013\u2014])\s))?)?"
        rf"(?P<agency>\s*\(\s*{agencies}(?:\s*/\s*{agencies})*\s*\))?"
        # "- ", "— ", TASS's "BISHKEK, September 16. /TASS/.", or nothing after an agency
        # in brackets (PTI's "New Delhi, Dec 13 (PTI) Chinese troops ...")
        rf"(?:\s*(?:--?|[\u2013\u2014])\s+|\.?\s*{slashed}\.?\s+"
        r"|(?(agency)\s+(?=[A-Z\"\u201c])|(?!)))(?=\S)")
    return _Furniture(
        marker=re.compile(r"^\s*(?:[-\u2013\u2014\u2022*]\s*)?" + _alternatives(f["markers"])
                          + r"(?:\s*[-\u2013\u2014\u2022*])?\s*:?\s*$", i),
        teaser_head=re.compile(r"^\s*" + _alternatives(f["teaser_heads"]) + r"\s*:?\s*$", i),
        pointer=re.compile(r"^\s*" + _alternatives(f["pointers"])
                           + r"\s*(?::|[-\u2013\u2014|>\u00bb])\s*\S", i),
        credit=re.compile(r"\(\s*" + _alternatives(f["credit_words"])
                          + r"(?:\s+by)?(?:\s*:\s*|\s+)[^()]{2,300}\)|^\s*"
                          + _alternatives(f["credit_words"]) + r"\s+by\s+[^.!?]{2,200}$", i),
        photo_credit=re.compile(f["photo_credit"], i),
        byline=re.compile(f["byline"]),
        timestamp=re.compile(f["timestamp"], i),
        date_line=re.compile(f["date_line"], i),
        place_date_line=re.compile(f["dateline_place"] + f["date_line"].lstrip("^"), i),
        dateline=dateline,
        agency=re.compile(r"^\s*(?:the\s+)?" + _alternatives(f["agencies"] + f["agency_names"])
                          + r"\s*$", i),
        contributed=re.compile(f["contributed"], i),
        rights=re.compile(f["rights"], i))


def dateline_end(line: str) -> int:
    """Length of the dateline opening `line` ("KHUJAND, Tajikistan — "), 0 if none."""
    m = _furniture().dateline.match(line)
    return m.end() if m else 0


def is_dateline(piece: str) -> bool:
    """Whether a segmented piece is a dateline on its own ("ISLAMABAD, March 5 (Reuters) -",
    "New Delhi, Dec 13 (PTI)"): the dateline pattern wants the report's first word after
    it, which segmenting has cut off, and after an agency without a dash a capital one."""
    return dateline_end(piece + " X") > 0 or _furniture().place_date_line.match(piece) is not None


def is_furniture(line: str) -> bool:
    """Whether a whole line is page furniture: a marker, a pointer to another story, a
    credit line, a photo credit, a byline or the page's own timestamp."""
    f = _furniture()
    if f.marker.match(line) or f.pointer.match(line) or f.timestamp.match(line) or \
            f.rights.search(line) or \
            f.date_line.match(line) or f.place_date_line.match(line) or \
            f.photo_credit.match(line) or f.agency.match(line) \
            or f.contributed.search(line):
        return True
    credit = f.credit.search(line)
    if credit and credit.start() <= 1 and credit.end() >= len(line.rstrip()) - 1:
        return True
    return len(line) <= 120 and f.byline.match(line) is not None


# Sentence ends: . ! ? (optionally followed by a closing quote or bracket) then space and
# an upper-case letter, digit or opening quote. Abbreviations below never end a sentence.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "maj", "st", "jr",
    "sr", "no", "vs", "etc", "e.g", "i.e", "u.s", "u.k", "u.n", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "pres", "gov",
}
# the day of a clock time, AP style ("talks at 6 p.m. Saturday, officials said")
_DAY_AFTER_CLOCK = re.compile(r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
                              r"\b(?!\s+(?:is|was|will|has|had|saw|brought)\b)")
# a time zone after "a.m."/"p.m." ("9 a.m. Moscow time", "5 p.m. GMT")
_ZONE = re.compile(r"(?:[A-Z][a-z]+\s+)?(?:[A-Z][a-z]+\s+time\b|GMT\b|UTC\b|local\s+time\b)")
# what may open a sentence after a clock time; any other capitalised word goes on with the
# clause the time belongs to ("According to the service, at around 6 a.m. Tajik border
# guards occupied positions ...")
_OPENER_AFTER_CLOCK = re.compile(
    r"(?:The|A|An|It|He|She|They|We|I|In|On|At|By|After|Before|Later|Earlier|Meanwhile|"
    r"There|This|That|These|Those|His|Her|Its|Their|Our|No|As|But|And|When|While|"
    r"According|Since|During|From|Then|Both|Each|All|Some|One|Two|Three|Four|Five|Six|"
    r"Seven|Eight|Nine|Ten|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"[0-9])\b|[\"'“‘(\[]")
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
        if _furniture().teaser_head.match(line):
            in_teasers = True
        elif in_teasers and _REPORT_PROSE.search(line) and len(line.split()) >= 12:
            # "Read more:" and a teaser's title in the middle of a page: the report goes
            # on after them (a paragraph of prose, not another headline)
            in_teasers = False
        if in_teasers or is_furniture(line) or _bare_byline(text, spans, i):
            roles.append(BOILERPLATE)
        elif i == 0 and _same_title(line, article.title):
            roles.append(HEADLINE)
        elif _CAPTION.search(line):
            roles.append(CAPTION)
        else:
            roles.append(BODY)
    return roles


# a line of report prose ends a sentence (teaser titles do not)
_REPORT_PROSE = re.compile(r"[.!?][\"\u201d\u2019')\]]*\s*$")
_ONE_NAME = r"[A-Z][a-z'\-]+(?:\s+[A-Z]\.?)?(?:\s+[A-Z][a-z'\-]+){1,2}"
# ("Vong Sokheng and Meas Sokchea", "Hindustan Times, Srinagar": authors, or the outlet and
# the place the author files from)
_NAME_LINE = re.compile(_ONE_NAME + r"(?:\s*(?:,|and|&)\s*(?:" + _ONE_NAME + r"|[A-Z][a-z'\-]+))"
                        r"{0,3}")


def _bare_byline(text: str, spans: list[tuple[int, int]], i: int) -> bool:
    """A name alone on a line near the top, right above the page's own furniture
    ("Anna Kapushenko" over "Published: 25/09/22 17:12"): the author, not a report."""
    if i > 3 or i + 1 >= len(spans):
        return False
    line = text[spans[i][0]:spans[i][1]].strip()
    following = text[spans[i + 1][0]:spans[i + 1][1]]
    # (a second such line may stand between: "Mir Ehsan" / "Hindustan Times, Srinagar" /
    # "Updated: ...")
    return bool(_NAME_LINE.fullmatch(line)) and (
        is_furniture(following) or _NAME_LINE.fullmatch(following.strip()) is not None
        and i + 2 < len(spans) and is_furniture(text[spans[i + 2][0]:spans[i + 2][1]]))


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
        if word and word.group(1).lower() in {"a.m", "p.m"} and (
                _ZONE.match(text, begin + match.end())
                or _DAY_AFTER_CLOCK.match(text, begin + match.end())
                or not _OPENER_AFTER_CLOCK.match(text, begin + match.end())):
            continue  # "from 9 a.m. Moscow time", "at 6 p.m. Saturday": the time goes on
        if word and (word.group(1).lower().rstrip(".") in _ABBREVIATIONS
                     or re.fullmatch(r"(?:[A-Z]\.)+", word.group(1) + ".")):
            continue
        close = begin + match.end() - len(match.group()) + len(match.group().rstrip())
        spans.append((start, close))
        start = begin + match.end()
    if start < end:
        spans.append((start, end))
    return [(b, e) for b, e in spans if text[b:e].strip()]


def _pieces(text: str, begin: int, end: int) -> list[tuple[int, int, bool]]:
    """A body line cut into (begin, end, furniture): a dateline at its start and credit
    lines inside it ("(Reporting by ...; Editing by ...)") are furniture; the rest is prose."""
    pieces: list[tuple[int, int, bool]] = []
    start = begin
    cut = dateline_end(text[begin:end])
    if cut:
        pieces.append((begin, begin + cut, True))
        start = begin + cut
    for m in _furniture().credit.finditer(text, start, end):
        if m.start() > start:
            pieces.append((start, m.start(), False))
        pieces.append((m.start(), m.end(), True))
        start = m.end()
    if start < end:
        pieces.append((start, end, False))
    out = []
    for b, e, furniture in pieces:
        chunk = text[b:e]
        b, e = b + len(chunk) - len(chunk.lstrip()), e - len(chunk) + len(chunk.rstrip())
        if e > b:
            out.append((b, e, furniture))
    return out


def segment(article: Article) -> list[Sentence]:
    """The article's sentences in order, each with its segment role."""
    spans = _lines(article.text)
    sentences: list[Sentence] = []

    def add(b: int, e: int, role: str) -> None:
        sentences.append(Sentence(len(sentences), b, e, article.text[b:e], role))

    for (begin, end), role in zip(spans, _roles(article, spans), strict=True):
        if role in {HEADLINE, BOILERPLATE}:
            add(begin, end, role)
            continue
        for pb, pe, furniture in _pieces(article.text, begin, end):
            if furniture:
                add(pb, pe, BOILERPLATE)
                continue
            for b, e in split_sentences(article.text, pb, pe):
                add(b, e, role)
    return sentences
