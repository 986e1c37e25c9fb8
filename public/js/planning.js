// The channel finder's chart (/planning): one point per channel along the band, its height the number of
// conflicts, drawn from the spec the server wrote (server/modules/planning/planning.presenter.ts chartSpec).
// Statuses differ by shape as well as colour (free: circle, conflicts: triangle, not allowed: cross) and are
// named in the legend; the list below the chart holds the same channels as text and links (the keyboard path).
// A click on a point opens the channel's new assignment form when the search was made from a station.
// chart.js comes from /vendor/chartjs/chart.umd.min.js, loaded before this module (window.Chart).
import { pageFormatter } from './format.js';

const Chart = window.Chart;
const fmt = pageFormatter();
const STYLE = {
  free: { color: '#1e7b34', pointStyle: 'circle', radius: 4 },
  conflicts: { color: '#b42318', pointStyle: 'triangle', radius: 5 },
  not_allowed: { color: '#3d4450', pointStyle: 'crossRot', radius: 5 },
};

function draw(canvas) {
  let spec;
  try {
    spec = JSON.parse(canvas.dataset.planningChart || '');
  } catch {
    return;
  }
  const datasets = spec.datasets.map((d) => {
    const s = STYLE[d.status] ?? STYLE.free;
    return {
      label: d.label,
      data: d.data,
      backgroundColor: s.color,
      borderColor: s.color,
      pointStyle: s.pointStyle,
      pointRadius: s.radius,
      pointHoverRadius: s.radius + 2,
      borderWidth: 2,
    };
  });
  const chart = new Chart(canvas, {
    type: 'scatter',
    data: { datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      locale: fmt.lang === 'vi' ? 'vi-VN' : 'en-US',
      scales: {
        x: { type: 'linear', title: { display: true, text: spec.xTitle }, ticks: { maxRotation: 0, autoSkip: true } },
        y: { beginAtZero: true, title: { display: true, text: spec.yTitle }, ticks: { precision: 0 } },
      },
      plugins: {
        legend: { position: 'bottom', labels: { usePointStyle: true, boxWidth: 10 } },
        tooltip: {
          callbacks: {
            label: (ctx) => {
              const status = ctx.dataset.label.replace(/ \(\d+\)$/, '');
              const margin = ctx.raw?.margin ? `; ${ctx.raw.margin}` : '';
              return `${status}: ${fmt.frequency(Math.round(ctx.parsed.x * 1e6))}, ${ctx.parsed.y}${margin}`;
            },
          },
        },
      },
      onClick: (_event, elements) => {
        const el = elements[0];
        const href = el && spec.datasets[el.datasetIndex]?.data[el.index]?.href;
        if (href) window.location.assign(href);
      },
    },
  });
  canvas.dataset.drawn = 'true';
  return chart;
}

if (Chart) {
  for (const canvas of document.querySelectorAll('canvas[data-planning-chart]')) draw(canvas);
}
