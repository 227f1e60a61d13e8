// Draws every chart on the page from the JSON figure beside it.
// The summary, data table and CSV are in the HTML, so nothing is lost without JavaScript.
(function () {
  "use strict";
  // On a phone the figure is laid out smaller: smaller text and margins, so axis titles and legends fit.
  function fitSmallScreen(layout, width) {
    if (width >= 560) { return layout; }
    layout.font = Object.assign({}, layout.font, { size: 11 });
    layout.margin = Object.assign({}, layout.margin, { l: 44, r: 8, b: 48 });
    ["xaxis", "yaxis"].forEach(function (axis) {
      if (layout[axis]) { layout[axis] = Object.assign({}, layout[axis], { tickfont: { size: 10, color: "#1a1a1a" } }); }
    });
    var x = layout.xaxis;
    var room = Math.max(2, Math.floor((width - 60) / 72));  // a month label such as "Sep 2018" needs about 60 px
    if (x && x.tickvals && x.tickvals.length > room) {
      var step = Math.ceil(x.tickvals.length / room);
      x.tickvals = x.tickvals.filter(function (value, index) { return index % step === 0; });
      x.ticktext = x.ticktext.filter(function (value, index) { return index % step === 0; });
    }
    if (x && x.title && x.title.text && x.title.text.length > 30) { x.title = { text: "" }; }  // the heading says it
    (layout.annotations || []).forEach(function (note) { note.font = Object.assign({}, note.font, { size: 10 }); });
    return layout;
  }

  // A poster or newsletter laid out for print (as `build.py pdf` renders it): chart text at its print size
  // (its CSS font size), marks and margins in proportion, the height in proportion to the width.
  function fitPoster(figure, element) {
    if (!element.closest(".poster, .newsletter") || !window.matchMedia("print").matches) { return figure.layout; }
    var size = parseFloat(window.getComputedStyle(element).fontSize), grow = size / 14, layout = figure.layout;
    layout.font = Object.assign({}, layout.font, { size: size });
    layout.legend = Object.assign({}, layout.legend, { font: { size: size }, orientation: "h", x: 0, xanchor: "left", y: 1.02, yanchor: "bottom" });
    // A progress bar needs less height than a run chart.
    var ratio = element.closest("[id$='-progress']") ? 0.45 : (element.closest(".newsletter") ? 0.45 : 0.75);
    layout.height = Math.max(Math.round(element.clientWidth * ratio), Math.round(size * (element.closest(".newsletter") ? 10 : 12)));
    layout.margin = { l: Math.round(size * 4), r: Math.round(size), t: Math.round(size * 3.5), b: Math.round(size * 4) };
    ["xaxis", "yaxis"].forEach(function (axis) {
      if (layout[axis]) { layout[axis] = Object.assign({}, layout[axis], { tickfont: { size: size, color: "#1a1a1a" } }); }
    });
    (layout.annotations || []).forEach(function (note) { note.font = Object.assign({}, note.font, { size: size }); });
    var x = layout.xaxis, width = element.clientWidth;
    var xs = [];
    figure.data.forEach(function (trace) { (trace.x || []).forEach(function (v) { if (typeof v === "number") { xs.push(v); } }); });
    if (x && x.tickvals && xs.length && !x.range) {
      // The x axis spans the points only (a text label at the edge would widen it at poster sizes),
      // and a month label is kept only where it has room.
      var low = Math.min.apply(null, xs) - 1, high = Math.max.apply(null, xs) + 1;
      x.range = [low, high];
      x.autorange = false;
      var perUnit = (width - layout.margin.l - layout.margin.r) / (high - low), room = size * 6, last = -Infinity;
      var kept = x.tickvals.map(function (value, index) {
        if ((value - last) * perUnit < room) { return -1; }
        last = value;
        return index;
      }).filter(function (index) { return index >= 0; });
      x.ticktext = kept.map(function (index) { return x.ticktext[index]; });
      x.tickvals = kept.map(function (index) { return x.tickvals[index]; });
    }
    if (x && x.title && x.title.text && x.title.text.length * size * 0.55 > width * 0.9) { x.title = { text: "" }; }  // the heading says it
    (layout.shapes || []).forEach(function (shape) { if (shape.line && shape.line.width) { shape.line.width *= grow; } });
    figure.data.forEach(function (trace) {
      if (trace.marker && typeof trace.marker.size === "number") { trace.marker.size *= grow; }
      if (trace.line && trace.line.width) { trace.line.width *= grow; }
      if (trace.textfont || trace.mode && trace.mode.indexOf("text") >= 0) { trace.textfont = Object.assign({}, trace.textfont, { size: size }); }
    });
    return layout;
  }

  function draw() {
    if (!window.Plotly) { return; }
    document.querySelectorAll("[data-figure]").forEach(function (element) {
      var source = document.getElementById(element.getAttribute("data-figure"));
      if (!source) { return; }
      var figure = JSON.parse(source.textContent);
      var config = Object.assign({ responsive: true }, figure.config || {});
      // Whatever a figure says, never offer to upload data about children to another host.
      config.displaylogo = false;
      config.showSendToCloud = false;
      config.showEditInChartStudio = false;
      config.plotlyServerURL = "";
      config.modeBarButtonsToRemove = (config.modeBarButtonsToRemove || []).concat(["sendChartToCloud", "sendDataToCloud", "editInChartStudio"]);
      window.Plotly.newPlot(element, figure.data, fitSmallScreen(fitPoster(figure, element), element.clientWidth), config).then(function () {
        // The SVG is decorative for assistive technology: the summary and table carry the data.
        element.querySelectorAll("svg").forEach(function (svg) { svg.setAttribute("aria-hidden", "true"); svg.setAttribute("focusable", "false"); });
      });
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
  // Printing lays the page out again at the paper's width, after beforeprint and without a resize event,
  // so a chart drawn for the screen would be cut off. Instead each chart's SVGs get a viewBox for the print
  // stylesheet to scale them (down, never up) to the printed width; afterprint puts them back.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("[data-figure] .svg-container").forEach(function (container) {
      var svgs = container.querySelectorAll("svg.main-svg");
      var width = svgs.length && Number(svgs[0].getAttribute("width")), height = svgs.length && Number(svgs[0].getAttribute("height"));
      if (!width || !height) { return; }
      svgs.forEach(function (svg) { svg.setAttribute("viewBox", "0 0 " + width + " " + height); });
      container.style.aspectRatio = width + " / " + height;
      container.style.maxWidth = width + "px";
      container.setAttribute("data-print-scale", "");
    });
  });
  window.addEventListener("afterprint", function () {
    document.querySelectorAll("[data-figure] .svg-container").forEach(function (container) {
      container.querySelectorAll("svg.main-svg").forEach(function (svg) { svg.removeAttribute("viewBox"); });
      container.style.aspectRatio = "";
      container.style.maxWidth = "";
      container.removeAttribute("data-print-scale");
    });
  });
}());
