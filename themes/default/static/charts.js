// Draws every chart on the page from the JSON figure beside it.
// The summary, data table and CSV are in the HTML, so nothing is lost without JavaScript.
(function () {
  "use strict";
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
      window.Plotly.newPlot(element, figure.data, figure.layout, config).then(function () {
        // The SVG is decorative for assistive technology: the summary and table carry the data.
        element.querySelectorAll("svg").forEach(function (svg) { svg.setAttribute("aria-hidden", "true"); svg.setAttribute("focusable", "false"); });
      });
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("[data-figure]").forEach(function (element) { if (window.Plotly && element.data) { window.Plotly.Plots.resize(element); } });
  });
}());
