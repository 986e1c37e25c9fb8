// The dashboard's charts: each <canvas data-chart="…"> gets a chart.js chart from the spec the server
// wrote (server/modules/dashboard/dashboard.presenter.ts). The table beside each chart holds the same
// numbers (the text alternative). chart.js comes from /vendor/chartjs/chart.umd.min.js, loaded before
// this module, which sets window.Chart; nothing here adds globals. Numbers and frequencies are written
// by format.js, as the server writes them in the tables.
import { pageFormatter } from './format.js';

const Chart = window.Chart;
const fmt = pageFormatter();
const locale = fmt.lang === 'vi' ? 'vi-VN' : 'en-US';
const integer = (n) => fmt.number(n, 0);
const decimal = (n) => fmt.number(n, 4);
const phone = window.matchMedia('(max-width: 760px)').matches;

function optionsFor(spec) {
  const countAxis = {
    beginAtZero: true,
    stacked: Boolean(spec.stacked),
    ticks: { precision: 0, callback: (v) => integer(Number(v)) },
    title: spec.yTitle ? { display: true, text: spec.yTitle } : undefined,
  };
  const categoryAxis = { stacked: Boolean(spec.stacked), ticks: { autoSkip: false, font: { size: phone ? 10 : 12 } } };
  const scales = spec.horizontal ? { x: countAxis, y: categoryAxis } : { x: categoryAxis, y: countAxis };
  if (spec.type === 'scatter') {
    scales.x = {
      type: spec.logX ? 'logarithmic' : 'linear',
      title: spec.xTitle ? { display: true, text: spec.xTitle } : undefined,
      // Label only 1, 2 and 5 × 10^n on the logarithmic axis, so that the labels do not overlap.
      ticks: {
        maxRotation: 0,
        autoSkip: true,
        callback: (v) => {
          const n = Number(v);
          const lead = n / 10 ** Math.floor(Math.log10(n));
          return [1, 2, 5].some((x) => Math.abs(lead - x) < 1e-9) ? decimal(n) : '';
        },
      },
    };
    scales.y = countAxis;
  }
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    indexAxis: spec.horizontal ? 'y' : 'x',
    locale,
    scales,
    plugins: {
      legend: {
        display: spec.datasets.length > 1,
        position: 'bottom',
        labels: { boxWidth: 12, font: { size: phone ? 10 : 12 } },
      },
      tooltip: {
        callbacks:
          spec.type === 'scatter'
            ? // x is in MHz: the tooltip names the channel as the table beside the chart does.
              { label: (ctx) => `${fmt.frequency(Math.round(ctx.parsed.x * 1e6))}: ${integer(ctx.parsed.y)}` }
            : {},
      },
    },
  };
}

function draw(canvas) {
  let spec;
  try {
    spec = JSON.parse(canvas.dataset.chart || '');
  } catch {
    return;
  }
  const datasets = spec.datasets.map((d) => ({
    label: d.label,
    data: d.data,
    backgroundColor: d.color,
    borderColor: d.color,
    borderWidth: spec.type === 'scatter' ? 1 : 0,
    pointRadius: 3,
  }));
  new Chart(canvas, { type: spec.type, data: { labels: spec.labels, datasets }, options: optionsFor(spec) });
  canvas.dataset.drawn = 'true';
}

if (Chart) {
  for (const canvas of document.querySelectorAll('canvas[data-chart]')) draw(canvas);
}
