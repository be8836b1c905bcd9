/**
 * cost: the data-pipeline cost model. Line items for compute, storage,
 * network and query engines priced from a dated snapshot, bills and
 * savings, what-if helpers, and the course's two architectures with a
 * check of its arithmetic.
 */

// money and price books
export { formatUsd, CATEGORIES } from "./money";
export type { Category, LineItem, PriceUnit, Quantity, Rate } from "./money";
export { prices, loadPrices, parsePrices, DEFAULT_PRICES_PATH, STORAGE_TIERS } from "./pricing";
export type { NetworkPrices, PriceBook, StorageClassPrice, StorageTier, VolumeBand } from "./pricing";
export type { Schedule } from "./schedule";

// line items
export { compute, discounted } from "./compute";
export type { AutoscalingRange, ComputeOptions, PurchaseOption } from "./compute";
export { storage, lifecycle } from "./storage";
export type { LifecycleMonth, LifecycleOptions, LifecycleResult, LifecycleRule, StorageOptions } from "./storage";
export { network } from "./network";
export type { InterfaceEndpoints, NetworkOptions } from "./network";
export { queryEngine } from "./query";
export type { QueryEngineOptions } from "./query";

// bills
export { bill, lumpSum, saving } from "./pipeline";
export type { Bill, FixedOptions, Saving } from "./pipeline";

// what-ifs
export { tornado, reservedBreakEven, reservedVsOnDemand, spotEffectivePrice, spotInterruptionOverhead } from "./whatIf";
export type { ReservedBreakEven, ReservedVsOnDemandOptions, Sensitivity, SensitivityOptions, SensitivityRow, SpotEffectivePrice, SpotInterruptionOptions, SpotOptions } from "./whatIf";

// the course's example
export { courseArchitectures, courseInputs, courseOptimizedBill, courseOptimizedInputs, courseOptimizedModel, coursePrices } from "./courseScenario";
export type { CourseArchitectures, CourseOptimizedInputs } from "./courseScenario";
export { courseFindings } from "./courseCheck";
export type { CourseFinding, Severity } from "./courseCheck";

// Deprecated aliases: the names before issue #10's renames, kept so saved notebook copies keep running.
import { lumpSum } from "./pipeline";
import { tornado } from "./whatIf";
/** @deprecated use lumpSum */
export const fixed = lumpSum;
/** @deprecated use tornado */
export const sensitivity = tornado;
