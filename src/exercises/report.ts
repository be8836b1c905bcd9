/**
 * Reading graded results back out of an executed notebook: the `✓ NN.n` /
 * `✗ NN.n` lines that `exercises.check` prints. Used by `npm run exercises`
 * and by the workbook tests. Internal tooling.
 */

/** A check's outcome as printed in a notebook. */
export interface PrintedVerdict {
  readonly id: string;
  readonly passed: boolean;
  /** The whole printed line, hint included. */
  readonly line: string;
}

/** The last verdict printed for each exercise id, from cells' stdout texts. */
export function printedVerdicts(stdouts: readonly string[]): Map<string, PrintedVerdict> {
  const found = new Map<string, PrintedVerdict>();
  for (const text of stdouts) {
    for (const match of text.matchAll(/^([✓✗]) (\d\d\.\d+) .*$/gm)) {
      found.set(match[2]!, { id: match[2]!, passed: match[1] === "✓", line: match[0] });
    }
  }
  return found;
}
