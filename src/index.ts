/**
 * tradeoff-lab: the only public surface of the library.
 *
 * Each domain is a namespace, so a notebook cell reads
 * `quorum.kStaleness(...)` or `slo.burnRate(...)`. Every export is named
 * here; nothing public hides behind a deep path.
 */

// --- quorums, staleness and availability (issue: foundation) ---

// --- systems catalog and consistency models (issue: foundation) ---

// --- SLOs and error budgets (issue: slo/cost/dr) ---

// --- cost and disaster recovery (issue: slo/cost/dr) ---

// --- multi-region and sharding (issue: multi-region/sharding/flow) ---

// --- flow control and self-healing (issue: multi-region/sharding/flow) ---

// --- display: charts, tables, explained results (issue: charts/export) ---

// --- notebook runner (issue: kernel/runner) ---

// --- workbook exercises (issue: workbook) ---
