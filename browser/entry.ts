/**
 * The browser bundle's entry: defines `window.tradeoffLab` once per page,
 * with the library a view receives and the what-if runtime.
 */
import * as lib from "../src/display/whatIf/library";
import { RENDERED_EVENT, mount, type PageSpec } from "./runtime";

type View = Parameters<typeof mount>[1];

interface TradeoffLab {
  readonly lib: typeof lib;
  readonly mount: (spec: PageSpec, view: View) => void;
  readonly RENDERED_EVENT: string;
}

const host = window as unknown as { tradeoffLab?: TradeoffLab };
if (!host.tradeoffLab) {
  host.tradeoffLab = Object.freeze({ lib, mount: (spec: PageSpec, view: View) => mount(spec, view, lib), RENDERED_EVENT });
}
