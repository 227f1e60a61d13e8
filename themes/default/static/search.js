// The site-wide search: Pagefind's UI over the index written into the site's own pagefind/ folder.
// The address carries the query (search/?q=kinship), so a search can be shared, reloaded and bookmarked.
// Without JavaScript the page lists where to browse instead.
(function () {
  "use strict";
  var mount = document.querySelector("[data-site-search]");
  if (!mount || typeof PagefindUI === "undefined") { return; }
  var bundle = mount.getAttribute("data-bundle") || "pagefind/";
  // Result addresses are from the site root; the site may live below it (or be opened from a sub-folder).
  var siteRoot = new URL(bundle + "../", window.location.href).pathname;
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
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) { ui.triggerSearch(query); }
  mount.addEventListener("input", function (event) {
    if (!event.target.matches("input[type=text], input[type=search]")) { return; }
    var params = new URLSearchParams(window.location.search);
    if (event.target.value.trim()) { params.set("q", event.target.value.trim()); } else { params.delete("q"); }
    var search = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
  });
}());
