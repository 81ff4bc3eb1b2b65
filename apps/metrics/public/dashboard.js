// The dashboard's charts: each canvas names the series it shows; they come from the public time-series API
// for the filters the page was opened with, and Chart.js (served from its npm package) draws them.
/* global Chart */
(function () {
  const body = document.body.dataset;
  const COLOURS = ['#1b6ca8', '#e07a1f', '#2e8b57', '#b03a48', '#6a4c93'];

  function query(series) {
    const params = new URLSearchParams({ metric: series, interval: body.interval || 'month' });
    for (const key of ['from', 'to', 'country']) if (body[key]) params.set(key, body[key]);
    return `/api/metrics/timeseries?${params}`;
  }

  async function draw(canvas) {
    const answer = await fetch(query(canvas.dataset.series));
    if (!answer.ok) throw new Error(`The metrics API answered ${answer.status}`);
    const { series } = await answer.json();
    const names = Object.keys(series);
    const labels = series[names[0]].map((point) => point.from.slice(0, 10));
    new Chart(canvas, {
      type: 'line',
      data: {
        labels,
        datasets: names.map((name, index) => ({
          label: name,
          data: series[name].map((point) => point.value),
          borderColor: COLOURS[index % COLOURS.length],
          backgroundColor: COLOURS[index % COLOURS.length],
          spanGaps: true,
        })),
      },
      options: { animation: false, responsive: true, scales: { y: { beginAtZero: true } } },
    });
    canvas.dataset.drawn = 'true';
  }

  for (const canvas of document.querySelectorAll('canvas[data-series]')) {
    draw(canvas).catch((error) => {
      const note = document.createElement('p');
      note.className = 'error';
      note.textContent = `This chart could not be drawn: ${error.message}`;
      canvas.replaceWith(note);
    });
  }
})();
