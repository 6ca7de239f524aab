export * from './report-period.js';
export * from './incident-statistics/incident-statistics.input.js';
export * from './incident-statistics/incident-statistics.types.js';
export * from './incident-statistics/incident-statistics.service.js';
export * from './anonymised-summary/suppression.js';
export * from './summary-page/svg-chart.js';
export { SUMMARY_CSS_HASH } from './summary-page/summary-html.js';
export * from './reports.module.js';
