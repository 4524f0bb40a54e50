// tacitus dashboard: draws the plotly figures embedded as JSON blocks, links network nodes to
// their country pages, and ties an article's coded events to their highlighted spans.
// Served from the app itself (the Content-Security-Policy allows no inline script).
(function () {
  "use strict";

  function drawFigures() {
    document.querySelectorAll("div.chart[data-figure]").forEach(function (target) {
      var block = document.getElementById(target.dataset.figure);
      if (!block || typeof Plotly === "undefined") { return; }
      var figure = JSON.parse(block.textContent);
      Plotly.newPlot(target, figure.data, figure.layout, figure.config).then(function () {
        target.classList.add("drawn");
        target.on("plotly_click", function (event) {
          var point = event.points && event.points[0];
          var url = point && point.customdata;
          if (typeof url === "string" && url.charAt(0) === "/" && url.charAt(1) !== "/") {
            window.location.assign(url);
          }
        });
      });
    });
  }

  function linkEvidence() {
    var text = document.getElementById("article-text");
    if (!text) { return; }
    function spansOf(ref) {
      return text.querySelectorAll(".hl[data-refs~='" + CSS.escape(ref) + "']");
    }
    document.querySelectorAll("aside li[data-ref]").forEach(function (item) {
      var ref = item.dataset.ref;
      item.addEventListener("mouseenter", function () {
        spansOf(ref).forEach(function (span) { span.classList.add("focus"); });
      });
      item.addEventListener("mouseleave", function () {
        spansOf(ref).forEach(function (span) { span.classList.remove("focus"); });
      });
    });
    text.querySelectorAll(".hl[data-refs]").forEach(function (span) {
      var refs = span.dataset.refs.split(" ").filter(Boolean);
      span.addEventListener("mouseenter", function () {
        refs.forEach(function (ref) {
          var item = document.querySelector("aside li[data-ref='" + CSS.escape(ref) + "']");
          if (item) { item.classList.add("focus"); }
        });
      });
      span.addEventListener("mouseleave", function () {
        document.querySelectorAll("aside li.focus").forEach(function (item) {
          item.classList.remove("focus");
        });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    drawFigures();
    linkEvidence();
  });
})();
