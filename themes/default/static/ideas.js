// Filters the change ideas index by words, theme, authority and status.
// Without JavaScript the controls stay hidden and every idea is listed, with a page per theme.
(function () {
  "use strict";
  var panel = document.querySelector("[data-idea-filter]");
  if (!panel) { return; }
  var controls = panel.querySelectorAll("[data-filter]");
  var ideas = document.querySelectorAll(".idea[data-slug]");
  var count = panel.querySelector("[data-filter-count]");
  var empty = document.querySelector("[data-filter-empty]");
  var total = new Set(Array.prototype.map.call(ideas, function (idea) { return idea.getAttribute("data-slug"); })).size;

  function matches(idea) {
    return Array.prototype.every.call(controls, function (control) {
      var wanted = control.value.trim().toLowerCase();
      var key = control.getAttribute("data-filter");
      if (!wanted) { return true; }
      if (key === "text") { return idea.querySelector("a").textContent.toLowerCase().indexOf(wanted) !== -1; }
      return (" " + idea.getAttribute("data-" + key) + " ").indexOf(" " + wanted + " ") !== -1;
    });
  }

  function update() {
    var shown = new Set();
    ideas.forEach(function (idea) {
      var visible = matches(idea);
      idea.hidden = !visible;
      if (visible) { shown.add(idea.getAttribute("data-slug")); }
    });
    document.querySelectorAll("section[id] .idea-list").forEach(function (list) {
      list.closest("section").hidden = !list.querySelector(".idea:not([hidden])");
    });
    count.textContent = "Showing " + shown.size + " of " + total + " change ideas.";
    empty.hidden = shown.size > 0;
  }

  controls.forEach(function (control) { control.addEventListener("input", update); control.addEventListener("change", update); });
  panel.hidden = false;
  update();
}());
