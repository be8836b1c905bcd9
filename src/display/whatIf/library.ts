/**
 * The library a what-if view receives: every domain namespace, and the
 * display builders (charts, tables, explained results, formatting) without
 * the parts that send output. The kernel passes this module to a view to
 * render its defaults; the browser bundle (scripts/build-browser.ts) is
 * built from this same module, so a view sees the same library in both.
 */
export * as availability from "../../availability";
export * as quorum from "../../quorum";
export * as pbs from "../../pbs";
export * as pacelc from "../../pacelc";
export * as consistency from "../../consistency";
export * as tradeoffs from "../../tradeoffs";
export * as slo from "../../slo";
export * as cost from "../../cost";
export * as dr from "../../dr";
export * as multiRegion from "../../multiRegion";
export * as sharding from "../../sharding";
export * as flow from "../../flow";
export * as healing from "../../healing";
export * as display from "../builders";
