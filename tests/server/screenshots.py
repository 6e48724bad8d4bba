"""Screenshots of each page for the README, taken in headless Chromium from a running
server over the corpus as `kg build` makes it (its places have coordinates from the
gazetteer and the reference base):

    python -m tests.server.screenshots http://127.0.0.1:PORT docs/screenshots
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from tests.server.browser import chromium, full_page_screenshot

PAGES = (
    ("overview", "/", 1280),
    ("reader", "/page/id/article/2022-09-16_ceasefire-agreed", 1280),
    ("reader-boilerplate", "/page/id/article/2022-09-16_border-conflict-escalates", 1280),
    ("timeline", "/timeline", 1280),
    ("map", "/map", 1280),
    ("entity", "/page/id/state/tajikistan", 1280),
    ("place", "/page/id/region/batken-region", 1280),
    ("saved-query", "/queries/cq11-batken", 1280),
    ("search", "/search?q=Batk", 1280),
    ("overview-360", "/", 360),
    ("reader-360", "/page/id/article/2022-09-16_ceasefire-agreed", 360),
)


def main(argv: list[str]) -> int:
    url, out = argv[0].rstrip("/"), Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    with chromium() as driver:
        for name, path, width in PAGES:
            driver.set_window_size(width, 900)
            driver.get(url + path)
            time.sleep(1.5)  # the map's outlines are fetched and drawn after load
            full_page_screenshot(driver, out / f"{name}.png", width, max_height=1800)
            print(f"{name}.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
