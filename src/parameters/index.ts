/**
 * `parameters`, as notebooks see it: the check the cell after a notebook's
 * `parameters` cell runs, so a bad value stops the notebook at once with a
 * message that names it. The declaration grammar is in `rule.ts`.
 */
export { check } from "./check";
