// Draws a report's pages per period as bars (uPlot), from the report's own table: the table
// stays the page's content, readable and usable without JavaScript; the chart only adds a view.
(function () {
  "use strict";

  function draw(figure) {
    var table = document.getElementById(figure.dataset.table);
    if (!table || typeof uPlot === "undefined") {
      return;
    }
    var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr[data-key]"));
    var keys = rows.map(function (row) { return row.dataset.key; });
    var pages = rows.map(function (row) { return Number(row.dataset.pages); });
    var xs = keys.map(function (_, i) { return i; });
    var area = figure.querySelector(".chart-area");
    var width = Math.max(320, area.clientWidth || 800);
    var options = {
      width: width,
      height: 240,
      legend: { show: false },
      cursor: { show: true, points: { show: false } },
      scales: { x: { time: false, range: [-0.5, Math.max(0.5, keys.length - 0.5)] } },
      axes: [
        { values: function (u, splits) { return splits.map(function (i) { return keys[i] === undefined ? "" : keys[i]; }); },
          incrs: [1], gap: 6 },
        { label: "Pages" }
      ],
      series: [
        {},
        { label: "Pages", fill: "rgba(42, 110, 187, 0.55)", stroke: "#2a6ebb", width: 1,
          paths: uPlot.paths.bars({ size: [0.7, 60] }), points: { show: false } }
      ]
    };
    new uPlot(options, [xs, pages], area);
    figure.dataset.drawn = String(keys.length);
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("figure.chart[data-table]"), draw);
  });
})();
