#!/bin/sh
# Every input a fuzzer once crashed on, fed through the command line: the run
# must end with one of petrel's own exit statuses (0, 1, 2), not a signal, a
# timeout, or a sanitizer's or valgrind's finding.
# Files are named by the reader they broke: text-*, jsonl-*, html-*, warc-*,
# store-* (an article coded into a database that is then queried), cli-* (as
# fuzz_cli reads it: a byte for the subcommand, then its arguments a line
# each, run in a folder holding the same four files), and
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
SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/petrel-regress.XXXXXX")
trap 'rm -rf "$SENTENCES" "$SCRATCH"' EXIT
case "$PETREL" in /*) ;; *) PETREL=$(pwd)/$PETREL ;; esac # cli-* runs elsewhere

# fuzz_cli's scratch folder: an article, a JSON Lines file, a dictionary, a database
cli_folder() {
    rm -rf "$SCRATCH" && mkdir "$SCRATCH" || return 1
    printf '%s\n\n%s\n' 'Kenya accused Somalia of shelling the border town on Monday.' \
        '"We will not attack," the foreign minister said.' >"$SCRATCH/a.txt"
    printf '%s\n' '{"id":"x","date":"2024-05-10","text":"Iran denied supplying drones to Russia, its foreign minister said."}' >"$SCRATCH/a.jsonl"
    printf '%%petrel actors\nKEN  Kenya\nSOM  Somalia\n' >"$SCRATCH/d.txt"
    (cd "$SCRATCH" && "$PETREL" code -q --db t.db a.txt a.jsonl >/dev/null 2>&1)
}
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
        rm -rf "$SCRATCH" && mkdir "$SCRATCH" || exit 2
        db="$SCRATCH/t.db"
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
        [ "$fails" = "$before" ] && echo "ok   $name"
        continue
        ;;
    cli-*)
        cli_folder || exit 2
        sub=$(od -An -tu1 -N1 "$f" | tr -d ' ')
        set -- code dict query export report
        shift $((sub % 5))
        cmd=$1
        set -- "$cmd"
        tail -c +2 "$f" >"$SCRATCH/args"
        printf '\n' >>"$SCRATCH/args" # the last argument ends at the end of the file
        while IFS= read -r arg; do
            set -- "$@" "$arg"
        done <"$SCRATCH/args"
        n=$((n + 1))
        (cd "$SCRATCH" && timeout -k 5 60 "$PETREL" "$@" </dev/null >/dev/null 2>&1)
        rc=$?
        if [ "$rc" -gt 2 ]; then
            echo "FAIL $name (exit $rc)"
            fails=$((fails + 1))
        else
            echo "ok   $name"
        fi
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
