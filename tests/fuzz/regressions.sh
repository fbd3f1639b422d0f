#!/bin/sh
# Every input a fuzzer once crashed on, fed through the command line of a
# normal build: the run must end with an exit status, not a signal.
# Files are named by the reader they broke: text-*, jsonl-*, html-*, warc-*, dict-*.
# Usage: regressions.sh PETREL DIR
set -u
PETREL=$1
DIR=$2
fails=0
n=0
for f in "$DIR"/*; do
    [ -f "$f" ] || continue
    name=$(basename "$f")
    case "$name" in
    text-*) set -- code -q --input-format txt "$f" ;;
    jsonl-*) set -- code -q --input-format jsonl "$f" ;;
    html-*) set -- code -q --input-format html "$f" ;;
    warc-*) set -- code -q --input-format warc "$f" ;;
    dict-*) set -- dict check "$f" ;;
    *) continue ;;
    esac
    n=$((n + 1))
    timeout -k 5 60 "$PETREL" "$@" >/dev/null 2>&1
    rc=$?
    if [ "$rc" -ge 124 ]; then
        echo "FAIL $name (exit $rc)"
        fails=$((fails + 1))
    else
        echo "ok   $name"
    fi
done
echo "fuzz regressions: $n inputs, $fails failed"
[ "$fails" = 0 ]
