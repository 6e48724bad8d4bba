// The map: country outlines (world-atlas TopoJSON) and a circle per place with
// coordinates, sized by the events there, drawn with d3-geo into the page's SVG. The table
// under the map has the same places, so the page works without this script.
(function () {
  "use strict";
  var svg = document.getElementById("kg-map");
  var figure = document.getElementById("map-figure");
  if (!svg || !figure || !window.d3 || !window.d3.geoPath || !window.topojson) return;
  var NS = "http://www.w3.org/2000/svg";
  var places = JSON.parse(document.getElementById("kg-map-data").textContent).places;
  var width = 960, height = 560;

  function el(name, attrs, parent) {
    var node = document.createElementNS(NS, name);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    parent.appendChild(node);
    return node;
  }

  // The extent of the places where something happened (of all places when nothing is
  // placed anywhere), widened so that one place still shows its surroundings. A capital
  // far away that the articles only name would otherwise shrink the conflict to a dot;
  // places outside stay in the table below.
  function extent() {
    if (!places.length) return { type: "Sphere" };
    var busy = places.filter(function (p) { return p.events + p.figures > 0; });
    var focus = busy.length ? busy : places;
    var lats = focus.map(function (p) { return p.lat; });
    var longs = focus.map(function (p) { return p.long; });
    var south = Math.min.apply(null, lats), north = Math.max.apply(null, lats);
    var west = Math.min.apply(null, longs), east = Math.max.apply(null, longs);
    var pad = Math.max(2, (north - south) * 0.3, (east - west) * 0.3);
    return { type: "MultiPoint", coordinates: [
      [Math.max(west - pad, -180), Math.max(south - pad, -85)],
      [Math.min(east + pad, 180), Math.min(north + pad, 85)]] };
  }

  fetch(figure.getAttribute("data-outlines"))
    .then(function (r) { return r.json(); })
    .then(function (world) {
      var countries = window.topojson.feature(world, world.objects.countries);
      var projection = window.d3.geoMercator().fitExtent([[10, 10], [width - 10, height - 10]], extent());
      var path = window.d3.geoPath(projection);
      var land = el("g", { "class": "countries" }, svg);
      countries.features.forEach(function (f) {
        var shape = el("path", { "class": "country", d: path(f) || "" }, land);
        el("title", {}, shape).textContent = (f.properties && f.properties.name) || "";
      });
      var most = Math.max.apply(null, places.map(function (p) { return p.events + p.figures; }).concat([1]));
      var dots = el("g", { "class": "places" }, svg);
      var taken = [];  // boxes of the circles and of the labels placed so far
      function free(box) {
        return box.x >= 0 && box.y >= 0 && box.x + box.width <= width && box.y + box.height <= height &&
          taken.every(function (t) {
            return box.x + box.width <= t.x || t.x + t.width <= box.x ||
              box.y + box.height <= t.y || t.y + t.height <= box.y;
          });
      }
      // A label goes right of its circle, else left, above or below; where none of these
      // is free (a crowded corner) it is left out: the circle's tooltip and the table
      // below still name the place. The busiest places are labelled first.
      function place(label, x, y, r) {
        var spots = [[x + r + 2, y + 4, "start"], [x - r - 2, y + 4, "end"],
                     [x, y - r - 4, "middle"], [x, y + r + 13, "middle"]];
        for (var i = 0; i < spots.length; i++) {
          label.setAttribute("x", spots[i][0].toFixed(1));
          label.setAttribute("y", spots[i][1].toFixed(1));
          label.setAttribute("text-anchor", spots[i][2]);
          var box = label.getBBox();
          if (free(box)) { taken.push(box); return; }
        }
        label.parentNode.removeChild(label);
      }
      var drawn = [];
      places.slice().sort(function (a, b) { return (b.events + b.figures) - (a.events + a.figures); })
        .forEach(function (p) {
          var xy = projection([p.long, p.lat]);
          if (!xy) return;
          var r = 4 + 16 * Math.sqrt((p.events + p.figures) / most);
          var link = el("a", { href: p.href }, dots);
          var circle = el("circle", { "class": "place", cx: xy[0].toFixed(1), cy: xy[1].toFixed(1), r: r.toFixed(1) }, link);
          el("title", {}, circle).textContent = p.label + ": " + p.events + " events, " + p.figures + " casualty figures";
          // no label is written over a circle either
          taken.push({ x: xy[0] - r, y: xy[1] - r, width: 2 * r, height: 2 * r });
          drawn.push([p, link, xy, r]);
        });
      drawn.forEach(function (d) {
        var label = el("text", { "class": "place-label" }, d[1]);
        label.textContent = d[0].label;
        place(label, d[2][0], d[2][1], d[3]);
      });
      svg.setAttribute("data-drawn", countries.features.length + " " + dots.childNodes.length);
    })
    .catch(function () {
      figure.querySelector("figcaption").textContent = "The outlines could not be loaded; the table below lists every place.";
    });
})();
