#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Takes docs/screenshots/changed-highlight.png: a story saved with
# clipper-cli from 127.0.0.1, highlighted with a note, then edited inside
# the highlighted sentence and fetched again, and the side panel open on
# that highlight, which says what it read when it was made.
#
#   docs/screenshots/changed-highlight.sh BUILD_DIR OUT.png
set -eu
build=$(realpath "$1")
out=$(realpath -m "$2")
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT

page() {
  cat > "$work/site/keeper.html" <<HTML
<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>The Keeper of the Light</title>
<meta name="author" content="Grace Darling"><meta property="og:site_name" content="Example Journal">
<meta property="article:published_time" content="2026-10-14T08:00:00Z"></head>
<body><article><h1>The Keeper of the Light</h1>
<p>For forty years the keeper climbed the hundred and twelve steps each evening. In all that time $1, and the fishing boats came home by it through fog and gale.</p>
<p>The children of the town counted the steps with him on summer nights, and learned the names of the ships from the shape of their lights far out at sea.</p>
<p>He kept a log of every night: the wind, the oil burned, the boats that passed. The books fill a shelf in the harbour office now, and the town reads them aloud once a year.</p>
<p>When the light was made automatic he stayed on in the cottage below it, and still looked up each evening to see that it was lit.</p>
</article></body></html>
HTML
}

mkdir -p "$work/site"
page "never once had the lamp failed to shine over the harbour"
port=8766
(cd "$work/site" && exec python3 -m http.server --bind 127.0.0.1 $port >/dev/null 2>&1) &
server=$!
sleep 1

db="$work/library.db"
cli() { "$build/src/cli/clipper-cli" --db "$db" "$@"; }
id=$(cli add "http://127.0.0.1:$port/keeper.html" | grep -o '[0-9][0-9]*' | head -1)
h=$(cli highlight "$id" --quote "never once had the lamp failed to shine over the harbour" --color yellow \
      --note "The whole story in one line." | grep -o '[0-9][0-9]*' | head -1)
cli highlight "$id" --quote "the town reads them aloud once a year" --color green >/dev/null
page "never once had the great lamp failed to shine across the harbour"
cli refetch "$id" >/dev/null

CLIPPER_DB="$db" XDG_DATA_HOME="$work/xdg" GSETTINGS_SCHEMA_DIR="$build/data" GSETTINGS_BACKEND=memory \
GSK_RENDERER=cairo WEBKIT_DISABLE_DMABUF_RENDERER=1 GTK_A11Y=none \
  dbus-run-session -- xvfb-run -a -s "-screen 0 1100x760x24 -nolisten tcp" \
  "$build/tests/ui/app/clipper-screenshot" "$id" "$out" detail "$h"
