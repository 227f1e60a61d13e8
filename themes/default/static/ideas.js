// Filters the change ideas index by words (titles and the ideas' text), national aim, theme, authority,
// community and status. Each list's counts say how many ideas each choice would leave, given the other
// choices. The choices are kept in the address (?aims=3&status=adopted&q=review), so a reload or a
// shared link opens the same list. Without JavaScript the controls stay hidden, every idea is listed,
// and the plain lists by aim, theme, authority and community are linked above.
(function () {
  "use strict";
  var panel = document.querySelector("[data-idea-filter]");
  if (!panel) { return; }
  var controls = Array.prototype.slice.call(panel.querySelectorAll("[data-filter]"));
  var ideas = Array.prototype.slice.call(document.querySelectorAll(".idea[data-slug]"));
  var count = panel.querySelector("[data-filter-count]");
  var empty = document.querySelector("[data-filter-empty]");
  var total = new Set(ideas.map(function (idea) { return idea.getAttribute("data-slug"); })).size;
  var words = new Map(ideas.map(function (idea) {
    return [idea, (idea.querySelector("a").textContent + " " + (idea.getAttribute("data-text") || "")).toLowerCase()];
  }));

  function key(control) { return control.getAttribute("data-filter"); }

  function passes(idea, control, wanted) {
    if (!wanted) { return true; }
    if (key(control) === "text") {
      return wanted.toLowerCase().split(/\s+/).every(function (word) { return words.get(idea).indexOf(word) !== -1; });
    }
    return (" " + idea.getAttribute("data-" + key(control)) + " ").indexOf(" " + wanted + " ") !== -1;
  }

  // Whether the idea passes every control, with `except` (if given) taking the value `value` instead.
  function matches(idea, except, value) {
    return controls.every(function (control) {
      return passes(idea, control, control === except ? value : control.value.trim());
    });
  }

  function distinct(list) {
    return new Set(list.map(function (idea) { return idea.getAttribute("data-slug"); })).size;
  }

  function updateCounts() {
    controls.forEach(function (control) {
      if (control.tagName !== "SELECT") { return; }
      Array.prototype.forEach.call(control.options, function (option) {
        var n = distinct(ideas.filter(function (idea) { return matches(idea, control, option.value); }));
        var label = option.getAttribute("data-label") || option.textContent.replace(/ \(\d+\)$/, "");
        option.setAttribute("data-label", label);
        option.textContent = label + " (" + n + ")";
      });
    });
  }

  function saveState() {
    var params = new URLSearchParams(window.location.search);
    controls.forEach(function (control) {
      var name = control.name;
      if (control.value.trim()) { params.set(name, control.value.trim()); } else { params.delete(name); }
    });
    var search = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
  }

  function restoreState() {
    var params = new URLSearchParams(window.location.search);
    controls.forEach(function (control) {
      var value = params.get(control.name);
      if (value === null) { return; }
      if (control.tagName === "SELECT" && !Array.prototype.some.call(control.options, function (o) { return o.value === value; })) { return; }
      control.value = value;
    });
  }

  function update() {
    var shown = ideas.filter(function (idea) {
      var visible = matches(idea);
      idea.hidden = !visible;
      return visible;
    });
    document.querySelectorAll("section[id] .idea-list").forEach(function (list) {
      var section = list.closest("section");
      var visible = list.querySelectorAll(".idea:not([hidden])").length;
      section.hidden = visible === 0;
      var label = document.querySelector("[data-group-count='" + section.id + "']");
      if (label) { label.textContent = visible; }
    });
    var n = distinct(shown);
    count.textContent = "Showing " + n + " of " + total + " change ideas.";
    empty.hidden = n > 0;
    updateCounts();
  }

  controls.forEach(function (control) {
    control.addEventListener("input", function () { update(); saveState(); });
    control.addEventListener("change", function () { update(); saveState(); });
  });
  panel.addEventListener("submit", function (event) { event.preventDefault(); });
  panel.addEventListener("reset", function () { window.setTimeout(function () { update(); saveState(); }, 0); });
  restoreState();
  panel.hidden = false;
  update();
}());
