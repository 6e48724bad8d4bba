"""The pages a researcher reads, on a running `kg serve`: the overview, the article reader,
the timeline, the map, entity pages grouped by role, saved queries as tables, the CSV
exports; first as HTML over HTTP (they work without JavaScript), then in headless
Chromium (marks, map outlines, timeline order, the search box)."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
import requests

from server.pages.placemap import has_outlines
from tests.conftest import KG, LiveServer, kg_cli, start_server
from tests.server import browser

ARTICLE = "/page/id/article/2022-09-16_ceasefire-agreed"
HTML = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
HASH_LABEL = re.compile(r"^[0-9a-f]{12}$")
COORDINATES = Path(__file__).with_name("place-coordinates.ttl")


@pytest.fixture(scope="module")
def geo_server(built_store_path: Path, tmp_path_factory: pytest.TempPathFactory,
               ) -> Iterator[LiveServer]:
    """`kg serve` over a copy of the corpus store with coordinates for more places than
    the gazetteer gives the corpus."""
    path = tmp_path_factory.mktemp("geo") / "store"
    shutil.copytree(built_store_path, path)
    subprocess.run([KG, "load", str(COORDINATES), "--store", str(path), "--graph",
                    "https://w3id.org/conflict-kg/graph/test-coordinates"],
                   check=True, capture_output=True, text=True)
    server = start_server(path)
    yield server
    server.stop()


class Links(HTMLParser):
    """Every link of a page, with its text, and the marks of the reader."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str, str]] = []  # (href, text, enclosing mark kind)
        self._href: str | None = None
        self._text: list[str] = []
        self._mark: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "mark":
            self._mark.append(a.get("data-kind") or "")
        if tag == "a":
            self._href, self._text = a.get("href"), []

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark" and self._mark:
            self._mark.pop()
        if tag == "a" and self._href is not None:
            self.links.append((self._href, "".join(self._text).strip(),
                               self._mark[-1] if self._mark else ""))
            self._href = None

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._text.append(data)


def links(html: str) -> list[tuple[str, str, str]]:
    parser = Links()
    parser.feed(html)
    return parser.links


