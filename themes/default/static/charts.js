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
      window.Plotly.newPlot(element, figure.data, fitSmallScreen(figure.layout, element.clientWidth), config).then(function () {
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
