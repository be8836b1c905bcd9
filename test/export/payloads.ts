/** Hostile markdown for the sanitizer and browser tests. */
/** The markdown payloads of issue 16 (item 6) that ran in the old export, and their kin. */
export const MARKDOWN_PAYLOADS: readonly string[] = [
  "<script>window.__pwned = 'script'</script>",
  "<img src=x onerror=\"window.__pwned = 'onerror'\">",
  "<svg onload=\"window.__pwned = 'onload'\"><circle r=\"1\"/></svg>",
  "<iframe srcdoc=\"<script>parent.__pwned = 'srcdoc'</script>\"></iframe>",
  "[click](javascript:void(window.__pwned='javascript-link'))",
  "<a href=\"javascript:void(window.__pwned='a-href')\" id=\"jslink\">link</a>",
  "<details open ontoggle=\"window.__pwned = 'ontoggle'\"><summary>s</summary>x</details>",
];

/**
 * Script payloads for data, parameters and outputs (issue 16: "the 34
 * others"): each sets `window.__pwned` when it runs as plain HTML in
 * Chromium, on its own or when an element whose id starts with `js` is
 * clicked. The browser test proves each one live (the control) before
 * proving that none runs in an exported page.
 */
export const OUTPUT_PAYLOADS: readonly string[] = [
  "<script>window.__pwned = 'output-script'</script>",
  "<img src=x onerror=window.__pwned++>",
  "<img src=\"x\" srcset=\"y 1x\" onerror=\"window.__pwned = 'srcset'\">",
  "<svg><script>window.__pwned = 'svg-script'</script></svg>",
  "<svg><animate onbegin=\"window.__pwned = 'animate'\" attributeName=\"x\" dur=\"1s\"/></svg>",
  "<svg><a id=\"jssvglink\" href=\"javascript:void(window.__pwned='svg-link')\"><text y=\"20\">svg link</text></a></svg>",
  "<iframe src=\"javascript:parent.__pwned='iframe-javascript'\"></iframe>",
  "<input autofocus onfocus=\"window.__pwned = 'autofocus'\">",
  "<textarea autofocus onfocus=\"window.__pwned = 'textarea-focus'\"></textarea>",
  "<select autofocus onfocus=\"window.__pwned = 'select-focus'\"><option>a</option></select>",
  "<video><source onerror=\"window.__pwned = 'video-source'\"></video>",
  "<audio src=\"x\" onerror=\"window.__pwned = 'audio'\"></audio>",
  "<svg><image href=\"x\" onerror=\"window.__pwned = 'svg-image'\"/></svg>",
  "<style onload=\"window.__pwned = 'style-onload'\">p{}</style>",
  "<link rel=\"stylesheet\" href=\"data:text/css,p{}\" onload=\"window.__pwned = 'link-onload'\">",
  "<math><mtext><img src=x onerror=\"window.__pwned = 'math'\"></mtext></math>",
  "<noscript><p title=\"</noscript><img src=x onerror=window.__pwned='noscript'>\"></p></noscript>",
  "<svg><style><img src=x onerror=\"window.__pwned = 'svg-style'\"></style></svg>",
  "<form><button id=\"jsformaction\" formaction=\"javascript:void(window.__pwned='formaction')\">go</button></form>",
  "<form action=\"javascript:void(window.__pwned='form-action')\"><input id=\"jssubmit\" type=\"submit\" value=\"send\"></form>",
  "<a id=\"jsmixedcase\" href=\"JaVaScRiPt:void(window.__pwned='mixed-case')\">mixed case</a>",
  "<a id=\"jsentity\" href=\"&#106;avascript:void(window.__pwned='entity')\">entity</a>",
  "<a id=\"jsspace\" href=\" javascript:void(window.__pwned='leading-space')\">space</a>",
  "<a id=\"jstab\" href=\"java&#x09;script:void(window.__pwned='tab')\">tab</a>",
  "<a id=\"jsnewline\" href=\"java\nscript:void(window.__pwned='newline')\">newline</a>",
  "<div id=\"jsdivclick\" onclick=\"window.__pwned = 'onclick'\">click me</div>",
  "<iframe srcdoc=\"<img src=x onerror=parent.__pwned='srcdoc-img'>\"></iframe>",
  "<img src=x onerror=\"setTimeout('window.__pwned = 1')\">",
  "<body onload=\"window.__pwned = 'body-onload'\">",
  "<img src=x onerror=\"eval(atob('d2luZG93Ll9fcHduZWQ9J2F0b2In'))\">",
  "<p>text</p><img src=x one\u0000rror=\"window.__pwned = 'nul'\"><img src=x onerror=\"window['__pw'+'ned'] = 'computed'\">",
  "<table><tr><td background=\"x\" onmouseenter=\"\"><img src=x onerror=\"window.__pwned = 'table-cell'\"></td></tr></table>",
  "<details open ontoggle=\"window.__pwned = 'output-ontoggle'\"><summary>s</summary>x</details>",
  "<a id=\"jsdata\" href=\"data:text/html,<script>alert(1)</script>\" onclick=\"window.__pwned = 'data-link-onclick'\">data link</a>",
];
