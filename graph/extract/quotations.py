"""Quotations that run over several sentences. '"Tajik servicemen fired on a patrol. Our
guards fired warning shots. There were no casualties," the press service said.': every
sentence of the quotation is the press service's, not only the last one, which the
reporter closes. 'X said: "We will respond. Nobody will forgive this."' gives the second
sentence to X too, and so does a quoted sentence that follows a quotation with its
speaker ('"...," he said. "We are ready for talks."').

The segmenter cuts a quotation at its full stops; the sentences of a quotation are read as
usual (mentions, frames), and their events wait here until the sentence that closes the
quotation tells who spoke."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from graph.extract.claims import Frame
from graph.extract.types import Framing, SentenceReading

# sentences held at most while a quotation stays open: a quote mark left open by mistake
# must not swallow the rest of the article
MAX_HELD = 4


_MARK = re.compile('["\u201c\u201d]')
_KIND = {"\u201c": "open", "\u201d": "close", '"': "either"}


def _marks(text: str) -> list[tuple[int, str]]:
    """Quote marks in order: (position, "open" | "close" | "either")."""
    return [(m.start(), _KIND[m.group()]) for m in _MARK.finditer(text)]


def _left_open(marks: list[tuple[int, str]], inside: bool
               ) -> tuple[bool, int | None, int | None]:
    """Whether a quotation is open after a sentence with quote `marks` (`inside` one at its
    start), where the quotation open at its start closes (None if it does not) and where
    the last quotation opens (None if none opens)."""
    closed_at = opened_at = None
    for pos, kind in marks:
        if inside and kind != "open":
            inside = False
            if closed_at is None and opened_at is None:
                closed_at = pos
        elif not inside and kind != "close":
            inside, opened_at = True, pos
    return inside, closed_at, opened_at


def _speaker_after(frames: list[Frame], pos: int) -> Frame | None:
    """The reporter after a closing quote mark (its words may take the comma before it)."""
    return next((f for f in frames if f.verb_span[1] > pos + 1 and f.verb_span[0] >= pos - 2),
                None)


def _speaker_before(frames: list[Frame], pos: int) -> Frame | None:
    before = [f for f in frames if f.verb_span[1] <= pos and f.content[1] > pos]
    return before[-1] if before else None


def quoted(framing: Framing, frame: Frame) -> Framing:
    """`framing` with the text it leaves in the article's own voice given to `frame`'s
    speaker (a sentence inside the speaker's quotation)."""
    spans = [replace(s, frame=Frame(frame.claimant, frame.verb, frame.rule, s.span, (0, 0)))
             if s.frame is None else s for s in framing.spans]
    frames = framing.frames + [s.frame for s in spans
                               if s.frame is not None and s.frame not in framing.frames]
    return Framing(spans, frames)


@dataclass
class QuotationRun:
    """The quotation open across sentences, if any, and the sentences waiting for its
    speaker. `step` takes each sentence in order and returns those ready to be read for
    events, each with the framing to read it with."""

    inside: bool = False
    held: list[tuple[SentenceReading, Framing]] = field(default_factory=list)
    speaker: Frame | None = None  # known already ('X said: "...'), or of the last quotation

    def step(self, reading: SentenceReading, framing: Framing
             ) -> list[tuple[SentenceReading, Framing]]:
        text = reading.text
        was_inside = self.inside
        marks = _marks(text)
        self.inside, closed_at, opened_at = _left_open(marks, was_inside)
        if not marks:
            if was_inside:
                return self._continue(reading, framing)
            self.speaker = None  # a sentence outside any quotation ends the run
            return self._flush() + [(reading, framing)]
        if was_inside and closed_at is None:
            return self._continue(reading, framing)
        if was_inside and closed_at is not None:
            # the sentence that closes the quotation: its reporter, or the one known before
            reporter = _speaker_after(framing.frames, closed_at)
            speaker = reporter or self.speaker
            ready = [(r, quoted(f, speaker)) for r, f in self.held] if speaker else self._flush()
            self.held = []
            mine = framing
            if speaker is not None and reporter is None:
                mine = quoted(framing, speaker)
            self.speaker = speaker if not self.inside else self._opened(framing, opened_at)
            return ready + [(reading, mine)]
        out = self._flush()
        if text.lstrip().startswith(('"', "\u201c")) and not framing.frames and \
                not self.inside and self.speaker is not None:
            # '"...," he said. "We are ready for talks."': the same speaker goes on
            return out + [(reading, quoted(framing, self.speaker))]
        if self.inside:
            self.speaker = self._opened(framing, opened_at)
            if self.speaker is None:
                self.held.append((reading, framing))
                return out
            return out + [(reading, framing)]
        self.speaker = framing.frames[-1] if framing.frames else None
        return out + [(reading, framing)]

    def _opened(self, framing: Framing, opened_at: int | None) -> Frame | None:
        """The speaker named before the quotation that opens in this sentence."""
        return _speaker_before(framing.frames, opened_at) if opened_at is not None else None

    def _continue(self, reading: SentenceReading, framing: Framing
                  ) -> list[tuple[SentenceReading, Framing]]:
        if self.speaker is not None:
            return [(reading, quoted(framing, self.speaker))]
        if len(self.held) >= MAX_HELD:
            self.inside = False
            return self._flush() + [(reading, framing)]
        self.held.append((reading, framing))
        return []

    def _flush(self) -> list[tuple[SentenceReading, Framing]]:
        """The held sentences as they read alone (their quotation named no speaker)."""
        out, self.held = self.held, []
        return out

    def finish(self) -> list[tuple[SentenceReading, Framing]]:
        self.inside = False
        return self._flush()
