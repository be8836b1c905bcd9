/**
 * The workbook's exercise catalog: one module per notebook, each exporting
 * `exercises: Exercise[]` with ids `"NN.n"`. Expected answers live here,
 * outside the learner notebooks, computed with the library where it has
 * the formula.
 */
import type { Exercise } from "../check";
import * as nb00 from "./00-start-here";
import * as nb01 from "./01-trade-offs";
import * as nb06 from "./06-slis-slos-and-error-budgets";
import * as nb07 from "./07-multi-region";
import * as nb09 from "./09-partitioning-and-sharding";

export const catalog: readonly Exercise[] = [
  // one spread per notebook, in notebook order
  ...nb00.exercises,
  ...nb01.exercises,
  ...nb06.exercises,
  ...nb07.exercises,
  ...nb09.exercises,
];
