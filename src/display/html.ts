/**
 * Escaping for the three places display output ends up: HTML text and
 * attributes, JSON inside an inline `<script>`, and Plotly's own text
 * (which understands a few tags and entities of its own).
 *
 * Internal to the display stage; notebooks use the builders instead.
 */

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Escapes text for HTML element content and quoted attribute values.
 * @example escapeHtml('<b a="1">') // => "&lt;b a=&quot;1&quot;&gt;"
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/**
 * Backslash-escapes Markdown syntax so text shows literally and raw HTML
 * never forms: \ ` * _ [ ] < > | and `&` (or "&lt;b&gt;" would show as
 * "<b>"). Tables and explained results both escape with this.
 * @example escapeMarkdown("a*b* & <i>") // => "a\\*b\\* \\& \\<i\\>"
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|&]/g, (c) => `\\${c}`);
}

/**
 * Serialises a value as JSON that is safe inside an inline `<script>`:
 * `<`, `>` and `&` become `\u003c`, `\u003e`, `\u0026`, so neither
 * `</script>` nor `<!--` can end or confuse the script element, and
 * U+2028/U+2029 are escaped for older JavaScript parsers. The result is
 * still valid JSON and a valid JavaScript expression with the same value.
 * @example scriptJson({ s: "</script>" }) // => '{"s":"\\u003c/script\\u003e"}'
 */
export function scriptJson(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) return "null";
  return json
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/**
 * Escapes text that Plotly renders (titles, trace names, tick labels, hover
 * text). Plotly interprets a small set of tags (`<b>`, `<br>`, `<a href>`)
 * and decodes `&lt;`, `&gt;`, `&amp;`; escaping those three makes every
 * label show literally what the data said.
 * @example plotlyText("<script>") // => "&lt;script&gt;"
 */
export function plotlyText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
