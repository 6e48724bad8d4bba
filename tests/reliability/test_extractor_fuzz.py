"""The build meets every kind of article: random and mutated text, huge lines, binary,
empty, other scripts, NUL, lone surrogates. It never crashes or hangs; a bad article is a
clear per-article refusal and the others build."""

from __future__ import annotations

import re
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.build import build_corpus
from graph.store.embedded import EmbeddedStore
from tests.reliability.helpers import make_corpus, run_kg, seed_articles

PER_ARTICLE_SECONDS = 20
SEED_TEXT = seed_articles()[0][0]


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    """Fail (instead of hanging the suite) when the block runs past `seconds`."""

    def expired(_signum: int, _frame: object) -> None:
        raise TimeoutError(f"the build did not finish within {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _build_with(raw: bytes) -> tuple[list[str], dict[str, str]]:
    """Build a corpus of one seed article plus `raw` as a second article, in process,
    into a fresh on-disk store; returns the built slugs and the refusals."""
    with tempfile.TemporaryDirectory() as tmp:
        corpus = make_corpus(Path(tmp) / "corpus", 1, variant=9, extra={"fuzzed.txt": raw})
        # Keep one seed article only: the fuzzed one must not take the other down.
        store = EmbeddedStore(Path(tmp) / "store", create=True)
        with time_limit(PER_ARTICLE_SECONDS):
            report = build_corpus(corpus, store)
        store.close()
        return report.articles, {r.file: r.reason for r in report.refused}


def _check(raw: bytes) -> None:
    built, refused = _build_with(raw)
    assert "v9-0000-0" in built and "v9-0000-1" in built, (built, refused)
    assert ("fuzzed" in built) != ("fuzzed.txt" in refused), (built, refused)
    if "fuzzed.txt" in refused:
        reason = refused["fuzzed.txt"]
        assert reason.strip() and "Traceback" not in reason
        # A refusal names the problem, not a Python exception from deep inside.
        assert "extraction failed" not in reason, f"the extractor crashed: {reason}"


def _mutate(data: st.DataObject, text: str) -> str:
    """A few random edits of `text`: inserted junk, deleted and duplicated slices."""
    for _ in range(data.draw(st.integers(1, 6))):
        at = data.draw(st.integers(0, len(text)))
        edit = data.draw(st.sampled_from(["insert", "delete", "duplicate", "upper"]))
        if edit == "insert":
            text = text[:at] + data.draw(st.text(max_size=40)) + text[at:]
        elif edit == "delete":
            text = text[:at] + text[at + data.draw(st.integers(1, 200)):]
        elif edit == "duplicate":
            text = text[:at] + text[at:at + 300] * data.draw(st.integers(2, 5)) + text[at:]
        else:
            text = text[:at] + text[at:at + 200].upper() + text[at + 200:]
    return text


# Bounded so the three fuzzers together stay under a minute; `database=None` keeps the
# working tree clean (a failure prints its example).
FUZZ = settings(max_examples=15, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.mark.slow
@FUZZ
@given(st.text(max_size=3000))
def test_random_text(text: str) -> None:
    _check(text.encode("utf-8", "surrogatepass"))


@pytest.mark.slow
@FUZZ
@given(st.binary(max_size=3000))
def test_random_bytes(raw: bytes) -> None:
    _check(raw)


@pytest.mark.slow
@FUZZ
@given(st.data())
def test_mutated_article(data: st.DataObject) -> None:
    _check(_mutate(data, SEED_TEXT).encode("utf-8", "surrogatepass"))


def test_upper_cased_passage_builds() -> None:
    """Found by the mutation fuzzer: a passage of the seed article in capitals made the
    extractor write a claim with an empty IRI (KeyError '' in `curie`)."""
    text = SEED_TEXT[:437] + SEED_TEXT[437:637].upper() + SEED_TEXT[637:]
    _check(text.encode("utf-8"))


SCRIPTS = {
    "cyrillic.txt": "Бишкек, 16 сентября. Пограничники Кыргызстана сообщили о перестрелке "
                    "у села Достук. Таджикская сторона обвинила киргизских военных.\n",
    "arabic.txt": "\u0642\u0627\u0644\u062a \u0648\u0632\u0627\u0631\u0629 \u0627\u0644\u062f"
                  "\u0641\u0627\u0639 \u0625\u0646 \u0627\u0644\u0642\u062a\u0627\u0644 "
                  "\u062a\u0648\u0642\u0641. Kyrgyzstan said on Friday.\n",
    "cjk.txt": "吉尔吉斯斯坦和塔吉克斯坦边境发生冲突。双方同意停火。\n",
    "emoji.txt": "Tajik forces 🔥 shelled the village 💥 on Friday. 🇰🇬🇹🇯 Talks follow.\n",
    "rtl-marks.txt": "Kyrgyz\u200f border\u202e guards\u202c said\u200b two\u2066 "
                     "people\u2069 died on Friday.\n",
    "zero-width.txt": "\ufeff\u200d\u200c" * 200 + "The CSTO met on Friday.\n",
    "crlf.txt": "Line one of the report.\r\nTajikistan accused Kyrgyzstan.\r\n",
}
# Big but legal: each must either build or be refused with a clear reason (a size limit
# is fine), within the time bound. Sizes are those of a pasted page without line breaks.
HUGE = {
    "one-huge-line.txt": "Tajik forces shelled the village of Dostuk on Friday, and " * 2000
                         + ".\n",
    "no-spaces.txt": "A" * 200_000 + "\n",
    "dots.txt": "." * 200_000 + "\n",
    "many-short-lines.txt": "Tajikistan.\n" * 10_000,
}
BUILD_SECONDS = 90
BAD = {
    "binary.bin": bytes(range(256)) * 64,
    "empty.txt": b"",
    "whitespace.txt": b" \n\t\r\n  \n",
    "nul.txt": b"Kyrgyzstan said\x00 on Friday.\n",
    "lone-surrogate.txt": "Tajik \ud800 forces.\n".encode("utf-8", "surrogatepass"),
    "latin1.txt": "Kyrgyzstan\xe9 said on Friday.\n".encode("latin-1"),
    "utf16.txt": "Kyrgyzstan said on Friday.\n".encode("utf-16"),
    "truncated-utf8.txt": "Бишкек".encode()[:-1],
}


@pytest.mark.slow
def test_named_hostile_articles_through_kg_build(tmp_path) -> None:
    """The real `kg build` on a corpus holding every named case at once."""
    extra = {name: text.encode("utf-8") for name, text in {**SCRIPTS, **HUGE}.items()}
    extra.update(BAD)
    extra["missing-file.txt"] = b""
    corpus = make_corpus(tmp_path / "corpus", 1, variant=8, extra=extra)
    (corpus / "missing-file.txt").unlink()
    started = time.monotonic()
    try:
        done = run_kg("build", "--corpus", str(corpus), "--store", str(tmp_path / "store"),
                      timeout=BUILD_SECONDS)
    except subprocess.TimeoutExpired:
        pytest.fail(f"kg build hung: no answer within {BUILD_SECONDS} s")
    took = time.monotonic() - started
    err = done.stderr.decode("utf-8", "replace")
    out = done.stdout.decode("utf-8", "replace")
    assert done.returncode == 0, err
    assert "Traceback" not in err
    refusals = {m.group(1): line for line in err.splitlines()
                if (m := re.match(r"kg: refused (.+?): ", line))}
    for line in refusals.values():
        assert "extraction failed" not in line, line
    expected_refused = set(BAD) | {"missing-file.txt"}
    assert expected_refused <= set(refusals), (set(refusals), err)
    assert not set(refusals) & set(SCRIPTS), f"valid articles refused: {err}"
    built = 2 + len(SCRIPTS) + len(set(HUGE) - set(refusals))
    assert f"built {built} article(s)" in out, out
    assert took < BUILD_SECONDS
