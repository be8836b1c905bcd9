/**
 * The workbook's exercise catalog: one module per notebook, each exporting
 * `exercises: Exercise[]` with ids `"NN.n"`. Expected answers live here,
 * outside the learner notebooks, computed with the library where it has
 * the formula.
 */
import type { Exercise } from "../check";
import * as nb00 from "./00-start-here";

export const catalog: readonly Exercise[] = [
  // one spread per notebook, in notebook order
  ...nb00.exercises,
];
