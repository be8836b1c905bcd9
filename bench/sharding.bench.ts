/**
 * Sharding: a 1,000,000-key rebalancing computation, 100 → 101 shards, for
 * each placement (hash the keys once, place them at n and n + 1, count the
 * moves). Prints wall time (best of 3) and the moved fraction.
 */
import { hashGeneratedKeys, movementOf, type PlacementName } from "../dist/sharding/analysis";
import { bestOf } from "./timing";

const KEYS = 1_000_000;
const FROM = 100;
const VNODES = 100;

export function run(): void {
  let keys = hashGeneratedKeys(1);
  const hashMs = bestOf(3, () => {
    keys = hashGeneratedKeys(KEYS);
  });
  console.log(`hash ${KEYS.toLocaleString("en-US")} keys (fmix64∘FNV-1a-64): ${hashMs.toFixed(0)} ms (${(KEYS / hashMs / 1000).toFixed(1)} M keys/s)`);
  for (const placement of ["modN", "ring", "jump"] as PlacementName[]) {
    let moved = 0;
    const ms = bestOf(3, () => {
      moved = movementOf(placement, FROM, FROM + 1, keys, VNODES).movedFraction;
    });
    const label = placement === "ring" ? `ring (${VNODES} vnodes/shard)` : placement;
    console.log(`rebalance ${label} ${FROM} → ${FROM + 1}: ${ms.toFixed(0)} ms for 2 × ${KEYS.toLocaleString("en-US")} placements, moved ${(moved * 100).toFixed(2)}%`);
  }
}
