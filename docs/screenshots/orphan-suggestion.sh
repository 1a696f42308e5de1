#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Takes docs/screenshots/orphan-suggestion.png: the demo essay saved after
# its last sentence was reworded, three highlights made in it, and a
# Hypothesis annotation of the old wording imported, which finds no
# passage (an orphan).  The app opens on the orphan, as choosing its row
# does: the closest passage selected, Re-attach offered.  xcompmgr runs
# in the X server so the popover has no black frame; the toast that says
# so is closed first, so the orphan's row shows.
#
#   docs/screenshots/orphan-suggestion.sh BUILD_DIR OUT.png
set -eu
build=$(realpath "$1")
out=$(realpath -m "$2")
here=$(dirname "$(realpath "$0")")
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT

mkdir -p "$work/site"
sed 's/Weeks later the notes are what you return to/Weeks later, notes are what readers return to/' \
  "$here/slow-reading.html" > "$work/site/slow-reading.html"
port=8767
url="http://127.0.0.1:$port/slow-reading.html"
(cd "$work/site" && exec python3 -m http.server --bind 127.0.0.1 $port >/dev/null 2>&1) &
server=$!
sleep 1

db="$work/library.db"
cli() { "$build/src/cli/clipper-cli" --db "$db" "$@"; }
id=$(cli add "$url" | grep -o '[0-9][0-9]*' | head -1)
cli highlight "$id" --quote "A saved article is only half kept if you cannot find the sentence that made you save it." \
  --color yellow >/dev/null
cli highlight "$id" --quote "Yellow for what is important, green for an idea worth stealing" --color green \
  --note "Use the colour names as tags in the Markdown export." >/dev/null
cli highlight "$id" --quote "reading leaks nothing to the trackers" --color blue --note "Offline by design." >/dev/null
cat > "$work/hypothesis.json" <<JSON
[{"id": "Wk7later", "created": "2026-11-03T18:20:00.000000+00:00", "updated": "2026-11-03T18:20:00.000000+00:00",
  "user": "acct:ada@hypothes.is", "uri": "$url", "text": "The review page is the point of the whole app.",
  "tags": ["product"], "group": "__world__",
  "target": [{"source": "$url", "selector": [
    {"type": "TextQuoteSelector", "exact": "Weeks later the notes are what you return to", "prefix": "Coming back", "suffix": ": a list of passages"}]}],
  "document": {"title": ["The Art of Slow Reading"]}}]
JSON
cli import "$work/hypothesis.json" --format hypothesis >/dev/null
orphan=$(cli highlights "$id" --orphans --format json | grep -o '"id" *: *[0-9][0-9]*' | head -1 | grep -o '[0-9][0-9]*$')

CLIPPER_DB="$db" XDG_DATA_HOME="$work/xdg" GSETTINGS_SCHEMA_DIR="$build/data" GSETTINGS_BACKEND=memory \
GSK_RENDERER=cairo WEBKIT_DISABLE_DMABUF_RENDERER=1 GTK_A11Y=none \
  dbus-run-session -- xvfb-run -a -s "-screen 0 1100x760x24 -nolisten tcp" \
  sh -c 'xcompmgr &
         # The "Closest passage selected" toast lies over the orphan row until
         # its timeout, longer than clipper-screenshot waits: once its dark
         # box shows at the window foot, close it with its button.
         (for i in $(seq 100); do
            case $(import -window root -crop 1x1+490+695 txt:- 2>/dev/null) in
              *"#4C4C4C"*) xdotool mousemove 961 707 click 1; exit ;;
            esac
            sleep 0.1
          done) &
         exec "$@"' sh "$build/tests/ui/app/clipper-screenshot" "$id" "$out" articles "$orphan"
