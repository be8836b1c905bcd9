/** Hostile markdown for the sanitizer and browser tests. */
/** The markdown payloads of issue 16 (item 6) that ran in the old export, and their kin. */
export const MARKDOWN_PAYLOADS: readonly string[] = [
  "<script>window.__pwned = 'script'</script>",
  "<img src=x onerror=\"window.__pwned = 'onerror'\">",
  "<svg onload=\"window.__pwned = 'onload'\"><circle r=\"1\"/></svg>",
  "<iframe srcdoc=\"<script>parent.__pwned = 'srcdoc'</script>\"></iframe>",
  "[click](javascript:window.__pwned='javascript-link')",
  "<a href=\"javascript:window.__pwned='a-href'\" id=\"jslink\">link</a>",
  "<details open ontoggle=\"window.__pwned = 'ontoggle'\"><summary>s</summary>x</details>",
];
