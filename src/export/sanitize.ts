/**
 * The export's allow-list sanitizer (sanitize-html). Everything a notebook
 * brings as HTML, its markdown cells' raw HTML and its `text/html` outputs,
 * goes through {@link sanitizeHtml} before it reaches a page: no element
 * or attribute that can run script survives (`<script>`, `on*` handlers,
 * `<iframe srcdoc>`, `javascript:` links, `<object>`, `<embed>`, SVG with
 * script), and nothing that would load a resource from outside the page
 * (images only from `data:` or a relative path; no `url(...)` in styles).
 *
 * The only scripts on an exported page are the exporter's own: the chart
 * drawing scripts it writes from each chart's figure JSON (the structural
 * marker is the `application/vnd.plotly.v1+json` MIME type, whose data is
 * JSON and never HTML), and the plotly.js bundle.
 */
import sanitize from "sanitize-html";

/** A CSS value with no function call other than a colour (so no `url()`, `expression()`, `image-set()`). */
const SAFE_CSS_VALUE = /^(?:[^()\\]*|rgba?\([\d.,\s%]+\)|hsla?\([\d.,\s%deg]+\))$/i;

const STYLE_PROPERTIES = [
  "text-align",
  "vertical-align",
  "font-weight",
  "font-style",
  "font-size",
  "font-family",
  "color",
  "background-color",
  "background",
  "border",
  "border-left",
  "border-bottom",
  "border-collapse",
  "padding",
  "margin",
  "opacity",
  "caption-side",
  "width",
  "height",
  "max-width",
  "white-space",
];

const OPTIONS: sanitize.IOptions = {
  allowedTags: [
    ...sanitize.defaults.allowedTags.filter((t) => t !== "style"),
    "img",
    "details",
    "summary",
    "del",
    "ins",
    "kbd",
    "sub",
    "sup",
    "figure",
    "figcaption",
  ],
  allowedAttributes: {
    "*": ["class", "id", "title", "style", "lang", "dir", "align"],
    a: ["href", "name", "target", "rel"],
    img: ["src", "alt", "width", "height"],
    td: ["colspan", "rowspan"],
    th: ["colspan", "rowspan", "scope"],
    ol: ["start", "type"],
    details: ["open"],
  },
  allowedSchemes: ["http", "https", "mailto"],
  // An image may only come from the page itself: inline data or a file beside it.
  allowedSchemesByTag: { img: ["data"] },
  allowProtocolRelative: false,
  allowedStyles: { "*": Object.fromEntries(STYLE_PROPERTIES.map((p) => [p, [SAFE_CSS_VALUE]])) },
  disallowedTagsMode: "discard",
  transformTags: {
    // A link that opens a new window must not hand it this page.
    a: (tagName, attribs) => (attribs.target === undefined ? { tagName, attribs } : { tagName, attribs: { ...attribs, rel: "noopener noreferrer" } }),
  },
};

/**
 * Cleans HTML from a notebook with the export's allow-list.
 * @param html markup from a markdown cell or a `text/html` output
 * @returns markup with no script, event handler, frame or external resource
 * @example sanitizeHtml('<img src=x onerror="alert(1)"><b>ok</b>') // => '<img src="x" /><b>ok</b>'
 */
export function sanitizeHtml(html: string): string {
  return sanitize(html, OPTIONS);
}
