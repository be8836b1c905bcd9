/**
 * Catalog, consistency-graph and trade-off explorer costs: how long a
 * notebook cell waits for `pacelc.loadCatalog()`, for every
 * `consistency.strongestCommon` pair, and for `tradeoffs.weightSensitivity` on a
 * large decision. Prints figures; never fails.
 */
import * as consistency from "../dist/consistency";
import * as pacelc from "../dist/pacelc";
import * as tradeoffs from "../dist/tradeoffs";
import { createRandom } from "../dist/internal/random";
import { bestOf } from "./timing";

export function run(): void {
  const rows = pacelc.loadCatalog().length;
  const loadMs = bestOf(20, () => pacelc.loadCatalog());
  console.log(`pacelc.loadCatalog: ${rows} rows parsed and validated in ${loadMs.toFixed(2)} ms (best of 20)`);

  const models = consistency.MODELS;
  const pairsMs = bestOf(20, () => {
    for (const x of models) for (const y of models) consistency.strongestCommon(x, y);
  });
  console.log(`consistency.strongestCommon: all ${models.length ** 2} pairs in ${pairsMs.toFixed(2)} ms (best of 20)`);

  const rng = createRandom(7);
  const criteriaCount = 20;
  const optionCount = 1000;
  const decision: tradeoffs.Decision = {
    criteria: Array.from({ length: criteriaCount }, (_, j) => ({ name: `c${j}`, weight: 1 + rng.int(10) })),
    options: Array.from({ length: optionCount }, (_, i) => ({
      name: `o${i}`,
      scores: Object.fromEntries(Array.from({ length: criteriaCount }, (_, j) => [`c${j}`, rng.next() * 10])),
    })),
  };
  const scoreMs = bestOf(10, () => tradeoffs.score(decision));
  const sensitivityMs = bestOf(10, () => tradeoffs.weightSensitivity(decision));
  console.log(
    `tradeoffs: ${optionCount} options x ${criteriaCount} criteria: score ${scoreMs.toFixed(1)} ms, sensitivity ${sensitivityMs.toFixed(1)} ms (best of 10)`,
  );
}
