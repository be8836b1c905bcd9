/**
 * The workbook's exercise catalog: one module per notebook, each exporting
 * `exercises: Exercise[]` with ids `"NN.n"`. Expected answers live here,
 * outside the learner notebooks, computed with the library where it has
 * the formula.
 */
import type { Exercise } from "../check";
import * as nb00 from "./00-start-here";
import * as nb01 from "./01-trade-offs";
import * as nb02 from "./02-cap-and-pacelc";
import * as nb03 from "./03-consistency-models";
import * as nb04 from "./04-quorums-and-staleness";
import * as nb05 from "./05-cost-optimization";
import * as nb06 from "./06-slis-slos-and-error-budgets";
import * as nb07 from "./07-multi-region";
import * as nb08 from "./08-disaster-recovery";
import * as nb09 from "./09-partitioning-and-sharding";
import * as nb10 from "./10-backpressure-and-flow-control";
import * as nb11 from "./11-self-healing";
import * as nb12 from "./12-capstone";

export const catalog: readonly Exercise[] = [
  // one spread per notebook, in notebook order
  ...nb00.exercises,
  ...nb01.exercises,
  ...nb02.exercises,
  ...nb03.exercises,
  ...nb04.exercises,
  ...nb05.exercises,
  ...nb06.exercises,
  ...nb07.exercises,
  ...nb08.exercises,
  ...nb09.exercises,
  ...nb10.exercises,
  ...nb11.exercises,
  ...nb12.exercises,
];
