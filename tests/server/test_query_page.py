"""The query page at /query: YASGUI served by this server drives a real query in headless
Chromium; without the assets a plain form says how to get the editor."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
import requests

from server.query_page import YASGUI_JS

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")


def test_page_offers_saved_queries_and_prefixes(live_server) -> None:
    from queries import all_queries

    html = requests.get(live_server.url + "/query", timeout=10).text
    assert '"ckg": "https://w3id.org/conflict-kg/ontology#"' in html
    for saved in all_queries():
        assert saved.name in html
    # Scripts come from this server only.
    assert "https://cdn" not in html and "unpkg" not in html


def test_plain_form_when_assets_are_missing(live_server) -> None:
    html = requests.get(live_server.url + "/query", timeout=10).text
    if YASGUI_JS.is_file():
        assert "vendor/yasgui/yasgui.min.js" in html
        asset = requests.get(live_server.url + "/static/vendor/yasgui/yasgui.min.js",
                             timeout=10)
        assert asset.status_code == 200
    else:
        assert "make assets" in html and 'id="kg-plain-form"' in html


@pytest.mark.browser
@pytest.mark.skipif(not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
                    reason="needs Debian chromium and chromium-driver: "
                           "apt-get install -y chromium chromium-driver "
                           "(.ci/install-system-packages does it in CI)")
@pytest.mark.skipif(not YASGUI_JS.is_file(),
                    reason="YASGUI is not installed: run `make assets` (needs npm)")
def test_browser_runs_a_query_and_sees_linked_results(live_server) -> None:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    profile = tempfile.mkdtemp(prefix="kg-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync",
                 f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        driver.get(live_server.url + "/query")
        wait = WebDriverWait(driver, 30)
        wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, ".CodeMirror")))
        query = ("SELECT ?article ?title WHERE { ?article a ckg:Article ; "
                 "dcterms:title ?title } ORDER BY ?title")
        driver.execute_script(
            "document.querySelector('.CodeMirror').CodeMirror.setValue(arguments[0]);", query)
        driver.find_element(By.CSS_SELECTOR, ".yasqe_queryButton").click()
        wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, ".yasr table tbody tr")) >= 2)
        text = driver.find_element(By.CSS_SELECTOR, ".yasr").text
        assert "Cease-fire agreed with Tajikistan" in text
        links = [a.get_attribute("href") for a in
                 driver.find_elements(By.CSS_SELECTOR, ".yasr table a")]
        assert any(h and h.startswith(live_server.url + "/id/article/") for h in links), links
        # An example from the saved queries loads into the editor.
        from queries import all_queries

        saved = all_queries()
        if saved:
            select = driver.find_element(By.ID, "kg-examples")
            driver.execute_script(
                "arguments[0].value = arguments[1];"
                "arguments[0].dispatchEvent(new Event('change'));", select, saved[0].name)
            editor_text = driver.execute_script(
                "return document.querySelector('.CodeMirror').CodeMirror.getValue();")
            assert editor_text.strip() == saved[0].text.strip()
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
