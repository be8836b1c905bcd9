/**
 * tradeoff-lab: the notebook entry, the only public surface a notebook
 * imports.
 *
 * Each domain is a namespace, so a notebook cell reads
 * `quorum.kStaleness(...)` or `slo.burnRate(...)`. Every export is named
 * here; nothing public hides behind a deep path. The runner, the HTML
 * export and the CLI are behind the second entry, `tradeoff-lab/tools`
 * (src/tools.ts), which nothing here imports.
 */

// --- quorums, staleness and availability ---
export * as availability from "./availability";
export * as quorum from "./quorum";
export * as pbs from "./pbs";

// --- systems catalog and consistency models ---
export * as pacelc from "./pacelc";
export * as consistency from "./consistency";
export * as tradeoffs from "./tradeoffs";

// --- SLOs and error budgets ---
export * as slo from "./slo";

// --- cost and disaster recovery ---
export * as cost from "./cost";
export * as dr from "./dr";

// --- multi-region and sharding ---
export * as multiRegion from "./multiRegion";
export * as sharding from "./sharding";

// --- flow control and self-healing ---
export * as flow from "./flow";
export * as healing from "./healing";

// --- display: charts, tables, explained results ---
export * as display from "./display";

// --- notebook parameters: the check after each parameters cell ---
export * as parameters from "./parameters";

// --- workbook exercises ---
export * as exercises from "./exercises";
