/**
 * The display builders without the output side: what a what-if view may
 * use, in the kernel and in the page (see whatIf/library.ts).
 */
export { lineChart, heatmap, barChart, waterfall, burnDown, drScatter, histogram } from "./charts";
export { figure } from "./plotly";
export { table } from "./table";
export { explain } from "./explain";
export { formatMoney, formatPercent, formatCount, formatMs, formatNumber, formatDuration, formatValue } from "./format";
