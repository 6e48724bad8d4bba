// The query page: YASGUI over our endpoint when it is installed, else the plain form.
// Saved queries are offered by title; IRIs minted under the base link to this server's
// Linked Data pages, so browsing works wherever the server runs.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("kg-config").textContent);
  var select = document.getElementById("kg-examples");

  function localHref(iri) {
    var spaces = config.localSpaces;
    for (var i = 0; i < spaces.length; i++) {
      if (iri.indexOf(spaces[i][0]) === 0) {
        return spaces[i][1] + iri.substring(spaces[i][0].length);
      }
    }
    return null;
  }

  function relink(root) {
    var anchors = root.querySelectorAll("a[href]");
    for (var i = 0; i < anchors.length; i++) {
      var a = anchors[i];
      if (a.dataset.kgLocal) continue;
      var local = localHref(a.getAttribute("href"));
      if (local !== null) {
        a.setAttribute("href", local);
        a.removeAttribute("target");
        a.dataset.kgLocal = "1";
      }
    }
  }

  function exampleText(name) {
    for (var i = 0; i < config.examples.length; i++) {
      if (config.examples[i].name === name) return config.examples[i].text;
    }
    return null;
  }

  if (typeof window.Yasgui === "function") {
    var yasgui = new window.Yasgui(document.getElementById("yasgui"), {
      requestConfig: { endpoint: config.endpoint, method: "POST" },
      copyEndpointOnNewTab: false,
      persistenceId: null,
      yasqe: { value: config.defaultQuery },
    });
    var tab = yasgui.getTab();
    tab.getYasqe().addPrefixes(config.prefixes);
    select.addEventListener("change", function () {
      var text = exampleText(select.value);
      if (text !== null) {
        yasgui.getTab().setQuery(text);
      }
    });
    new MutationObserver(function () { relink(document.getElementById("yasgui")); })
      .observe(document.getElementById("yasgui"), { childList: true, subtree: true });
  } else {
    var textarea = document.getElementById("kg-query");
    if (select && textarea) {
      select.addEventListener("change", function () {
        var text = exampleText(select.value);
        if (text !== null) textarea.value = text;
      });
    }
  }
})();
