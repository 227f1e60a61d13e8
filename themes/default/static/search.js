// The site-wide search: Pagefind's UI over the index written into the site's own pagefind/ folder.
// The address carries the query and the filters chosen (search/?q=kinship&kind=Learning+point), so a
// search can be shared, reloaded and bookmarked.
// Without JavaScript the page lists where to browse instead.
(function () {
  "use strict";
  var mount = document.querySelector("[data-site-search]");
  if (!mount || typeof PagefindUI === "undefined") { return; }
  var bundle = mount.getAttribute("data-bundle") || "pagefind/";
  // Result addresses are from the site root; the site may live below it (or be opened from a sub-folder).
  var siteRoot = new URL(bundle + "../", window.location.href).pathname;
  var FILTERS = ["kind", "aim", "theme", "authority", "community", "status"];

  var ui = new PagefindUI({
    element: "#search",
    bundlePath: bundle,
    baseUrl: siteRoot,
    showImages: false,
    showSubResults: true,
    resetStyles: false,
    processResult: function (result) {
      // Say what kind of page each result is: "Change idea", "Poster", "Learning point", ...
      if (result.meta && result.meta.kind && result.meta.title) {
        result.meta.title = result.meta.kind + ": " + result.meta.title;
      }
      return result;
    }
  });
  mount.addEventListener("input", saveState);
  mount.addEventListener("change", saveState);

  // The search from the address: started once Pagefind's filter tables are loaded, because when the
  // search finished first the UI listed only the filter groups loaded by then. (The UI imports the
  // same module.)
  function searchFromAddress() {
    var params = new URLSearchParams(window.location.search);
    var chosen = {};
    FILTERS.forEach(function (name) {
      if (params.getAll(name).length) { chosen[name] = params.getAll(name); }
    });
    if (Object.keys(chosen).length) { ui.triggerFilters(chosen); }
    if (params.get("q")) { ui.triggerSearch(params.get("q")); }
  }

  function saveState() {
    var next = new URLSearchParams();
    var input = mount.querySelector("input[type=text], input[type=search]");
    if (input && input.value.trim()) { next.set("q", input.value.trim()); }
    mount.querySelectorAll("input[type=checkbox]:checked").forEach(function (box) {
      if (FILTERS.indexOf(box.name) !== -1) { next.append(box.name, box.value); }
    });
    var search = next.toString();
    window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
  }

  import(new URL(bundle + "pagefind.js", window.location.href).href)
    .then(function (pagefind) { return pagefind.options({ baseUrl: siteRoot }).then(function () { return pagefind.filters(); }); })
    .catch(function () { return null; })
    .then(searchFromAddress);
}());
