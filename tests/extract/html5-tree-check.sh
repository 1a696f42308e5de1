#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Compares the trees of the extractor's HTML parser with parse5's (jsdom),
# page by page: the body's text (tags removed, white space collapsed) and
# its sequence of tags.  A manual check; it needs Node and jsdom:
#
#   npm install --prefix /tmp/rjs jsdom@27
#   NODE_PATH=/tmp/rjs/node_modules tests/extract/html5-tree-check.sh \
#       build/tests/extract/html-parse-dump ../shared/corpus/readability-test-pages
set -eu
dump=$1
pages=$2
here=$(dirname "$0")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for dir in "$pages"/*/; do
  name=$(basename "$dir")
  "$dump" "$dir/source.html" > "$tmp/ours" 2>/dev/null || true
  node "$here/html5-tree-dump.js" "$dir/source.html" > "$tmp/parse5" 2>/dev/null || true
  python3 - "$name" "$tmp/ours" "$tmp/parse5" <<'PY'
import re, sys
name, a, b = sys.argv[1:]
ours = open(a, encoding='utf-8', errors='replace').read()
ref = open(b, encoding='utf-8', errors='replace').read()
text = lambda s: ' '.join(re.sub(r'<[^>]*>', ' ', s).split())
tags = lambda s: re.findall(r'</?[a-z0-9-]+>', s)
print(name, 'text', 'same' if text(ours) == text(ref) else 'DIFF',
      'tags', 'same' if tags(ours) == tags(ref) else 'DIFF')
PY
done | tee "$tmp/result"
echo "text the same on $(grep -c 'text same' "$tmp/result") pages, tags on $(grep -c 'tags same' "$tmp/result"), of $(wc -l < "$tmp/result")"
