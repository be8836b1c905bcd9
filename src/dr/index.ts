/**
 * dr: disaster recovery. RTO/RPO, the course's Gold/Silver/Bronze tiers,
 * AWS's four strategies (REL13-BP02), strategy selection, expected annual
 * loss, worst-case RPO, and the course's Gold-tier example.
 */

// strategies and tiers
export { strategies, strategyById, loadStrategies, STRATEGY_IDS, STRATEGY_SOURCE, DEFAULT_STRATEGIES_PATH } from "./strategies";
export type { Strategy, StrategyId } from "./strategies";
export { courseTiers, classifyDuration, tierFor, DURATION_CLASSES } from "./tiers";
export type { CourseTier, DurationClass } from "./tiers";

// selection and loss
export { selectStrategy } from "./selection";
export type { Selection, SelectOptions, RecoveryStrategyEvaluation } from "./selection";
export { expectedAnnualLoss } from "./loss";
export type { AnnualLoss, LossOptions } from "./loss";
export { rpoFromBackups, rpoFromReplication } from "./rpo";
export type { BackupRpoOptions, ReplicationRpoOptions } from "./rpo";

// the course's Gold tier
export { goldTierExample, syncWriteLatency } from "./gold";
export type { GoldTier, GoldTierOptions, SyncWriteOptions } from "./gold";

// Deprecated aliases: the names before issue #10's renames, kept so saved notebook copies keep running.
import { selectStrategy, type RecoveryStrategyEvaluation } from "./selection";
import { strategyById } from "./strategies";
/** @deprecated use selectStrategy */
export const select = selectStrategy;
/** @deprecated use strategyById */
export const strategy = strategyById;
/** @deprecated use RecoveryStrategyEvaluation */
export type StrategyEvaluation = RecoveryStrategyEvaluation;
