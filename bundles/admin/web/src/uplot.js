// uPlot (npm uplot, pinned in package-lock.json) as one ES module for the console's charts.
export { default } from 'uplot';
