/**
 * Markdown cells rendered for the export, with their TeX formulas typeset
 * at export time by KaTeX (`renderToString`), so a page shows every formula
 * without JavaScript and without network. markdown-it renders the prose
 * (`\$` is an escaped dollar sign and shows as `$`), the
 * @vscode/markdown-it-katex rules find `$…$` and `$$…$$`, and the result is
 * sanitized with the export's allow-list ({@link sanitizeHtml}) before the
 * typeset formulas, which KaTeX wrote from TeX with `trust: false`, are put
 * back in.
 *
 * KaTeX's stylesheet and WOFF2 fonts ship beside the site (`katex/`), or
 * inline as `data:` URLs in a single-file page.
 */
import { randomBytes } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { sanitizeHtml } from "./sanitize";

type Render = (source: string) => string;
let renderer: { render: Render; formulas: string[]; nonce: string } | undefined;

/** markdown-it with the KaTeX rules; built on first use (the libraries load lazily). */
function markdownRenderer(): { render: Render; formulas: string[]; nonce: string } {
  if (renderer === undefined) {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const MarkdownIt = require("markdown-it") as typeof import("markdown-it");
    const katex = require("katex") as typeof import("katex").default;
    const katexRules = require("@vscode/markdown-it-katex") as { default: (md: unknown, options: unknown) => void };
    /* eslint-enable @typescript-eslint/no-require-imports */
    const formulas: string[] = [];
    const nonce = randomBytes(8).toString("hex");
    // Each formula becomes a placeholder the sanitizer keeps as text; the real markup goes back in afterwards.
    const placeholder = {
      renderToString(latex: string, options: Record<string, unknown>): string {
        formulas.push(katex.renderToString(latex, { ...options, throwOnError: false, trust: false, strict: "ignore", output: "htmlAndMathml" }));
        return `TLMATH${nonce}N${formulas.length - 1}E`;
      },
    };
    const md = new MarkdownIt({ html: true, linkify: false });
    katexRules.default(md, { katex: placeholder, enableMathBlockInHtml: true, enableMathInlineInHtml: true });
    renderer = { render: (source) => md.render(source), formulas, nonce };
  }
  return renderer;
}

/** What {@link renderMarkdown} made. */
export interface RenderedMarkdown {
  /** Sanitized HTML with typeset formulas. */
  readonly html: string;
  /** How many formulas were typeset. */
  readonly formulas: number;
}

/**
 * Renders a markdown cell to sanitized HTML with its formulas typeset.
 * @param source the cell's markdown
 * @example renderMarkdown("Costs \\$5; $$x^2$$").html.includes('class="katex-display"') // => true
 */
export function renderMarkdown(source: string): RenderedMarkdown {
  const r = markdownRenderer();
  const first = r.formulas.length;
  const clean = sanitizeHtml(r.render(source));
  const pattern = new RegExp(`TLMATH${r.nonce}N(\\d+)E`, "g");
  let formulas = 0;
  const html = clean.replace(pattern, (whole, n: string) => {
    const index = Number(n);
    if (index < first || index >= r.formulas.length) return whole;
    formulas += 1;
    return r.formulas[index] ?? whole;
  });
  r.formulas.length = first;
  return { html, formulas };
}

/** KaTeX's dist folder. */
function katexDist(): string {
  return join(dirname(require.resolve("katex/package.json")), "dist");
}

/** KaTeX's stylesheet with only its WOFF2 sources (every browser that runs the pages reads WOFF2). */
function katexCss(): string {
  return readFileSync(join(katexDist(), "katex.min.css"), "utf8").replace(/src:url\((fonts\/[^)]+\.woff2)\) format\("woff2"\)(,url\([^)]+\) format\("[^"]+"\))*/g, 'src:url($1) format("woff2")');
}

/** The files of KaTeX's assets for a site's `katex/` folder: relative path → contents. */
export function katexAssets(): Map<string, Buffer> {
  const files = new Map<string, Buffer>([["katex.min.css", Buffer.from(katexCss())]]);
  const fonts = join(katexDist(), "fonts");
  for (const f of readdirSync(fonts)) if (f.endsWith(".woff2")) files.set(`fonts/${f}`, readFileSync(join(fonts, f)));
  return files;
}

/** KaTeX's stylesheet with its fonts inline as `data:` URLs, for a single-file page. */
export function katexInlineCss(): string {
  const fonts = join(katexDist(), "fonts");
  return katexCss().replace(/url\((fonts\/[^)]+\.woff2)\)/g, (_m, path: string) => `url(data:font/woff2;base64,${readFileSync(join(fonts, path.slice("fonts/".length))).toString("base64")})`);
}
