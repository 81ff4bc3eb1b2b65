// @ts-check
// The dashboard's charts: each canvas names the series it shows; they come from the public time-series API
// for the filters the page was opened with, and Chart.js (served from its npm package) draws them. The series'
// names in the legend are the view's words (series-<name>), in the page's language.
import { say } from './words.js';

const body = document.body.dataset;
// The series' colours, from the shared stylesheet's tokens where it has them.
const style = window.getComputedStyle(document.documentElement);
const COLOURS = ['--colour-focus', '--colour-paid', '--colour-free', '--colour-danger', '--colour-muted'].map(
  (token) => style.getPropertyValue(token).trim(),
);

/** @param {string} series */
function query(series) {
  const params = new URLSearchParams({ metric: series, interval: body.interval || 'month' });
  for (const key of ['from', 'to', 'country']) {
    const value = body[key];
    if (value) params.set(key, value);
  }
  return `/api/metrics/timeseries?${params}`;
}

/** @param {HTMLCanvasElement} canvas */
async function draw(canvas) {
  const answer = await fetch(query(canvas.dataset.series ?? ''));
  if (!answer.ok) throw new Error(say('status', { status: answer.status }));
  /** @type {{ series: Record<string, { from: string, value: number | null }[]> }} */
  const { series } = await answer.json();
  const names = Object.keys(series);
  const labels = series[names[0]].map((point) => point.from.slice(0, 10));
  new Chart(canvas, {
    type: 'line',
    data: {
      labels,
      datasets: names.map((name, index) => ({
        label: say(`series-${name}`),
        data: series[name].map((point) => point.value),
        borderColor: COLOURS[index % COLOURS.length],
        backgroundColor: COLOURS[index % COLOURS.length],
        spanGaps: true,
      })),
    },
    // The axes' numbers in the page's language, as the figures above them.
    options: {
      locale: document.documentElement.lang || undefined,
      animation: false,
      responsive: true,
      scales: { y: { beginAtZero: true } },
    },
  });
  canvas.dataset.drawn = 'true';
}

for (const canvas of document.querySelectorAll('canvas[data-series]')) {
  draw(/** @type {HTMLCanvasElement} */ (canvas)).catch((error) => {
    const note = document.createElement('p');
    note.className = 'error';
    note.textContent = say('chart-failed', { reason: error.message });
    canvas.replaceWith(note);
  });
}