class Marks(HTMLParser):
    """The reader's marks: kind, offsets into the article text, and the words inside."""

    def __init__(self) -> None:
        super().__init__()
        self.marks: list[tuple[str, int, int, str]] = []
        self._open: list[tuple[str, int, int, list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "mark":
            a = dict(attrs)
            self._open.append((a.get("data-kind") or "", int(a.get("data-begin") or -1),
                               int(a.get("data-end") or -1), []))

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark" and self._open:
            kind, begin, end, words = self._open.pop()
            if begin >= 0:  # not the legend's samples
                self.marks.append((kind, begin, end, "".join(words)))

    def handle_data(self, data: str) -> None:
        for *_, words in self._open:
            words.append(data)


def marks_of(html: str) -> list[tuple[str, int, int, str]]:
    parser = Marks()
    parser.feed(html)
    return parser.marks


def select(server: LiveServer, query: str) -> list[dict[str, str]]:
    response = requests.post(server.url + "/sparql", data={"query": query}, timeout=30,
                             headers={"Accept": "application/sparql-results+json"})
    response.raise_for_status()
    return [{k: v["value"] for k, v in row.items()}
            for row in response.json()["results"]["bindings"]]


def get(server: LiveServer, path: str, **kwargs: object) -> requests.Response:
    kwargs.setdefault("headers", HTML)
    return requests.get(server.url + path, timeout=30, **kwargs)  # type: ignore[arg-type]


def test_overview_says_what_the_graph_holds(live_server) -> None:
    response = get(live_server, "/")
    assert response.status_code == 200
    html = response.text
    assert "<strong>2</strong> news articles" in html and "2022-09-16" in html
    for section in ("latest-events", "event-classes", "casualty-kinds", "actor-classes",
                    "place-classes"):
        assert f'id="{section}"' in html, section
    for target in ("/timeline", "/map", "/queries", "/query", "/.well-known/void",
                   "/dumps/", "/exports/"):
        assert f'href="{target}"' in html, target
    assert 'id="kg-search"' in html and '<label for="kg-search"' in html


def test_old_editor_links_still_open_the_editor(live_server) -> None:
    response = get(live_server, "/?query=ASK%20%7B%7D", allow_redirects=False)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/query?query=ASK+%7B%7D")
    editor = get(live_server, "/query?query=ASK%20%7B%7D")
    assert "ASK {}" in editor.text


def test_search_suggests_batken_as_json_and_html(live_server) -> None:
    found = requests.get(live_server.url + "/search", params={"q": "batk", "format": "json"},
                         timeout=30).json()["results"]
    labels = {r["label"] for r in found}
    assert "Batken Region" in labels, labels
    region = next(r for r in found if r["label"] == "Batken Region")
    assert region["href"] == "/page/id/region/batken-region"
    # A word inside a name matches too ("Region" in "Batken Region").
    inner = requests.get(live_server.url + "/search", params={"q": "region", "format": "json"},
                         timeout=30).json()["results"]
    assert any(r["label"] == "Batken Region" for r in inner)
    page = get(live_server, "/search?q=Batken").text
    assert 'href="/page/id/region/batken-region"' in page


def test_reader_marks_what_was_read_and_each_mark_links_to_its_node(live_server) -> None:
    html = get(live_server, ARTICLE).text
    marks = [(href, text, kind) for href, text, kind in links(html) if kind]
    kinds = {kind for _, _, kind in marks}
    assert {"mention", "event", "claim", "casualty", "time"} <= kinds, kinds
    assert ("/page/id/state/tajikistan", "Tajikistan", "mention") in marks
    assert any(text == "31 wounded" and kind == "casualty" for _, text, kind in marks)
    assert any(text == "shelling" and kind == "event" for _, text, kind in marks)
    for href in {href for href, _, _ in marks}:
        assert get(live_server, href).status_code == 200, href
    # The caption and the headline are shown as such; the statements panel lists what
    # each sentence supports.
    assert 'class="seg-Caption"' in html and "photo caption" in html
    assert "What the article states, sentence by sentence" in html


def test_reader_marks_come_from_the_nif_offsets_in_the_graph(live_server) -> None:
    html = get(live_server, ARTICLE).text
    marks = marks_of(html)
    article = "https://w3id.org/conflict-kg/id/article/2022-09-16_ceasefire-agreed"
    text = select(live_server, f"SELECT ?t WHERE {{ <{article}> nif:isString ?t }}")[0]["t"]
    phrases = {(int(r["b"]), int(r["e"])): r for r in select(live_server, f"""
        PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#>
        SELECT ?b ?e ?a (SAMPLE(?n) AS ?node) WHERE {{
          ?p nif:referenceContext <{article}> ; nif:beginIndex ?b ; nif:endIndex ?e ;
             nif:anchorOf ?a ; itsrdf:taIdentRef ?n }} GROUP BY ?b ?e ?a""")}
    assert len(marks) >= 40
    for kind, begin, end, words in marks:
        # each mark is a phrase of the graph, and its words are the text at its offsets
        assert (begin, end) in phrases, (kind, words)
        assert text[begin:end] == words == phrases[begin, end]["a"]
    assert "located by its words" not in html
    # "The former Soviet republics earlier accused each other of": both claims, one mark
    assert re.search(r'title="claim frame: [^"]*; also claim frame: ', html)
    # marks nest: the claimant named inside a claim's reporting words keeps its own mark
    claims = [(b, e) for k, b, e, _ in marks if k == "claim"]
    assert any(b <= mb and me <= e for k, mb, me, _ in marks if k == "mention"
               for b, e in claims)
    # every node a phrase denotes is in the graph, with a label
    for row in phrases.values():
        assert select(live_server, f"SELECT ?l WHERE {{ <{row['node']}> rdfs:label ?l }}")


def test_reader_of_a_graph_without_phrases_locates_marks_by_their_words(
        built_store_path: Path, tmp_path: Path) -> None:
    """A graph built before the extractor wrote NIF phrases still gets its marks."""
    store = tmp_path / "store"
    shutil.copytree(built_store_path, store)
    dump = tmp_path / "all.nq"
    subprocess.run([KG, "export", "--store", str(store), "--format", "nq", "-o", str(dump)],
                   check=True, capture_output=True)
    old = tmp_path / "old.nq"
    old.write_text("".join(line for line in dump.read_text(encoding="utf-8").splitlines(True)
                           if "/span/" not in line.split(" ", 1)[0]), encoding="utf-8")
    subprocess.run([KG, "load", str(old), "--store", str(store)], check=True,
                   capture_output=True)
    server = start_server(store)
    try:
        html = get(server, ARTICLE).text
    finally:
        server.stop()
    kinds = {kind for kind, *_ in marks_of(html)}
    assert {"mention", "event", "claim", "casualty", "time"} <= kinds, kinds
    assert "located by its words" in html


def test_reader_shows_boilerplate_as_page_furniture(live_server) -> None:
    html = get(live_server, "/page/id/article/2022-09-16_border-conflict-escalates").text
    assert 'class="seg-Boilerplate"' in html and "nothing is read from it" in html


def test_entity_page_groups_by_role_and_labels_every_row(live_server) -> None:
    html = get(live_server, "/page/id/state/kyrgyzstan").text
    for section in ("role-events", "claims-by", "claims-about", "speakers"):
        assert f'id="{section}"' in html, section
    assert 'id="figures"' in get(live_server, "/page/id/state/tajikistan").text
    roles = re.split(r'<h2>Wikidata|<details class="raw"', html.split('id="role-events"')[1])[0]
    texts = [text for _, text, _ in links(roles)]
    assert texts and not [t for t in texts if HASH_LABEL.match(t) or t.startswith("http")]
    assert "Occupation by Tajik forces against Kyrgyzstan in Dostluk" in roles
    # Raw properties stay, folded, with labelled incoming links.
    raw = html.split('<details class="raw"')[1]
    assert "Incoming links" in raw
    assert not [t for _, t, _ in links(raw) if HASH_LABEL.match(t)]


def test_place_page_lists_what_happened_there(live_server) -> None:
    html = get(live_server, "/page/id/region/batken-region").text
    assert 'id="figures"' in html and "31 wounded" in html
    assert 'id="inside"' in html and 'href="/page/id/exclave/vorukh"' in html


def test_timeline_lists_dated_events_in_order_and_filters(live_server) -> None:
    html = get(live_server, "/timeline").text
    starts = re.findall(r'class="timeline-item" data-start="([0-9-]+)"', html)
    assert len(starts) >= 5 and starts == sorted(starts)
    assert "2021-01-01" in starts[0]  # "last year": a year long
    claimed = get(live_server, "/timeline?status=claimed").text
    assert "claimed" in claimed and 'class="badge reported"' not in claimed
    shelling = get(live_server, "/timeline?class=Shelling").text
    assert 'class="timeline-item"' not in shelling or "Shelling" in shelling
    assert get(live_server, "/timeline?class=Nonsense").status_code == 400
    assert get(live_server, "/timeline?page=x").status_code == 400


def test_map_lists_places_with_coordinates(geo_server) -> None:
    html = get(geo_server, "/map").text
    assert 'id="places"' in html and 'href="/page/id/region/batken-region"' in html
    assert "https://" not in html.split("<main")[1].split("</main>")[0].replace(
        "https://w3id.org/conflict-kg/", "")  # nothing from elsewhere


def test_map_of_the_corpus_shows_the_places_the_gazetteer_locates(live_server) -> None:
    html = get(live_server, "/map").text
    assert 'id="places"' in html and 'href="/page/id/exclave/vorukh"' in html
    assert 'href="/page/id/city/isfara"' in html  # a town the base has no coordinates for


def test_map_without_coordinates_says_so(tmp_path: Path) -> None:
    # The reference base gives its places coordinates, so only a store loaded without it
    # has none.
    data = tmp_path / "one.ttl"
    data.write_text('<https://w3id.org/conflict-kg/id/article/a> a '
                    '<https://w3id.org/conflict-kg/ontology#Article> .\n', encoding="utf-8")
    store = tmp_path / "store"
    subprocess.run([KG, "load", str(data), "--store", str(store), "--graph",
                    "https://w3id.org/conflict-kg/graph/a"],
                   check=True, capture_output=True, text=True)
    server = start_server(store)
    try:
        assert 'id="no-places"' in get(server, "/map").text
    finally:
        server.stop()


def test_saved_query_as_a_table_for_browsers_and_data_for_programs(live_server) -> None:
    listing = get(live_server, "/queries").text
    assert 'href="/static/kg.css"' in listing and 'href="/timeline"' in listing
    page = get(live_server, "/queries/cq11-batken")
    assert page.headers["Content-Type"].startswith("text/html")
    assert 'id="answer"' in page.text and '<input name="place"' in page.text
    cells = links(page.text.split('id="answer"')[1])
    assert ("/page/id/region/batken-region", "Batken Region", "") in cells
    assert 'href="/query?saved=cq11-batken"' in page.text
    bound = get(live_server, "/queries/cq11-batken?place=id/exclave/vorukh&page=0")
    assert bound.status_code == 200 and 'value="id/exclave/vorukh"' in bound.text
    editor = get(live_server, "/query?saved=cq11-batken&place=id/exclave/vorukh").text
    assert "VALUES" in editor and "vorukh" in editor
    # Programs still get data: */* is SPARQL JSON, text/csv is CSV.
    data = requests.get(live_server.url + "/queries/cq11-batken", timeout=30)
    assert data.headers["Content-Type"].startswith("application/sparql-results+json")
    as_csv = requests.get(live_server.url + "/queries/cq11-batken",
                          headers={"Accept": "text/csv"}, timeout=30)
    assert as_csv.headers["Content-Type"].startswith("text/csv")


def test_event_table_as_csv_over_http_and_from_the_command_line(live_server,
                                                                 built_store_path,
                                                                 runner) -> None:
    from graph.exports import EVENT_COLUMNS

    response = requests.get(live_server.url + "/exports/events.csv", timeout=30)
    assert response.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert tuple(rows[0]) == EVENT_COLUMNS and len(rows) >= 15
    shelling = next(r for r in rows if r["event_class"] == "shelling")
    assert shelling["event_type"] == "Explosions/Remote violence"
    assert shelling["sub_event_type"] == "Shelling/artillery/missile attack"
    assert shelling["cameo_code"] == "194" and shelling["assertion"] == "claimed"
    assert shelling["claimed_by"] == "Tajikistan" and shelling["actor2_state"] == "Tajikistan"
    assert shelling["event_iri"].startswith("https://w3id.org/conflict-kg/id/event/")
    occupation = next(r for r in rows if r["event_class"] == "occupation")
    assert occupation["location"] == "Dostluk" and occupation["country"] == "Kyrgyzstan"
    result = runner.invoke(kg_cli(), ["export", "--store", str(built_store_path),
                                      "--table", "events"])
    assert result.exit_code == 0, result.output
    assert list(csv.DictReader(io.StringIO(result.output))) == rows


@pytest.mark.parametrize("name", ["casualties", "claims"])
def test_figure_and_claim_tables(live_server, name: str) -> None:
    rows = list(csv.DictReader(io.StringIO(
        requests.get(f"{live_server.url}/exports/{name}.csv", timeout=30).text)))
    assert rows
    if name == "casualties":
        wounded = next(r for r in rows if r["count"] == "31" and r["kind"] == "wounded")
        assert wounded["reported_by"] == "Kyrgyzstan" and wounded["location"] == "Batken Region"
    else:
        shelling = [r for r in rows if r["claims_class"] == "shelling"]
        assert shelling and shelling[0]["claimant"] == "Tajikistan"
        assert shelling[0]["allegation"] == "true"


def test_rdf_clients_still_get_rdf_from_the_same_iris(live_server) -> None:
    for path in ("/id/state/kyrgyzstan", "/id/article/2022-09-16_ceasefire-agreed"):
        response = requests.get(live_server.url + path, headers={"Accept": "text/turtle"},
                                allow_redirects=False, timeout=30)
        assert response.status_code == 303 and response.headers["Location"].endswith(".ttl")


# --------------------------------------------------------------------------- browser


@pytest.fixture(scope="module")
def driver() -> Iterator[object]:
    if not browser.available():
        pytest.skip(browser.MISSING)
    with browser.chromium() as chromium:
        yield chromium


@pytest.mark.browser
@pytest.mark.skipif(not browser.available(), reason=browser.MISSING)
@pytest.mark.parametrize("path", ["/", ARTICLE, "/timeline", "/map", "/page/id/state/kyrgyzstan",
                                  "/page/id/region/batken-region", "/queries",
                                  "/queries/cq11-batken", "/search?q=Batken", "/exports/"])
def test_each_page_renders(geo_server, driver, path: str) -> None:
    from selenium.webdriver.common.by import By

    driver.get(geo_server.url + path)  # type: ignore[attr-defined]
    heading = driver.find_element(By.TAG_NAME, "h1").text  # type: ignore[attr-defined]
    assert heading.strip()
    logs = driver.get_log("browser")  # type: ignore[attr-defined]
    assert not [entry for entry in logs if entry["level"] == "SEVERE"], logs


@pytest.mark.browser
@pytest.mark.skipif(not browser.available(), reason=browser.MISSING)
def test_reader_mark_leads_to_a_node_that_exists(geo_server, driver) -> None:
    from selenium.webdriver.common.by import By

    driver.get(geo_server.url + ARTICLE)  # type: ignore[attr-defined]
    mark = driver.find_element(By.CSS_SELECTOR, 'mark[data-kind="mention"] a')  # type: ignore[attr-defined]
    name = mark.text
    # placed from the graph's NIF offsets, not found by searching the text
    assert "located by its words" not in (mark.get_attribute("title") or "")
    mark.click()
    title = driver.find_element(By.ID, "label").text  # type: ignore[attr-defined]
    assert title and name.split()[0][:4].lower() in title.lower() + " " + name.lower()
    assert "/page/id/" in driver.current_url  # type: ignore[attr-defined]


@pytest.mark.browser
@pytest.mark.skipif(not browser.available(), reason=browser.MISSING)
@pytest.mark.skipif(not has_outlines(), reason="the map's outlines are not installed: run "
                    "`make assets` (needs npm)")
def test_map_of_the_corpus_draws_outlines_and_batken(live_server, driver) -> None:
    """Over the corpus as built (no test coordinates): Batken Region, where the corpus
    places casualty figures, has its point from the reference base."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(live_server.url + "/map")  # type: ignore[attr-defined]
    WebDriverWait(driver, 30).until(
        lambda d: d.find_element(By.ID, "kg-map").get_attribute("data-drawn"))
    outlines = driver.find_elements(By.CSS_SELECTOR, "#kg-map path.country")  # type: ignore[attr-defined]
    places = driver.find_elements(By.CSS_SELECTOR, "#kg-map circle.place")  # type: ignore[attr-defined]
    assert len(outlines) > 100 and len(places) >= 1
    labels = [t.text for t in driver.find_elements(By.CSS_SELECTOR, "#kg-map text.place-label")]  # type: ignore[attr-defined]
    assert "Batken Region" in labels
    titles = [t.get_attribute("textContent") for t in driver.find_elements(  # type: ignore[attr-defined]
        By.CSS_SELECTOR, "#kg-map circle.place title")]
    assert any(t.startswith("Batken Region:") and not t.endswith(" 0 casualty figures")
               for t in titles), titles
    # no two labels overlap
    boxes = [t.rect for t in driver.find_elements(By.CSS_SELECTOR, "#kg-map text.place-label")]  # type: ignore[attr-defined]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert (a["x"] + a["width"] <= b["x"] + 0.5 or b["x"] + b["width"] <= a["x"] + 0.5
                    or a["y"] + a["height"] <= b["y"] + 0.5
                    or b["y"] + b["height"] <= a["y"] + 0.5), (a, b)


@pytest.mark.browser
@pytest.mark.skipif(not browser.available(), reason=browser.MISSING)
def test_timeline_in_the_browser_lists_dated_events_in_order(geo_server, driver) -> None:
    from selenium.webdriver.common.by import By

    driver.get(geo_server.url + "/timeline")  # type: ignore[attr-defined]
    rows = driver.find_elements(By.CSS_SELECTOR, "tr.timeline-item")  # type: ignore[attr-defined]
    starts = [r.get_attribute("data-start") for r in rows]
    assert len(starts) >= 5 and starts == sorted(starts)
    bars = driver.find_elements(By.CSS_SELECTOR, ".axis span")  # type: ignore[attr-defined]
    widths = [b.size["width"] for b in bars]
    assert widths[0] > 10 * min(widths)  # "last year" is drawn as a year, "Friday" as a day


@pytest.mark.browser
@pytest.mark.skipif(not browser.available(), reason=browser.MISSING)
def test_search_box_finds_batken(geo_server, driver) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(geo_server.url + "/")  # type: ignore[attr-defined]
    box = driver.find_element(By.ID, "kg-search")  # type: ignore[attr-defined]
    box.send_keys("Batk")
    WebDriverWait(driver, 20).until(lambda d: any(
        o.get_attribute("value") == "Batken Region"
        for o in d.find_elements(By.CSS_SELECTOR, "#kg-search-suggestions option")))
    box.clear()
    box.send_keys("Batken Region")
    box.submit()
    WebDriverWait(driver, 20).until(lambda d: "/page/id/region/batken-region" in d.current_url)
    assert driver.find_element(By.ID, "label").text == "Batken Region"  # type: ignore[attr-defined]


@pytest.mark.browser
@pytest.mark.skipif(not browser.available(), reason=browser.MISSING)
@pytest.mark.parametrize("width", [1400, 1280, 1000, 800])
def test_overview_casualty_table_fits_its_column(live_server, driver, width: int) -> None:
    """Its last column ("highest") was cut at 1400 px, the column narrower than the table."""
    driver.set_window_size(width, 900)  # type: ignore[attr-defined]
    driver.get(live_server.url + "/")  # type: ignore[attr-defined]
    table, column = driver.execute_script(  # type: ignore[attr-defined]
        "var t = document.getElementById('casualty-kinds');"
        "return [t.getBoundingClientRect().right,"
        " t.closest('section').getBoundingClientRect().right];")
    assert table <= column + 0.5, (table, column)
