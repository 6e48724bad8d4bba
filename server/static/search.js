// The search box: suggestions from /search as the reader types (the form works without
// this script); choosing a suggestion goes straight to its page.
(function () {
  "use strict";
  var input = document.getElementById("kg-search");
  var list = document.getElementById("kg-search-suggestions");
  if (!input || !list || !window.fetch) return;
  var found = {};
  var pending = 0;
  input.addEventListener("input", function () {
    var text = input.value.trim();
    var ticket = ++pending;
    if (!text) { list.textContent = ""; return; }
    fetch("/search?format=json&q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : { results: [] }; })
      .then(function (data) {
        if (ticket !== pending) return;
        list.textContent = "";
        found = {};
        data.results.forEach(function (r) {
          var option = document.createElement("option");
          option.value = r.label;
          option.label = r.type ? r.label + " (" + r.type + ")" : r.label;
          list.appendChild(option);
          if (!(r.label in found)) found[r.label] = r.href;
        });
      })
      .catch(function () { /* the form still works */ });
  });
  input.form.addEventListener("submit", function (event) {
    var href = found[input.value];
    if (href) { event.preventDefault(); window.location.href = href; }
  });
})();
