"""Saved web pages through `kg add` and `kg build`: the story's text and the page's
metadata, page furniture left out, the user's metadata first, the page kept beside the
text, offsets into the text the build reads."""

from __future__ import annotations

from tests.conftest import kg_cli
from tests.intake.helpers import FURNITURE, STORY, new_corpus, page, rows

ARTICLE = """SELECT ?title ?date ?publisher ?url ?text ?file WHERE { ?a a ckg:Article ;
    dcterms:title ?title ; ckg:reportedDate ?date ; nif:isString ?text ; ckg:sourceFile ?file .
    OPTIONAL { ?a dcterms:publisher ?publisher } OPTIONAL { ?a schema:url ?url } }"""


def test_kg_add_page_reads_text_and_metadata_and_keeps_the_page(runner, tmp_path) -> None:
    corpus, store = new_corpus(tmp_path / "corpus"), tmp_path / "store"
    saved = tmp_path / "frontier.html"
    saved.write_text(page(), encoding="utf-8")
    result = runner.invoke(kg_cli(), ["add", str(saved), "--corpus", str(corpus),
                                      "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("built 1 article(s)")
    [article] = rows(store, ARTICLE)
    assert article["title"] == "Clashes flare on the Karvenia frontier"
    assert article["date"] == "2023-03-09"
    assert article["publisher"] == "Northern Ledger"
    assert article["url"] == "https://ledger.example.org/world/karvenia-frontier-clashes"
    assert article["file"] == "frontier.txt"
    for sentence in STORY:
        assert sentence in article["text"]
    for furniture in FURNITURE:
        assert furniture not in article["text"], furniture
    # The text the build read is in the corpus, the page beside it, both listed.
    assert (corpus / "frontier.txt").read_text(encoding="utf-8") == article["text"]
    assert (corpus / "frontier.html").read_text(encoding="utf-8") == page()
    assert "frontier.txt\tClashes flare on the Karvenia frontier\t2023-03-09\tNorthern Ledger" \
        in (corpus / "articles.tsv").read_text(encoding="utf-8")
    # Sentences point into that text.
    for s in rows(store, """SELECT ?b ?e ?anchor WHERE { ?s a ckg:Sentence ;
            nif:beginIndex ?b ; nif:endIndex ?e ; nif:anchorOf ?anchor }"""):
        assert article["text"][int(s["b"]):int(s["e"])] == s["anchor"]


def test_command_line_metadata_wins_over_the_page(runner, tmp_path) -> None:
    corpus, store = new_corpus(tmp_path / "corpus"), tmp_path / "store"
    saved = tmp_path / "frontier.html"
    saved.write_text(page(), encoding="utf-8")
    result = runner.invoke(kg_cli(), [
        "add", str(saved), "--corpus", str(corpus), "--store", str(store),
        "--date", "2023-03-10", "--title", "Frontier fire", "--publisher", "Ledger Weekly",
        "--url", "https://weekly.example.org/frontier"])
    assert result.exit_code == 0, result.output
    [article] = rows(store, ARTICLE)
    assert (article["title"], article["date"], article["publisher"], article["url"]) == (
        "Frontier fire", "2023-03-10", "Ledger Weekly", "https://weekly.example.org/frontier")


def test_a_page_without_a_date_needs_one(runner, tmp_path) -> None:
    corpus, store = new_corpus(tmp_path / "corpus"), tmp_path / "store"
    saved = tmp_path / "undated.html"
    saved.write_text(page(date=None), encoding="utf-8")
    args = ["add", str(saved), "--corpus", str(corpus), "--store", str(store)]
    result = runner.invoke(kg_cli(), args)
    assert result.exit_code == 1
    assert "undated.html: no date" in result.output
    assert not (corpus / "undated.txt").exists() and not (store / "CURRENT").exists()
    assert runner.invoke(kg_cli(), [*args, "--date", "2023-03-09"]).exit_code == 0


def test_pages_in_the_corpus_folder_are_built_and_rebuilt_with_the_same_offsets(
        runner, tmp_path) -> None:
    corpus, store = new_corpus(tmp_path / "corpus"), tmp_path / "store"
    (corpus / "frontier.html").write_text(page(), encoding="utf-8")
    # A listed page keeps the metadata of its row; the page fills what the row leaves out.
    (corpus / "listed.html").write_text(page("Talks planned", paragraphs=STORY[2:]),
                                        encoding="utf-8")
    with open(corpus / "articles.tsv", "a", encoding="utf-8") as handle:
        handle.write("listed.html\tTalks planned after clashes\t2023-03-11\tunknown\tunknown\t\n")
    build = ["build", "--corpus", str(corpus), "--store", str(store)]
    first = runner.invoke(kg_cli(), build)
    assert first.exit_code == 0, first.output
    assert first.output.startswith("built 2 article(s)")
    found = {r["file"]: r for r in rows(store, ARTICLE)}
    assert set(found) == {"frontier.txt", "listed.txt"}
    assert (found["listed.txt"]["title"], found["listed.txt"]["date"],
            found["listed.txt"]["publisher"]) == (
        "Talks planned after clashes", "2023-03-11", "Northern Ledger")
    index = (corpus / "articles.tsv").read_text(encoding="utf-8")
    assert "listed.html\t" not in index and "listed.txt\tTalks planned after clashes" in index
    sentences = rows(store, "SELECT ?s ?b ?e WHERE { ?s nif:beginIndex ?b ; nif:endIndex ?e }")
    # The text file is what later builds read: the page is not extracted again.
    again = runner.invoke(kg_cli(), [*build, "--full"])
    assert again.exit_code == 0, again.output
    assert sorted(map(str, rows(store, "SELECT ?s ?b ?e WHERE { ?s nif:beginIndex ?b ; "
                                       "nif:endIndex ?e }"))) == sorted(map(str, sentences))
    assert (corpus / "articles.tsv").read_text(encoding="utf-8") == index


def test_a_page_in_another_encoding_is_decoded(runner, tmp_path) -> None:
    corpus, store = new_corpus(tmp_path / "corpus"), tmp_path / "store"
    story = ["Пограничники двух стран обменялись огнём возле села Зельно в четверг, "
             "сообщили официальные лица обеих столиц.",
             "По меньшей мере четыре солдата были ранены, сообщило министерство обороны."]
    html = page("Столкновения на границе", paragraphs=story, charset="windows-1251")
    (tmp_path / "cyrillic.html").write_bytes(html.encode("cp1251"))
    # Latin-1 without any declaration: detected.
    latin = page("Gefechte an der Grenze", charset="utf-8", paragraphs=[
        "Grenzsoldaten beider Staaten schossen am Donnerstag nahe dem Dorf Zelno "
        "aufeinander, erklärten Beamte in beiden Hauptstädten.",
        "Mindestens vier Soldaten wurden verwundet, teilte das Verteidigungsministerium "
        "mit; die Straße nach Zelno ist gesperrt."]).replace('<meta charset="utf-8">', "")
    (tmp_path / "latin.html").write_bytes(latin.encode("latin-1"))
    for name in ("cyrillic.html", "latin.html"):
        result = runner.invoke(kg_cli(), ["add", str(tmp_path / name), "--corpus", str(corpus),
                                          "--store", str(store)])
        assert result.exit_code == 0, result.output
    texts = {r["file"]: r["text"] for r in rows(store, ARTICLE)}
    assert story[0] in texts["cyrillic.txt"]
    assert "Straße nach Zelno" in texts["latin.txt"]
    assert (corpus / "cyrillic.html").read_bytes() == html.encode("cp1251")  # kept as saved
