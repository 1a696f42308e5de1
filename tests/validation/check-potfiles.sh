#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Fails when a source file with translatable strings is missing from po/POTFILES.in.
set -eu
cd "$1"
status=0
for f in $(grep -rlE '(\b_\(|N_\(|translatable="yes")' src resources --include='*.c' --include='*.ui' 2>/dev/null | sort); do
  if ! grep -qx "$f" po/POTFILES.in; then
    echo "missing from po/POTFILES.in: $f"
    status=1
  fi
done
while read -r f; do
  case "$f" in ''|'#'*) continue ;; esac
  [ -e "$f" ] || { echo "listed in po/POTFILES.in but missing: $f"; status=1; }
done < po/POTFILES.in
exit $status
