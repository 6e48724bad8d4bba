"""CoreNLP's JSON output -> `Annotation`.

CoreNLP counts offsets in UTF-16 code units (Java chars) and its indices from 1 within a
sentence; the Annotation counts code points of the article text and token positions in
the whole article from 0, so every offset and index is converted here, once."""

from __future__ import annotations

from typing import Any

from graph.annotate.types import (
    Annotation,
    Arc,
    CorefChain,
    EntityMention,
    Mention,
    Quote,
    Sentence,
    Timex,
    Token,
)


def utf16_to_codepoints(text: str) -> list[int] | None:
    """Table from UTF-16 offset to code-point offset, or None when they are the same
    (no character outside the Basic Multilingual Plane, the usual case)."""
    if all(ord(c) < 0x10000 for c in text):
        return None
    table = []
    for i, c in enumerate(text):
        table.append(i)
        if ord(c) >= 0x10000:
            table.append(i)  # the low surrogate maps to the same code point
    table.append(len(text))
    return table


def from_corenlp(doc: dict[str, Any], text: str, reported_date: str | None,
                 settings: str) -> Annotation:
    """Build the Annotation of `text` from CoreNLP's JSON document `doc`."""
    table = utf16_to_codepoints(text)

    def cp(offset: int) -> int:
        return offset if table is None else table[min(offset, len(table) - 1)]

    tokens: list[Token] = []
    sentences: list[Sentence] = []
    timex_index: dict[str, int] = {}
    timex_tokens: dict[str, list[int]] = {}
    timex_info: dict[str, dict[str, Any]] = {}
    first_of: list[int] = []
    for s_i, sent in enumerate(doc.get("sentences", [])):
        first = len(tokens)
        first_of.append(first)
        basic = {d["dependent"]: (d["governor"], d["dep"])
                 for d in sent.get("basicDependencies", [])}
        enhanced: dict[int, list[Arc]] = {}
        for d in sent.get("enhancedPlusPlusDependencies", []):
            head = None if d["governor"] == 0 else first + d["governor"] - 1
            enhanced.setdefault(d["dependent"], []).append(Arc(head, d["dep"].lower()
                                                              if d["dep"] == "ROOT" else d["dep"]))
        for pos_i, tok in enumerate(sent["tokens"]):
            b, e = cp(tok["characterOffsetBegin"]), cp(tok["characterOffsetEnd"])
            gov, rel = basic.get(tok["index"], (0, "root"))
            tx = tok.get("timex")
            tx_i = None
            if tx:
                tid = tx["tid"]
                if tid not in timex_index:
                    timex_index[tid] = len(timex_index)
                    timex_info[tid] = tx
                    timex_tokens[tid] = []
                timex_tokens[tid].append(len(tokens))
                tx_i = timex_index[tid]
            tokens.append(Token(
                index=len(tokens), sentence=s_i, position=pos_i, text=text[b:e],
                word=tok.get("word", text[b:e]), lemma=tok.get("lemma", ""),
                pos=tok.get("pos", ""), ner=tok.get("ner", "O"), begin=b, end=e,
                head=None if gov == 0 else first + gov - 1,
                rel="root" if rel == "ROOT" else rel,
                enhanced=tuple(enhanced.get(tok["index"], ())), timex=tx_i,
                normalized=tok.get("normalizedNER")))
        last = len(tokens)
        if last > first:
            sentences.append(Sentence(s_i, tokens[first].begin, tokens[last - 1].end,
                                      first, last))
        else:  # an empty sentence keeps its index so token.sentence stays valid
            at = tokens[-1].end if tokens else 0
            sentences.append(Sentence(s_i, at, at, first, last))

    timexes: list[Timex] = []
    for tid, _ in sorted(timex_index.items(), key=lambda kv: kv[1]):
        members = timex_tokens[tid]
        info = timex_info[tid]
        b, e = tokens[members[0]].begin, tokens[members[-1]].end
        timexes.append(Timex(tid, info.get("type", ""), info.get("value"),
                             info.get("altValue"), text[b:e], b, e, members[0],
                             members[-1] + 1))

    entities: list[EntityMention] = []
    for sent in doc.get("sentences", []):
        for m in sent.get("entitymentions", []):
            f, la = m["docTokenBegin"], m["docTokenEnd"]
            if not (0 <= f < la <= len(tokens)):
                continue
            b, e = tokens[f].begin, tokens[la - 1].end
            tx = m.get("timex")
            conf = m.get("nerConfidences") or {}
            entities.append(EntityMention(
                text[b:e], m.get("ner", ""), b, e, f, la, m.get("normalizedNER"),
                timex_index.get(tx["tid"]) if tx else None,
                max(conf.values()) if conf else None))

    chains: list[CorefChain] = []
    for cid, mentions in sorted(doc.get("corefs", {}).items(), key=lambda kv: int(kv[0])):
        ms = []
        for m in mentions:
            s_i = m["sentNum"] - 1
            base = first_of[s_i]
            f, la = base + m["startIndex"] - 1, base + m["endIndex"] - 1
            if not (0 <= f < la <= len(tokens)):
                continue
            b, e = tokens[f].begin, tokens[la - 1].end
            ms.append(Mention(m["id"], text[b:e], m.get("type", ""), m.get("number", ""),
                              m.get("gender", ""), m.get("animacy", ""), s_i, f, la,
                              base + m["headIndex"] - 1, b, e,
                              bool(m.get("isRepresentativeMention"))))
        if ms:
            chains.append(CorefChain(int(cid), tuple(ms)))

    quotes: list[Quote] = []
    for q in doc.get("quotes", []):
        b, e = cp(q["beginIndex"]), cp(q["endIndex"])
        speaker = q.get("mention") or (None if q.get("speaker") in (None, "Unknown")
                                       else q.get("speaker"))
        sb = se = None
        if q.get("mentionBegin") is not None and q.get("mentionEnd") is not None:
            mb, me = q["mentionBegin"], q["mentionEnd"]
            if 0 <= mb <= me < len(tokens):
                sb, se = tokens[mb].begin, tokens[me].end
                speaker = text[sb:se]
        canonical = q.get("canonicalSpeaker")
        # CoreNLP's endToken is inclusive; ours (like every `last`) is exclusive
        quotes.append(Quote(len(quotes), text[b:e], b, e, q.get("beginToken", 0),
                            q.get("endToken", -1) + 1, speaker, sb, se,
                            None if canonical in (None, "Unknown") else canonical,
                            q.get("mentionSieve") or q.get("speakerSieve")))

    return Annotation(text, reported_date, tuple(tokens), tuple(sentences), tuple(timexes),
                      tuple(entities), tuple(chains), tuple(quotes), settings)
