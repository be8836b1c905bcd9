/**
 * `exercises`, as notebooks see it: `exercises.check(id, answer)` after an
 * exercise cell and `exercises.progress("04")` at the end of a notebook.
 */
import { registerLazily } from "./check";
import { catalogLoaders } from "./catalog";

for (const [notebook, load] of catalogLoaders) registerLazily(notebook, load);

export { check, checkCell, progress, grade, list, formatVerdict } from "./check";
export type { Exercise, ExerciseKind, Verdict } from "./check";
