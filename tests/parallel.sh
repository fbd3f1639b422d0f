#!/bin/sh
# Many machines (issue 8): petrel code is a stdin-to-stdout filter, so GNU
# parallel can cut a JSON Lines corpus into blocks (at line ends) and code them
# in separate processes. The events, quotes and documents must be the same as
# one run's, in the same order with -k. Skips (77) without GNU parallel.
# Usage: parallel.sh PETREL TESTS_DIR EXAMPLES_DIR
set -u
PETREL=$1
TESTS=$2
EXAMPLES=$3
command -v parallel >/dev/null 2>&1 || { echo "parallel: GNU parallel not installed, skipped"; exit 77; }
parallel --version 2>/dev/null | grep -q "GNU parallel" || { echo "parallel: not GNU parallel, skipped"; exit 77; }
T=$(mktemp -d "${TMPDIR:-/tmp}/petrel-par.XXXXXX")
trap 'rm -rf "$T"' EXIT
fails=0
check() {
    if [ "$2" = "$3" ]; then echo "ok   $1"; else echo "FAIL $1: $2 != $3"; fails=$((fails + 1)); fi
}
python3 "$TESTS/gen_corpus.py" "$EXAMPLES/articles.jsonl" 400 >"$T/corpus.jsonl"
"$PETREL" code -q -j 1 --input-format jsonl <"$T/corpus.jsonl" >"$T/one.jsonl"
# blocks of 64 kB: about 35 blocks, so documents really are split across processes
parallel --will-cite --pipe -k --block 64k -j 2 "$PETREL" code -q -j 1 --input-format jsonl \
    <"$T/corpus.jsonl" >"$T/many.jsonl"
check "same output, in order (-k)" "$(md5sum <"$T/one.jsonl")" "$(md5sum <"$T/many.jsonl")"
check "every document" "$(grep -c '"type":"document"' "$T/many.jsonl")" 400
check "events were coded" "$(grep -c '"type":"event"' "$T/one.jsonl" | awk '{print ($1 > 100)}')" 1
# without -k the order differs, the records do not
parallel --will-cite --pipe --block 64k -j 2 "$PETREL" code -q --input-format jsonl \
    <"$T/corpus.jsonl" | sort >"$T/unordered.jsonl"
check "same records without -k" "$(sort "$T/one.jsonl" | md5sum)" "$(md5sum <"$T/unordered.jsonl")"
echo "parallel: $fails failed"
[ "$fails" = 0 ]
