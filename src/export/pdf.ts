/**
 * The PDF stage: an exported page printed by Chromium (print-to-PDF), with
 * JavaScript off, so each chart prints as its static SVG, which Chromium
 * keeps as vector graphics; the page's print rules keep a chart or a
 * formula from being cut by a page break. Nothing is fetched: every request
 * that is not a file beside the page is aborted.
 */
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";

/** Paper sizes for `export --format pdf`. */
export type Paper = "a4" | "letter";

/** Every paper size. */
export const PAPERS: readonly Paper[] = ["a4", "letter"];

/**
 * Prints one HTML page to PDF.
 * @param browser a running Chromium (the export's one browser)
 * @param htmlPath the page, with its images beside it
 * @param pdfPath where the PDF goes
 * @param paper "a4" or "letter"
 * @example await printPdf(renderer.browser, "build/site/04.html", "build/pdf/04.pdf", "a4");
 */
export async function printPdf(browser: Browser, htmlPath: string, pdfPath: string, paper: Paper): Promise<void> {
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.route("**/*", (route) => {
      const url = route.request().url();
      return url.startsWith("file:") || url.startsWith("data:") ? route.continue() : route.abort();
    });
    await page.goto(pathToFileURL(htmlPath).href, { waitUntil: "load" });
    await page.emulateMedia({ media: "print" });
    await page.pdf({
      path: pdfPath,
      format: paper === "a4" ? "A4" : "Letter",
      printBackground: true,
      margin: { top: "14mm", bottom: "14mm", left: "12mm", right: "12mm" },
    });
  } finally {
    await context.close();
  }
}
