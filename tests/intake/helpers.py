"""Small pages and batches written for these tests (no text copied from any site): a
news page with the furniture real pages have around the story, and wire copy that
several outlets reprint."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from graph.store import open_store
from tests.conftest import KG

STORY = [
    "Border guards of Karvenia and Doltaria exchanged fire near the village of Zelno on "
    "Thursday, officials in both capitals said.",
    "At least four soldiers were wounded in the fighting, the Karvenian defence ministry "
    "said in a statement on Friday.",
    "Doltaria accused Karvenian troops of shelling its positions with mortars overnight, "
    "a charge Karvenia denied.",
    "The foreign ministers of the two states were set to hold talks in the capital next "
    "week, the ministry added.",
]
FURNITURE = ("Accept all cookies", "Share on Facebook", "Related stories",
             "Floods hit the coast", "Reader42", "All rights reserved", "Sport")


def page(title: str = "Clashes flare on the Karvenia frontier", *, paragraphs=None,
         date: str | None = "2023-03-09", site: str | None = "Northern Ledger",
         canonical: str | None = "https://ledger.example.org/world/karvenia-frontier-clashes",
         charset: str = "utf-8") -> str:
    """A saved news page: head metadata, menus, a cookie notice, the story, share buttons,
    related stories, comments and a footer."""
    meta = [f'<meta charset="{charset}">', f"<title>{title} | {site or 'News'}</title>",
            f'<meta property="og:title" content="{title}">']
    if site:
        meta.append(f'<meta property="og:site_name" content="{site}">')
    if date:
        meta.append(f'<meta property="article:published_time" content="{date}T08:15:00Z">')
    if canonical:
        meta.append(f'<link rel="canonical" href="{canonical}">')
    body = "\n".join(f"<p>{p}</p>" for p in (paragraphs or STORY))
    return f"""<!DOCTYPE html>
<html lang="en"><head>{''.join(meta)}</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li></ul></nav></header>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies</div>
<article><h1>{title}</h1><p class="byline">By a staff writer</p>
{body}
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
</article>
<aside class="related"><h2>Related stories</h2><ul><li><a href="/a">Floods hit the coast</a></li>
<li><a href="/b">Markets rally on trade news</a></li></ul></aside>
<section id="comments"><h3>Comments</h3><p>Reader42: This is terrible news.</p></section>
<footer>Northern Ledger 2023. All rights reserved.</footer>
</body></html>
"""


def empty_page() -> str:
    """A page of links with no article on it."""
    links = "".join(f'<li><a href="/s{i}">Section {i}</a></li>' for i in range(12))
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Home</title></head>"
            f"<body><nav><ul>{links}</ul></nav><footer>2023</footer></body></html>")


def wire(outlet: str, url: str, *, date: str = "2023-03-10", lead: str = "",
         tail: str = "") -> dict[str, object]:
    """The same wire story as one outlet's export has it."""
    return {"body": " ".join(filter(None, [lead, *STORY, tail])),
            "headline": f"Frontier clashes wound four ({outlet})", "published_at": date,
            "source": {"name": outlet}, "link": url}


def write_jsonl(path: Path, rows: list[object]) -> Path:
    with open(path, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write((row if isinstance(row, str) else json.dumps(row)) + "\n")
    return path


def new_corpus(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    (path / "articles.tsv").write_text("file\ttitle\treported_date\tpublisher\turl\tnote\n",
                                       encoding="utf-8")
    return path


def kg(*args: str, stdin: bytes | None = None, timeout: float = 300
       ) -> subprocess.CompletedProcess[str]:
    """The real `kg` command in a subprocess."""
    return subprocess.run([KG, *args], input=stdin.decode() if stdin else None,
                          capture_output=True, text=True, timeout=timeout)


def rows(store: Path, sparql: str) -> list[dict[str, str]]:
    s = open_store(str(store))
    try:
        return [{k: v.value for k, v in r.items()} for r in s.query(sparql).rows()]
    finally:
        s.close()


def graph_names(store: Path) -> list[str]:
    s = open_store(str(store))
    try:
        return [g.rsplit("/graph/", 1)[1] for g in s.graph_names()]
    finally:
        s.close()
