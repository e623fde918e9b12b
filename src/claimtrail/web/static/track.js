// Tracked-quantity page: the timeline chart. One series per origin (each claim's figure at its date,
// with its low-high range as an error bar) and the consensus best line with its low-high band.
"use strict";
(function () {
  const box = document.getElementById("timeline");
  const raw = document.getElementById("chart-data");
  if (!box || !raw || typeof Plotly === "undefined") return;
  const data = JSON.parse(raw.textContent);
  const traces = [];
  const c = data.consensus || [];
  const est = data.estimate || {};
  const shapes = [];
  if (est.best != null && data.first && est.as_of) {
    // The current estimate: a band from low to high and a line at best, up to its as-of date.
    const low = est.low != null ? est.low : est.best;
    const high = est.high != null ? est.high : est.best;
    traces.push({ x: [data.first, est.as_of, est.as_of, data.first], y: [low, low, high, high], fill: "toself",
      mode: "lines", line: { width: 0 }, fillcolor: "rgba(47,93,138,0.10)", hoverinfo: "skip",
      name: "current estimate range" });
    traces.push({ x: [data.first, est.as_of], y: [est.best, est.best], mode: "lines",
      line: { color: "#2f5d8a", width: 2, dash: "dash" }, name: "current best estimate",
      hovertemplate: "best %{y:,}<extra></extra>" });
  }
  if (c.length) {
    traces.push({ x: c.map((p) => p.date), y: c.map((p) => p.best), mode: "lines", name: "fused value by date",
      line: { color: "#7f7f7f", width: 1.5, dash: "dot" }, hovertemplate: "%{x}: %{y:,}<extra>fused</extra>" });
  }
  (data.series || []).forEach((s) => {
    const pts = s.points || [];
    if (!pts.length) return;
    traces.push({
      x: pts.map((p) => p.date), y: pts.map((p) => p.best), mode: "markers+lines", name: s.name,
      text: pts.map((p) => p.text), hovertemplate: "%{x}: %{y:,}<br>%{text}<extra>" + "</extra>",
      customdata: pts.map((p) => p.claim), marker: { size: 9 }, line: { width: 1 },
      error_y: { type: "data", symmetric: false, array: pts.map((p) => p.high - p.best),
        arrayminus: pts.map((p) => p.best - p.low), thickness: 1.2, width: 5 },
    });
  });
  Plotly.newPlot(box, traces, {
    title: { text: data.label || "" }, margin: { t: 50, r: 20, b: 50, l: 70 },
    shapes: shapes, xaxis: { type: "date", title: { text: "date" } }, yaxis: { title: { text: "estimate" }, rangemode: "tozero" },
    legend: { orientation: "h", y: -0.2 }, hovermode: "closest",
  }, { displaylogo: false, responsive: true });
  box.on && box.on("plotly_click", (ev) => {
    const id = ev.points && ev.points[0] && ev.points[0].customdata;
    if (id) location.href = "/claims/" + encodeURIComponent(id);
  });
})();
