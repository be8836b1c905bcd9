/**
 * `exercises`, as notebooks see it: `exercises.check(id, answer)` after an
 * exercise cell and `exercises.progress("04")` at the end of a notebook.
 */
import { register } from "./check";
import { catalog } from "./catalog";

register(catalog);

export { check, progress, grade, list, formatVerdict } from "./check";
export type { Exercise, ExerciseKind, Verdict } from "./check";
