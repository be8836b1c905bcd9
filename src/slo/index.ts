/**
 * slo: SLIs, SLOs, SLAs and error budgets.
 *
 * Notebooks call these as `slo.errorBudget(...)`, `slo.evaluateAlerts(...)`.
 * Sources: Google SRE book (ch. 3–4, Appendix A), SRE Workbook (ch. 5
 * "Alerting on SLOs", Appendix B "Example Error Budget Policy"), Prometheus
 * `histogram_quantile`, and the course text §5.
 */

// SLI definitions and direction-aware compliance
export { COURSE_SLIS, checkCompliance, courseCheckCompliance, defineSli, explainComplianceBug } from "./sli";
export type { ComplianceBugRow, ComplianceResult, SliDefinition, SliDirection } from "./sli";

// error budgets
export { budgetConsumption, consumptionFromCounts, courseWeeklyExample, errorBudget, remainingBudget } from "./errorBudget";
export type { BudgetConsumption, CountConsumption, CourseWeekRow, ErrorBudget } from "./errorBudget";

// burn rates
export { budgetSpentAtBurnRate, burnRate, burnRateThreshold, detectionTimeMinutes, timeToExhaustionMinutes } from "./burnRate";

// multiwindow, multi-burn-rate alerting
export { burnRateSeries, evaluateAlerts, multiwindowRule, workbookAlertRules } from "./alerting";
export type { AlertDetection, AlertFiring, AlertReport, AlertRule, IncidentWindow, RuleReport, SliSeries } from "./alerting";

// error-budget policy and the incident log
export { BUDGET_ACTIONS, budgetAction, evaluateBudgetPolicy, incidentCosts, policyTimeline } from "./budgetPolicy";
export type { BudgetActionRow, BudgetBand, IncidentCost, PolicyEvaluation } from "./budgetPolicy";
export { INCIDENT_COLUMNS, SEVERITIES, badMinutes, loadIncidents, parseIncidents } from "./incidents";
export type { Incident } from "./incidents";

// histogram quantiles (Prometheus histogram_quantile)
export { bucketsFromObservations, histogramQuantile, histogramQuantileDetailed } from "./histogram";
export type { HistogramBucket, HistogramQuantileResult } from "./histogram";

// SLAs and credits
export { AWS_COMPUTE_OPTIMIZER_SLA, COURSE_SLA, availabilityFromDowntime, slaCredit, sloSlaGap } from "./sla";
export type { Sla, SlaCredit, SlaTier, SloSlaGap } from "./sla";

// synthetic SLI series
export { syntheticSeries } from "./series";
export type { IncidentKind, SyntheticIncident, SyntheticSeries, SyntheticSeriesOptions } from "./series";
