#!/bin/sh
# Code the bundled example articles and show what came out.
set -eu
PETREL=${1:-build/petrel}
cd "$(dirname "$0")/.."
rm -f demo.jsonl
"$PETREL" code -o demo.jsonl examples/*.txt
echo
echo "Records written to demo.jsonl:"
for t in document sentence quote event; do
    printf '  %-9s %s\n' "$t" "$(grep -c "\"type\":\"$t\"" demo.jsonl || true)"
done
