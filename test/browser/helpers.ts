/**
 * Shared set-up for the browser tests: Debian's Chromium through
 * playwright-core, every request that is not file: or data: blocked and
 * recorded, console errors and dialogs collected.
 *
 * When Chromium or nbconvert is missing, the tests say so loudly and skip;
 * under CI=true they fail instead (.ci/run installs both).
 */
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import type { Browser, Page } from "playwright-core";
import { CHROMIUM_ARGS as LIBRARY_CHROMIUM_ARGS } from "../../src/display/staticImages";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** The switches the library itself launches Chromium with (static chart images, PDF). */
export const CHROMIUM_ARGS = [...LIBRARY_CHROMIUM_ARGS];

/** What a page did while it was open. */
export interface PageLog {
  /** console.error messages and uncaught exceptions. */
  errors: string[];
  /** Requests that were not file: or data: (all blocked). */
  network: string[];
  /** Messages of alert/confirm/prompt dialogs (dismissed). */
  dialogs: string[];
}

/**
 * Skips the suite with a loud message when `what` is missing, or fails it
 * under CI=true. Call from `before`.
 */
export function requireTool(ctx: Mocha.Context, available: boolean, what: string, howToInstall: string): void {
  if (available) return;
  const message = `${what} is missing: ${howToInstall}`;
  if (process.env.CI === "true") throw new Error(`${message} (CI=true: failing instead of skipping)`);
  console.warn(`\n  !!! SKIPPING BROWSER TESTS: ${message} !!!\n`);
  ctx.skip();
}

export function hasChromium(): boolean {
  return existsSync(CHROMIUM);
}

export function hasNbconvert(): boolean {
  return spawnSync("/usr/bin/python3", ["-c", "import nbconvert"], { encoding: "utf8" }).status === 0;
}

export async function launch(): Promise<Browser> {
  const { chromium } = await import("playwright-core");
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * Opens a page that blocks and records every non-file/non-data request.
 * @param options javaScript: false opens it in a context with JavaScript disabled (closed with the page)
 */
export async function openPage(browser: Browser, url: string, options: { javaScript?: boolean } = {}): Promise<{ page: Page; log: PageLog }> {
  let page: Page;
  if (options.javaScript === false) {
    const context = await browser.newContext({ javaScriptEnabled: false });
    page = await context.newPage();
    page.once("close", () => void context.close());
  } else {
    page = await browser.newPage();
  }
  const log: PageLog = { errors: [], network: [], dialogs: [] };
  page.on("console", (msg) => {
    if (msg.type() === "error") log.errors.push(msg.text());
  });
  page.on("pageerror", (error) => log.errors.push(`pageerror: ${error.message}`));
  page.on("dialog", (dialog) => {
    log.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.route("**/*", (route) => {
    const target = route.request().url();
    if (target.startsWith("file:") || target.startsWith("data:")) return route.continue();
    log.network.push(target);
    return route.abort();
  });
  await page.goto(url, { waitUntil: "load" });
  return { page, log };
}

/**
 * One tab that opens page after page, with the blocking and the log of
 * {@link openPage}: for a test that opens many pages. Each `open` first
 * goes to about:blank, so every page is a new document (its own window,
 * timers and log), but the tab keeps its renderer: a new tab costs
 * Chromium a new renderer process that compiles plotly.js again, about
 * 1.4 CPU-s per exported notebook page where a navigation costs 0.5
 * (measured on this 2-core machine). The tab closes with its browser.
 */
export class Tab {
  private opened: Promise<{ page: Page; log: PageLog }> | undefined;

  /** @param options javaScript: false opens the tab in a context with JavaScript disabled */
  constructor(
    private readonly browser: Browser,
    private readonly options: { javaScript?: boolean } = {},
  ) {}

  /** Opens `url` as a new document; the log returned is this document's only. */
  async open(url: string): Promise<{ page: Page; log: PageLog }> {
    this.opened ??= openPage(this.browser, "about:blank", this.options);
    const { page, log } = await this.opened;
    await page.goto("about:blank");
    log.errors.length = 0;
    log.network.length = 0;
    log.dialogs.length = 0;
    await page.goto(url, { waitUntil: "load" });
    return { page, log };
  }
}

/**
 * Lets a page reach only `origin` (a local Jupyter) and data:/blob: URLs;
 * every other request is aborted and its URL pushed to `offsite`.
 */
export async function onlyOrigin(page: Page, origin: string, offsite: string[]): Promise<void> {
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
    offsite.push(url);
    return route.abort();
  });
}

/** Waits until every chart div holds Plotly's rendered SVG. */
export async function waitForCharts(page: Page, timeoutMs = 15_000): Promise<number> {
  // A string, evaluated in the page: the project's tsconfig has no DOM lib.
  const allDrawn =
    'Array.from(document.querySelectorAll(".tradeoff-lab-chart")).every(function (c) { return c.querySelector(".main-svg") !== null; })' +
    ' && document.querySelectorAll(".tradeoff-lab-chart").length > 0';
  await page.waitForFunction(allDrawn, undefined, { timeout: timeoutMs });
  return page.locator(".tradeoff-lab-chart").count();
}
