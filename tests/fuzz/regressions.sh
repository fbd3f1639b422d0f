#!/bin/sh
# Every input a fuzzer once crashed on, fed through the command line: the run
# must end with one of petrel's own exit statuses (0, 1, 2), not a signal, a
# timeout, or a sanitizer's or valgrind's finding.
# Files are named by the reader they broke: text-*, jsonl-*, html-*, warc-*,
# store-* (an article coded into a database that is then queried), and
# dict-[FORMAT-]* for dictionaries (FORMAT petrel, tabari or petrarch; else
# recognised by content), which are checked and then used to code two sentences
# without the shipped dictionaries, as the fuzzer does.
# Usage: regressions.sh PETREL DIR
set -u
PETREL=$1
DIR=$2
fails=0
n=0
SENTENCES=$(mktemp "${TMPDIR:-/tmp}/petrel-regress.XXXXXX.txt")
trap 'rm -f "$SENTENCES"' EXIT
printf '%s\n' 'Kenya accused Somalia of shelling the border town. "We will not attack," the minister said on Monday.' >"$SENTENCES"
for f in "$DIR"/*; do
    [ -f "$f" ] || continue
    name=$(basename "$f")
    case "$name" in
    text-*) set -- code -q --input-format txt "$f" ;;
    jsonl-*) set -- code -q --input-format jsonl "$f" ;;
    html-*) set -- code -q --input-format html "$f" ;;
    warc-*) set -- code -q --input-format warc "$f" ;;
    dict-*)
        case "$name" in
        dict-petrel-*) fmt=petrel ;;
        dict-tabari-*) fmt=tabari ;;
        dict-petrarch-*) fmt=petrarch ;;
        *) fmt=auto ;;
        esac
        n=$((n + 1))
        timeout -k 5 60 "$PETREL" dict check --format "$fmt" "$f" >/dev/null 2>&1
        rc=$?
        if [ "$rc" -gt 2 ]; then
            echo "FAIL $name (dict check, exit $rc)"
            fails=$((fails + 1))
        fi
        set -- code -q --date 2024-05-10 --no-default-dict --dict-format "$fmt" --dict "$f" "$SENTENCES"
        ;;
    store-*)
        # coded into a fresh database, then read back by every query, the
        # export and the report, as fuzz_store does
        db="$SENTENCES.db"
        rm -f "$db" "$db-wal" "$db-shm"
        before=$fails
        for args in "code -q --input-format txt --db $db $f" "query events --db $db" \
            "query quotes --db $db" "query attributions --db $db" "query actors --db $db" \
            "query pairs --db $db" "query summary --db $db" "query groups --db $db" \
            "export --db $db -o /dev/null" "report --db $db -o /dev/null"; do
            n=$((n + 1))
            # shellcheck disable=SC2086 # the words of args are the arguments
            timeout -k 5 60 "$PETREL" $args >/dev/null 2>&1
            rc=$?
            if [ "$rc" -gt 2 ]; then
                echo "FAIL $name (petrel $args: exit $rc)"
                fails=$((fails + 1))
            fi
        done
        rm -f "$db" "$db-wal" "$db-shm"
        [ "$fails" = "$before" ] && echo "ok   $name"
        continue
        ;;
    *) continue ;;
    esac
    n=$((n + 1))
    timeout -k 5 60 "$PETREL" "$@" >/dev/null 2>&1
    rc=$?
    if [ "$rc" -gt 2 ]; then # petrel itself exits 0, 1 or 2
        echo "FAIL $name (exit $rc)"
        fails=$((fails + 1))
    else
        echo "ok   $name"
    fi
done
echo "fuzz regressions: $n inputs, $fails failed"
[ "$fails" = 0 ]
