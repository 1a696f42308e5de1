// SPDX-License-Identifier: GPL-3.0-or-later
//
// Checks the serialization contract with a browser-grade HTML5 parser
// (parse5, through jsdom): for every `clipper-cli extract --format json`
// output in DIR, the <article>'s textContent must equal "text" exactly and
// the fragment must parse to that one <article>.  A manual check: it needs
// Node and jsdom, which the core's tests do not.
//
//   npm install --prefix /tmp/rjs jsdom@27
//   for f in pages/*.html; do clipper-cli extract --format json "$f" > out/$(basename "$f").json; done
//   NODE_PATH=/tmp/rjs/node_modules node tests/extract/html5-text-check.js out
'use strict';
const { JSDOM } = require('jsdom');
const fs = require('fs');
const path = require('path');

const dir = process.argv[2];
if (!dir) {
  console.error('usage: html5-text-check.js DIR');
  process.exit(2);
}
let bad = 0, n = 0;
for (const f of fs.readdirSync(dir).filter(f => f.endsWith('.json'))) {
  const d = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
  const dom = new JSDOM('<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>' + d.html + '</body></html>');
  const body = dom.window.document.body;
  const roots = [...body.childNodes].filter(c => c.nodeType === 1 || (c.nodeType === 3 && c.textContent !== ''));
  const article = roots.length === 1 && roots[0].localName === 'article' ? roots[0] : null;
  n++;
  if (!article) {
    console.log(`${f}: ${roots.length} roots, not one <article>`);
    bad++;
    continue;
  }
  const text = article.textContent;
  if (text !== d.text) {
    let i = 0;
    while (i < text.length && text[i] === d.text[i]) i++;
    console.log(`${f}: differs at ${i}: ${JSON.stringify(text.slice(i, i + 60))} vs ${JSON.stringify(d.text.slice(i, i + 60))}`);
    bad++;
  }
}
console.log(`checked ${n}, differing ${bad}`);
process.exit(bad ? 1 : 0);
