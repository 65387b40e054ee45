// Live trend charts for the overview (uPlot, bundled at build time with its licence): the page
// samples the overview API at every refresh and keeps the last 30 minutes in memory. Every chart
// has a caption, axis labels and a sentence with the latest values, so nothing is only in a chart.
import uPlot from '/admin/assets/uplot.js';
import { el } from '/kit/dom.js';

const KEEP = 360;
let styles = false;

function colour(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#0b5cad';
}

/** A chart of several series over time; update(values) appends one sample per series. */
export class TrendChart {
  constructor({ id, title, unit, series, format }) {
    if (!styles) {
      document.head.append(el('link', { rel: 'stylesheet', href: '/admin/assets/uplot.css' }),
        el('link', { rel: 'stylesheet', href: '/admin/assets/console.css' }));
      styles = true;
    }
    this.series = series;
    this.format = format;
    this.data = [[], ...series.map(() => [])];
    this.summary = el('p', { id: `${id}-summary` }, 'Waiting for the first sample…');
    this.plotHost = el('div', { class: 'bh-chart', 'aria-hidden': 'true' });
    this.node = el('figure', { class: 'bh-figure', 'aria-labelledby': `${id}-title`, 'aria-describedby': `${id}-summary` },
      el('figcaption', { id: `${id}-title` }, title), this.plotHost, this.summary);
    this.unit = unit;
    this.plot = null;
  }

  make() {
    const axis = { stroke: colour('--bh-fg'), grid: { stroke: colour('--bh-line') }, ticks: { stroke: colour('--bh-line') } };
    const width = Math.max(260, this.plotHost.clientWidth || 600);
    this.plot = new uPlot({
      width, height: 200, legend: { show: true },
      scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(1, max)] } },
      series: [{ label: 'Time' }, ...this.series.map((s) => ({ label: s.label, stroke: colour(s.colour), width: 2 }))],
      axes: [{ ...axis, label: 'Time' }, { ...axis, label: this.unit, size: 56 }],
    }, this.data, this.plotHost);
    window.addEventListener('resize', () => {
      if (this.plot) this.plot.setSize({ width: Math.max(260, this.plotHost.clientWidth), height: 200 });
    });
  }

  update(values) {
    this.data[0].push(Date.now() / 1000);
    values.forEach((v, i) => this.data[i + 1].push(v === null || v === undefined ? null : v));
    if (this.data[0].length > KEEP) this.data.forEach((d) => d.shift());
    if (!this.plot && this.node.isConnected) this.make();
    else if (this.plot) this.plot.setData(this.data);
    this.summary.textContent = 'Now: ' + this.series.map((s, i) => `${s.label} ${values[i] === null || values[i] === undefined
      ? 'unknown' : this.format(values[i])}`).join(', ') + '.';
  }
}

/** Revenue per day as bars: update({asset, decimals, days: [{day, amount}]}) redraws when it changed. */
export class RevenueChart {
  constructor() {
    this.summary = el('p', { id: 'chart-revenue-summary' }, 'Revenue is not available yet.');
    this.plotHost = el('div', { class: 'bh-chart', 'aria-hidden': 'true' });
    this.node = el('figure', { class: 'bh-figure', 'aria-labelledby': 'chart-revenue-title',
      'aria-describedby': 'chart-revenue-summary' },
    el('figcaption', { id: 'chart-revenue-title' }, 'Revenue per day (purchases and renewals, UTC)'), this.plotHost, this.summary);
    this.plot = null;
    this.last = null;
  }

  update(revenue) {
    const signature = JSON.stringify(revenue);
    if (!revenue || signature === this.last || !this.node.isConnected) return;
    this.last = signature;
    const scale = 10 ** revenue.decimals;
    const x = revenue.days.map((d) => Date.parse(`${d.day}T00:00:00Z`) / 1000);
    const y = revenue.days.map((d) => Number(BigInt(d.amount)) / scale);
    const total = y.reduce((a, b) => a + b, 0);
    this.summary.textContent = `Last ${y.length} days: ${total.toFixed(2)} ${revenue.asset} in total, `
      + `${y[y.length - 1].toFixed(2)} ${revenue.asset} today.`;
    if (this.plot) { this.plot.setData([x, y]); return; }
    const axis = { stroke: colour('--bh-fg'), grid: { stroke: colour('--bh-line') }, ticks: { stroke: colour('--bh-line') } };
    this.plot = new uPlot({
      width: Math.max(260, this.plotHost.clientWidth || 600), height: 200, legend: { show: false },
      scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(1, max)] } },
      series: [{ label: 'Day' }, { label: revenue.asset, stroke: colour('--bh-accent'), fill: colour('--bh-accent'),
        paths: uPlot.paths.bars({ size: [0.6, 48] }), points: { show: false } }],
      axes: [{ ...axis, label: 'Day (UTC)' }, { ...axis, label: revenue.asset, size: 56 }],
    }, [x, y], this.plotHost);
    window.addEventListener('resize', () => this.plot.setSize({ width: Math.max(260, this.plotHost.clientWidth), height: 200 }));
  }
}
