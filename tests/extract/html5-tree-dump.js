// SPDX-License-Identifier: GPL-3.0-or-later
//
// Prints the <body> that parse5 (through jsdom) builds for a page, in the
// form html-parse-dump prints ours.  Used by html5-tree-check.sh.
'use strict';
const { JSDOM, VirtualConsole } = require('jsdom');
const fs = require('fs');

const skipped = new Set(['script', 'style', 'noscript', 'template', 'textarea', 'iframe', 'noembed', 'noframes', 'xmp']);
function dump(node, out) {
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === 3) {
      out.push(c.data);
    } else if (c.nodeType === 1) {
      const name = c.localName.toLowerCase();
      if (skipped.has(name))
        continue;
      out.push('<' + name + '>');
      dump(c, out);
      out.push('</' + name + '>');
    }
  }
}
const dom = new JSDOM(fs.readFileSync(process.argv[2], 'utf8'), { virtualConsole: new VirtualConsole() });
const out = [];
dump(dom.window.document.body, out);
process.stdout.write(out.join(''));
