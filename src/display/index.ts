/**
 * display: charts, tables and explained results for the notebooks.
 *
 *     import { display } from "tradeoff-lab";
 *     display.plotlyInit();                       // once, near the top
 *     display.show(display.lineChart({ x, series }));
 *     display.show(display.table(df, { units: { cost: "money" } }));
 *     display.show(display.explain({ subject: "R=2, W=2, N=3", verdict: "strong" }));
 */

// charts
export { lineChart, heatmap, barChart, waterfall, burnDown, drScatter, histogram } from "./charts";
export type {
  ChartCommon,
  LineSeries,
  LineChartOptions,
  HeatmapOptions,
  BarSeries,
  BarChartOptions,
  WaterfallStep,
  WaterfallOptions,
  BurnAlert,
  BurnDownOptions,
  DrPoint,
  DrScatterOptions,
  HistogramOptions,
} from "./charts";

// plotly output
export {
  figure,
  chartHtml,
  plotlyInitHtml,
  smallestBundle,
  traceTypes,
  bundlePath,
  bundleVersion,
  PLOTLY_BUNDLES,
  DEFAULT_BUNDLE,
  BUNDLE_TRACES,
  INIT_MARKER,
  MISSING_PLOTLY_MESSAGE,
} from "./plotly";
export type { Figure, FigureOptions, ChartHtmlOptions, PlotlyBundle, PlotlyTrace, PlotlyLayout, PlotlyConfig } from "./plotly";

// tables and explained results
export { table } from "./table";
export type { Table, TableOptions, DataFrameLike } from "./table";
export { explain } from "./explain";
export type { Explanation, ExplainOptions, Tone } from "./explain";

// number formatting
export { formatMoney, formatPercent, formatCount, formatMs, formatNumber, formatDuration, formatValue, UNITS, MISSING } from "./format";
export type { Unit, DurationUnit, DurationFormatOptions } from "./format";

// live what-if explorers (recomputed in the page)
export { whatIf, libraryInitHtml, LIBRARY_MARKER, WHAT_IF_MARKER, SAFE_GLOBALS } from "./whatIf";
export type {
  WhatIf,
  WhatIfOptions,
  WhatIfLibrary,
  WhatIfValues,
  WhatIfItem,
  ControlDeclaration,
  ControlDeclarations,
  ControlValue,
  NumberControl,
  SelectControl,
  ToggleControl,
} from "./whatIf";

// sending to the notebook
export { show, plotlyInit, toHtml, setSink } from "./show";
export type { Showable, SinkOutput, Sink, PlotlyInitOptions } from "./show";

// Deprecated aliases: the names before issue #10's renames, kept so saved notebook copies keep running.
import type { SinkOutput } from "./show";
/** @deprecated use SinkOutput */
export type Output = SinkOutput;
