#!/usr/bin/env bash
# Rebuilds the modern-English corpus of the shipped base model (base-model/) byte for byte from Debian packages.
#
#   apt-get update && apt-get install -y wordnet-base python3.11-doc postgresql-doc-15 sqlite3-doc python3
#   model-training/corpus/build-corpus.sh            # writes model-training/corpus/build/ (not committed)
#
# Package versions the committed model was trained from (Debian 12 "bookworm"):
#   wordnet-base 1:3.0-37, python3.11-doc 3.11.2-6+deb12u9, postgresql-doc-15 15.20-0+deb12u1,
#   sqlite3-doc 3.40.1-2+deb12u2; built with python3 3.11.2 (standard library only).
# Other versions give a different corpus; the script then prints which files differ from SHA256SUMS.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/build}"
for p in wordnet-base python3.11-doc postgresql-doc-15 sqlite3-doc; do
  printf '%-18s %s\n' "$p" "$(dpkg-query -W -f='${Version}' "$p" 2>/dev/null || echo 'NOT INSTALLED')"
done
python3 "$here/build_corpus.py" "$out"
cd "$out"
if sha256sum --quiet -c "$here/SHA256SUMS"; then
  echo "corpus in $out matches SHA256SUMS"
else
  echo "corpus in $out differs from SHA256SUMS (other package versions?)" >&2
  exit 1
fi
