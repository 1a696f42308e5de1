#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Makes the demo library the README's window screenshot shows: an essay
# and five pages of the shared corpus, served from 127.0.0.1 and saved
# with clipper-cli, with highlights, notes and tags.  Then takes the
# screenshot under Xvfb.
#
#   docs/screenshots/demo-library.sh BUILD_DIR SHARED_DIR OUT.png [articles|highlights]
set -eu
build=$(realpath "$1")
shared=$(realpath "$2")
out=$(realpath -m "$3")
view=${4:-articles}
here=$(dirname "$(realpath "$0")")
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT

mkdir -p "$work/site"
cp "$here/slow-reading.html" "$work/site/slow-reading.html"
for page in quanta-1 daringfireball-1 lwn-1 medium-1 guardian-1; do
  cp "$shared/corpus/readability-test-pages/$page/source.html" "$work/site/$page.html"
done

port=8765
(cd "$work/site" && exec python3 -m http.server --bind 127.0.0.1 $port >/dev/null 2>&1) &
server=$!
sleep 1

db="$work/library.db"
cli() { "$build/src/cli/clipper-cli" --db "$db" "$@"; }
for page in quanta-1 daringfireball-1 lwn-1 medium-1 guardian-1; do
  cli add "http://127.0.0.1:$port/$page.html" --tag reading >/dev/null
done
essay=$(cli add "http://127.0.0.1:$port/slow-reading.html" --tag essays --tag reading)
essay=$(echo "$essay" | grep -o '[0-9][0-9]*' | head -1)
cli highlight "$essay" --quote "A saved article is only half kept if you cannot find the sentence that made you save it." --color yellow >/dev/null
h=$(cli highlight "$essay" --quote "Yellow for what is important, green for an idea worth stealing" --color green | grep -o '[0-9][0-9]*' | head -1)
cli note "$h" "Use the **colour names** as tags in the Markdown export, so the vault can group passages by meaning." >/dev/null
h=$(cli highlight "$essay" --quote "We read to know we are not alone, and we annotate to know what we thought." --color purple | grep -o '[0-9][0-9]*' | head -1)
cli note "$h" "Source? Looks like a riff on C. S. Lewis." >/dev/null
cli highlight "$essay" --quote "reading leaks nothing to the trackers" --color blue >/dev/null
h=$(cli highlight "$essay" --quote "a click away from the place in the text" --color pink | grep -o '[0-9][0-9]*' | head -1)
cli note "$h" "Does this work for orphaned highlights too?" >/dev/null
cli highlight 5 --quote "whale" >/dev/null 2>&1 || true
cli highlight 1 --quote "chaos" >/dev/null 2>&1 || true

CLIPPER_DB="$db" XDG_DATA_HOME="$work/xdg" GSETTINGS_SCHEMA_DIR="$build/data" GSETTINGS_BACKEND=memory \
GSK_RENDERER=cairo WEBKIT_DISABLE_DMABUF_RENDERER=1 GTK_A11Y=none \
  dbus-run-session -- xvfb-run -a -s "-screen 0 1100x760x24 -nolisten tcp" \
  "$build/tests/ui/app/clipper-screenshot" "$essay" "$out" "$view"
