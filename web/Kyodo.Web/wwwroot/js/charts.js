// Draws every chart of the page from the options the server wrote into data-option
// (Presentation/Chart.cs). SVG, so print is sharp; resized with the window and for print.
(function () {
  'use strict';
  var charts = [];
  function draw() {
    if (!window.echarts) { return; }
    var elements = document.querySelectorAll('.chart[data-option]');
    for (var i = 0; i < elements.length; i++) {
      var chart = window.echarts.init(elements[i], null, { renderer: 'svg' });
      chart.setOption(JSON.parse(elements[i].getAttribute('data-option')));
      charts.push(chart);
    }
  }
  function resize() { for (var i = 0; i < charts.length; i++) { charts[i].resize(); } }
  window.addEventListener('resize', resize);
  window.addEventListener('beforeprint', resize);
  window.addEventListener('afterprint', resize);
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', draw); } else { draw(); }
})();
