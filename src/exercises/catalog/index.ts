/**
 * The workbook's exercise catalog: one module per notebook, each exporting
 * `exercises: Exercise[]` with ids `"NN.n"`. Expected answers live there,
 * outside the learner notebooks, computed with the library where it has
 * the formula.
 *
 * Several modules compute their expected answers when loaded (simulations,
 * the course's cost model), so each is loaded on its notebook's first
 * check: importing the library stays fast, and notebook 04 never pays for
 * notebook 05's answers.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
import type { Exercise } from "../check";

/** Each notebook's number ("04") and the loader of its exercises, in notebook order. */
export const catalogLoaders: ReadonlyMap<string, () => readonly Exercise[]> = new Map([
  ["00", () => (require("./00-start-here") as typeof import("./00-start-here")).exercises],
  ["01", () => (require("./01-trade-offs") as typeof import("./01-trade-offs")).exercises],
  ["02", () => (require("./02-cap-and-pacelc") as typeof import("./02-cap-and-pacelc")).exercises],
  ["03", () => (require("./03-consistency-models") as typeof import("./03-consistency-models")).exercises],
  ["04", () => (require("./04-quorums-and-staleness") as typeof import("./04-quorums-and-staleness")).exercises],
  ["05", () => (require("./05-cost-optimization") as typeof import("./05-cost-optimization")).exercises],
  ["06", () => (require("./06-slis-slos-and-error-budgets") as typeof import("./06-slis-slos-and-error-budgets")).exercises],
  ["07", () => (require("./07-multi-region") as typeof import("./07-multi-region")).exercises],
  ["08", () => (require("./08-disaster-recovery") as typeof import("./08-disaster-recovery")).exercises],
  ["09", () => (require("./09-partitioning-and-sharding") as typeof import("./09-partitioning-and-sharding")).exercises],
  ["10", () => (require("./10-backpressure-and-flow-control") as typeof import("./10-backpressure-and-flow-control")).exercises],
  ["11", () => (require("./11-self-healing") as typeof import("./11-self-healing")).exercises],
  ["12", () => (require("./12-capstone") as typeof import("./12-capstone")).exercises],
]);
