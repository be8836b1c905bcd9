/**
 * The workbook's exercise catalog: one module per notebook, each exporting
 * `exercises: Exercise[]` with ids `"NN.n"`. Expected answers live here,
 * outside the learner notebooks, computed with the library where it has
 * the formula.
 */
import type { Exercise } from "../check";

export const catalog: readonly Exercise[] = [
  // one spread per notebook, in notebook order, e.g. ...nb04.exercises
];
