/**
 * Making an exported page self-contained: nbconvert's templates reference
 * require.js, MathJax and jQuery by URL (a CDN upstream, file:///usr/share
 * on Debian). None of them is needed to read the page or draw its charts,
 * so their tags are removed; then the page is checked for anything else
 * that would make the browser fetch a resource.
 */

/** Attributes through which an element loads a resource. Links (`<a href>`) do not load anything and are allowed. */
const LOADING = [
  { tag: "script", attr: "src" },
  { tag: "link", attr: "href" },
  { tag: "img", attr: "src" },
  { tag: "iframe", attr: "src" },
  { tag: "source", attr: "src" },
  { tag: "video", attr: "src" },
  { tag: "video", attr: "poster" },
  { tag: "audio", attr: "src" },
  { tag: "embed", attr: "src" },
  { tag: "object", attr: "data" },
] as const;

/**
 * True for a URL that leaves the page's folder: http(s), protocol-relative,
 * file:, or an absolute path. Browsers read `\` as `/` (WHATWG URL), so
 * `\\host/x` is protocol-relative too.
 */
export function isExternalUrl(url: string): boolean {
  const u = url.trim();
  if (u === "") return true; // an empty src loads nothing useful and is an error in some browsers
  if (/^data:/i.test(u) || u.startsWith("#")) return false;
  return /^[a-z][a-z0-9+.-]*:/i.test(u) || /^[/\\]/.test(u);
}

/** The URLs of a `srcset` value: comma-separated candidates, each a URL and an optional descriptor. */
function srcsetUrls(srcset: string): string[] {
  return srcset
    .split(",")
    .map((candidate) => candidate.trim().split(/\s+/)[0] ?? "")
    .filter((u) => u !== "");
}

function attribute(tagText: string, attr: string): string | undefined {
  const m = new RegExp(`\\s${attr}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, "i").exec(tagText);
  if (!m) return undefined;
  return m[2] ?? m[3] ?? m[4] ?? "";
}

/** What {@link makeOffline} removed. */
export interface OfflineResult {
  readonly html: string;
  /** The URLs of the removed script and link tags. */
  readonly removed: readonly string[];
}

/**
 * Removes `<script src>` and `<link href>` tags that point outside the page
 * (nbconvert's require.js, MathJax, jQuery, widget loaders).
 * @example makeOffline('<script src="https://cdn/x.js"></script>').html // => ""
 */
export function makeOffline(html: string): OfflineResult {
  const removed: string[] = [];
  let out = html.replace(/<script\b[^>]*\ssrc\s*=[^>]*>\s*<\/script\s*>/gi, (tag) => {
    const src = attribute(tag, "src") ?? "";
    if (!isExternalUrl(src)) return tag;
    removed.push(src);
    return "";
  });
  out = out.replace(/<link\b[^>]*>/gi, (tag) => {
    const href = attribute(tag, "href");
    if (href === undefined || !isExternalUrl(href)) return tag;
    removed.push(href);
    return "";
  });
  return { html: out, removed };
}

/**
 * Every external resource a page would load: loading elements' URLs that
 * leave the page's folder, and CSS `url(...)`/`@import` of http(s) URLs.
 * Inline scripts' text is not parsed (the plotly bundle names URLs it
 * never fetches); the browser test checks real requests.
 */
export function externalResources(html: string): string[] {
  const found: string[] = [];
  const withoutScripts = html.replace(/(<script\b[^>]*>)[\s\S]*?(<\/script\s*>)/gi, "$1$2");
  for (const { tag, attr } of LOADING) {
    for (const m of withoutScripts.matchAll(new RegExp(`<${tag}\\b[^>]*>`, "gi"))) {
      const url = attribute(m[0], attr);
      if (url !== undefined && isExternalUrl(url)) found.push(`<${tag} ${attr}="${url}">`);
    }
  }
  for (const m of withoutScripts.matchAll(/<(img|source)\b[^>]*>/gi)) {
    const srcset = attribute(m[0], "srcset");
    for (const url of srcset === undefined ? [] : srcsetUrls(srcset)) if (isExternalUrl(url)) found.push(`<${(m[1] as string).toLowerCase()} srcset="${url}">`);
  }
  for (const m of withoutScripts.matchAll(/url\(\s*['"]?(https?:|\/\/)[^)]*\)|@import\s+['"](https?:|\/\/)[^'"]*['"]/gi)) found.push(m[0]);
  return found;
}
