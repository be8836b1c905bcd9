import { strict as assert } from "node:assert";
import { externalResources, isExternalUrl, makeOffline } from "../../src/export";

describe("export.offline", () => {
  it("makeOffline removes nbconvert's require.js/MathJax/jQuery tags (CDN, file:///usr/share, empty) and keeps local ones", () => {
    const html = [
      '<script src="https://cdnjs.cloudflare.com/ajax/libs/require.js/2.1.10/require.min.js"></script>',
      '<script src="file:///usr/share/javascript/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe"> </script>',
      '<script src=""></script>',
      '<link rel="stylesheet" href="//fonts.example/x.css">',
      '<script src="local.js"></script>',
      '<link rel="stylesheet" href="style.css">',
      "<script>var inline = 1;</script>",
    ].join("\n");
    const { html: out, removed } = makeOffline(html);
    assert.deepEqual(removed, [
      "https://cdnjs.cloudflare.com/ajax/libs/require.js/2.1.10/require.min.js",
      "file:///usr/share/javascript/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe",
      "",
      "//fonts.example/x.css",
    ]);
    assert.equal(out, ["", "", "", "", '<script src="local.js"></script>', '<link rel="stylesheet" href="style.css">', "<script>var inline = 1;</script>"].join("\n"));
  });

  it("externalResources finds loading elements and CSS urls that leave the page, ignores links and inline script text", () => {
    const html = [
      '<img src="https://example.com/a.png">',
      "<iframe src='http://x'></iframe>",
      '<a href="https://jepsen.io/consistency">Jepsen</a>',
      '<img src="data:image/png;base64,AAAA">',
      "<style>body{background:url(https://x/y.png)}</style>",
      '<script>var u = "<img src=https://not-loaded>";</script>',
    ].join("\n");
    assert.deepEqual(externalResources(html), ['<img src="https://example.com/a.png">', '<iframe src="http://x">', "url(https://x/y.png)"]);
  });

  it("externalResources finds srcset candidates, video posters and backslash (\\\\host) URLs that leave the page", () => {
    const html = [
      '<img src="a.png" srcset="a2.png 2x, https://cdn.example/a3.png 3x">',
      '<picture><source srcset="//cdn.example/b.webp"></picture>',
      '<video src="v.mp4" poster="https://cdn.example/p.jpg"></video>',
      '<img src="\\\\evil.example\\x.png">',
      '<img srcset="data:image/png;base64,AAAA 1x, local.png 2x">',
    ].join("\n");
    assert.deepEqual(externalResources(html), [
      '<img src="\\\\evil.example\\x.png">',
      '<video poster="https://cdn.example/p.jpg">',
      '<img srcset="https://cdn.example/a3.png">',
      '<source srcset="//cdn.example/b.webp">',
    ]);
    for (const u of ["\\\\host/x", "\\/host/x", "/\\host/x"]) assert.equal(isExternalUrl(u), true, u);
  });

  it("isExternalUrl: http(s), //, file:, absolute paths and empty are external; relative, data: and #anchors are not", () => {
    for (const u of ["https://a", "http://a", "//a", "file:///a", "/abs", "", "  "]) assert.equal(isExternalUrl(u), true, u);
    for (const u of ["a.js", "./a.js", "data:text/plain,x", "#top"]) assert.equal(isExternalUrl(u), false, u);
  });
});
