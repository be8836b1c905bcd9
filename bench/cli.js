// Entry of `npm run bench`. It registers only tsx's CommonJS hook, so that
// bench/*.ts compile, and then runs bench/index.ts. The built library (dist/)
// then runs as it does in a notebook. tsx's full registration (`tsx
// bench/index.ts`, or `node --import tsx`) slowed its hot loops: PBS with
// LNKD-DISK, 1,000,000 trials, took 206–228 ms under it and 180–195 ms under
// plain node or with this hook (2026-12-05, this machine).
require("tsx/cjs");
require("./index.ts");
