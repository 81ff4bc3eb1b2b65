// Chart.js is loaded as its UMD build (from its npm package), which puts Chart on the page's globals.
declare const Chart: typeof import('chart.js').Chart;
