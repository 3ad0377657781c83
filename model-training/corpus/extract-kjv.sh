#!/usr/bin/env bash
# Rebuilds kjv-selection.txt from Debian's bible-kjv package (King James Version, public domain).
#   apt-get install -y bible-kjv && model-training/corpus/extract-kjv.sh
# One verse per line without its reference; a blank line between chapters.
set -euo pipefail
out="$(dirname "$0")/kjv-selection.txt"
: > "$out"
for range in "Genesis1:1-50:26" "Exodus1:1-40:38" "Psalms1:1-150:6" "Proverbs1:1-31:31" \
             "Matthew1:1-28:20" "John1:1-21:25"; do
  bible -f "$range" | awk '
    match($0, /^[0-9]?[A-Za-z]+[0-9]+:[0-9]+ /) {
      ref = substr($0, 1, RLENGTH - 1); text = substr($0, RLENGTH + 1)
      split(ref, parts, ":"); chapter = parts[1]
      if (chapter != last && NR > 1) print ""
      last = chapter; print text
    }' >> "$out"
  echo >> "$out"
done
