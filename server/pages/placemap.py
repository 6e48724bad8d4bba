"""`/map`: places with WGS84 coordinates (`geo:lat`, `geo:long`), sized by the events
there, over country outlines. The table is the page; a script (`static/map.js`, with
d3-geo, topojson-client and world-atlas from npm, served by this server) draws the map
above it. No tile server, nothing loaded from elsewhere."""

from __future__ import annotations

import json
from pathlib import Path

from flask import Blueprint, Response, render_template

from server.context import settings
from server.pages.labels import names
from server.pages.sparql import select, value

blueprint = Blueprint("placemap", __name__)
VENDOR = Path(__file__).resolve().parents[1] / "static" / "vendor" / "map"


def has_outlines() -> bool:
    """Whether `make assets` has installed the outlines and the scripts that draw them."""
    return (VENDOR / "countries-50m.json").is_file() and (VENDOR / "d3-geo.min.js").is_file()


@blueprint.route("/map")
def place_map() -> Response:
    rows = select("map-places")
    named = names(r["place"].value for r in rows)
    places = []
    for r in rows:
        try:
            lat, long = float(value(r, "lat") or ""), float(value(r, "long") or "")
        except ValueError:
            continue  # a coordinate that is no number cannot be drawn
        place = named[r["place"].value]
        places.append({"iri": place.iri, "label": place.label, "href": place.href,
                       "type": place.type_label, "lat": lat, "long": long,
                       "events": int(value(r, "events") or 0),
                       "figures": int(value(r, "figures") or 0)})
    # "</" is escaped so no label can close the script element.
    data = json.dumps({"places": places}).replace("</", "<\\/")
    html = render_template("map.html", places=places, data_json=data,
                           outlines=has_outlines(), license=settings().license)
    return Response(html, content_type="text/html; charset=utf-8")
