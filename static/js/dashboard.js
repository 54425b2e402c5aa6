/* The dashboard's charts (数据驾驶舱), drawn with the vendored ECharts from the JSON the page carries.
   A click on a bar, a point or a slice opens the list behind it (the figure's url). */
(function () {
  "use strict";
  var data = document.getElementById("dashboard-charts");
  if (!data || !window.echarts) { return; }
  var charts = JSON.parse(data.textContent);
  var palette = ["#c8161d", "#2563eb", "#16a34a", "#d97706", "#7c3aed", "#0891b2", "#db2777", "#4b5563"];
  var instances = [];

  // Long category names (GB/T sections, county names) cut to fit under a bar; the tooltip has them whole.
  function shorten(label) { return label.length > 7 ? label.slice(0, 6) + "…" : label; }

  function option(chart) {
    var first = chart.series[0];
    if (chart.chart === "pie") {
      return {
        color: palette,
        tooltip: { trigger: "item", formatter: "{b}: {c} " + first.unit + " ({d}%)" },
        legend: { type: "scroll", bottom: 0, textStyle: { fontSize: 11 } },
        series: [{
          type: "pie", radius: ["35%", "62%"], center: ["50%", "42%"], label: { show: false },
          data: chart.labels.map(function (label, i) { return { name: label, value: first.values[i], url: first.urls[i] }; })
        }]
      };
    }
    var hasRate = chart.series.some(function (s) { return s.rate; });
    var hasCount = chart.series.some(function (s) { return !s.rate; });
    var axes = [{ type: "value", minInterval: 1, axisLabel: { fontSize: 10 } }];
    if (hasRate && hasCount) { axes.push({ type: "value", max: 100, axisLabel: { formatter: "{value}%", fontSize: 10 } }); }
    else if (hasRate) { axes = [{ type: "value", max: 100, axisLabel: { formatter: "{value}%", fontSize: 10 } }]; }
    return {
      color: palette,
      tooltip: { trigger: "axis" },
      legend: chart.series.length > 1 ? { type: "scroll", top: 0, textStyle: { fontSize: 11 } } : undefined,
      grid: { left: 8, right: 8, top: chart.series.length > 1 ? 28 : 10, bottom: 4, containLabel: true },
      xAxis: {
        type: "category", data: chart.labels,
        axisLabel: { interval: 0, rotate: chart.labels.length > 6 ? 35 : 0, fontSize: 10, formatter: shorten }
      },
      yAxis: axes,
      series: chart.series.map(function (s, i) {
        var asLine = s.rate || (chart.chart === "line" && i > 0);
        return {
          name: s.name, type: asLine ? "line" : "bar", yAxisIndex: s.rate && hasCount ? 1 : 0,
          barMaxWidth: 28, connectNulls: true, cursor: "pointer",
          data: s.values.map(function (v, j) { return { value: v, url: s.urls[j] }; })
        };
      })
    };
  }

  charts.forEach(function (chart) {
    var el = document.getElementById(chart.id);
    if (!el) { return; }
    var instance = window.echarts.init(el, null, { renderer: "svg" });
    instance.setOption(option(chart));
    instance.on("click", function (params) {
      var url = params.data && params.data.url;
      if (url) { window.location.href = url; }
    });
    // A viewBox lets the drawing scale with its box (the print CSS), e.g. when paper is narrower than the screen.
    instance.on("finished", function () {
      var svg = el.querySelector("svg");
      if (svg) { svg.setAttribute("viewBox", "0 0 " + svg.getAttribute("width") + " " + svg.getAttribute("height")); }
    });
    instances.push(instance);
  });
  function resizeNow() { instances.forEach(function (i) { i.resize(); }); }
  // Again once the new layout has settled (a media change fires before the boxes take their size).
  function resize() { resizeNow(); window.setTimeout(resizeNow, 150); }
  window.addEventListener("resize", resize);
  // Printed (or emulated as print for a PDF) the boxes shrink: redraw the charts to their size.
  window.addEventListener("beforeprint", resize);
  window.addEventListener("afterprint", resize);
  if (window.matchMedia) { window.matchMedia("print").addEventListener("change", resize); }
})();
