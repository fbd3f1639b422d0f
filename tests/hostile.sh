#!/bin/sh
# Hostile input and crash safety: every case ends with a clear message or a
# correct result, in bounded time and memory. Time limits here are guards
# against hangs (generous `timeout`s), not measurements.
# Usage: hostile.sh PETREL
set -u
PETREL=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
n=0

check() {
    name=$1
    shift
    n=$((n + 1))
    if "$@"; then
        echo "ok   $name"
    else
        echo "FAIL $name"
        fails=$((fails + 1))
    fi
}

# Sanitizer builds (PETREL_SANITIZED=1, set by CMake) use several times the memory: the
# memory bounds are checked on the normal build only.
mem_ok() {
    [ -n "${PETREL_SANITIZED:-}" ] || [ "$mem" -lt "$1" ]
}

# run PETREL code with a time guard and a memory measurement; sets rc, mem (KB)
run() {
    timeout -k 10 120 /usr/bin/time -f "%M" -o "$T/mem" "$PETREL" code -q "$@" >"$T/out" 2>"$T/err"
    rc=$?
    mem=$(tail -n 1 "$T/mem" 2>/dev/null || echo 0)
}
err_has() { grep -q -- "$1" "$T/err"; }
out_has() { grep -q -- "$1" "$T/out"; }

# 50 MB on one line, as text and inside JSONL between good records
head -c 50000000 /dev/zero | tr '\0' 'b' >"$T/line50.txt"
run "$T/line50.txt"
check "50 MB line: skipped with a message" err_has "larger than --max-doc-bytes"
check "50 MB line: exit 1" [ "$rc" = 1 ]
check "50 MB line: memory bounded (< 100 MB)" mem_ok 100000
{ echo '{"id":"a","text":"Oman mediated."}'; printf '{"id":"huge","text":"'; cat "$T/line50.txt"; echo '"}'; echo '{"id":"b","text":"Qatar hosted talks."}'; } >"$T/line50.jsonl"
run "$T/line50.jsonl"
check "50 MB JSONL line: the others are coded" [ "$(grep -c '"type":"document"' "$T/out")" = 2 ]
check "50 MB JSONL line: memory bounded (< 100 MB)" mem_ok 100000
rm -f "$T/line50.txt" "$T/line50.jsonl"

# NUL bytes inside a JSONL string and inside text
printf '{"id":"nul","text":"a\\u0000b"}\n{"id":"ok","text":"Fine."}\n' >"$T/nul.jsonl"
run "$T/nul.jsonl"
check "NUL in JSONL: reported, the rest coded" out_has '"id":"ok"'
printf 'Kenya\000and Uganda\n' >"$T/nul.txt"
run "$T/nul.txt"
check "NUL in text: binary data message" err_has "binary data"

# 100,000 quotation marks, and 100,000 short quotes
python3 -c 'print("\"" * 100000)' >"$T/marks.txt"
run "$T/marks.txt"
check "100,000 quote marks: coded" [ "$rc" = 0 ]
python3 -c '
import sys
sys.stdout.write("".join("\"Kenya will act now, said %d,\" Ruto said. " % i for i in range(100000)))' >"$T/quotes.txt"
run "$T/quotes.txt"
check "100,000 quotes: coded in bounded time" [ "$rc" = 0 ]
check "100,000 quotes: memory bounded (< 250 MB)" mem_ok 250000

# one article of 12,000 sentences: the stages' arrays grow past an arena block
# (and move) while pointers into them are in use; the sanitizer build catches a stale one
python3 -c '
import sys
names = ["Amara", "Kofi", "Ngozi", "Tunde", "Aisha", "Kwame"]
for i in range(3000):
    sys.stdout.write("President %s Mensah of Ghana met Nigeria\x27s foreign minister in Accra on Monday. "
                     "He said Ghana would send aid to Nigeria. \"We will help our neighbours,\" the minister said. "
                     "They accused Togo of shelling the border town. " % names[i % 6])
    if i % 5 == 4:
        sys.stdout.write("\n\n")' >"$T/longdoc.txt"
run --mentions --sentences "$T/longdoc.txt"
check "12,000-sentence article: coded" [ "$rc" = 0 ]
check "12,000-sentence article: an event in every paragraph" [ "$(grep -c '"type":"event"' "$T/out")" -ge 3000 ]

# a 10 GB sparse file: stops at --max-doc-bytes
truncate -s 10G "$T/sparse.txt" 2>/dev/null && {
    run "$T/sparse.txt"
    check "10 GB sparse file: skipped with a message" err_has "larger than --max-doc-bytes"
    check "10 GB sparse file: memory bounded (< 100 MB)" mem_ok 100000
    rm -f "$T/sparse.txt"
}

# truncated gzip in the middle of a record
python3 -c '
import json
for i in range(2000):
    print(json.dumps({"id": "g%d" % i, "text": "Chile and Peru signed a fishing accord on day %d." % i}))' | gzip -c >"$T/full.jsonl.gz"
size=$(wc -c <"$T/full.jsonl.gz")
head -c $((size / 2)) "$T/full.jsonl.gz" >"$T/half.jsonl.gz"
run "$T/half.jsonl.gz"
check "truncated gzip: warning" err_has "truncated"
check "truncated gzip: records before the damage coded" [ "$(grep -c '"type":"document"' "$T/out")" -gt 100 ]

# a JSONL line that is not an object, and one that is not JSON at all
printf '"just a string"\n42\n{"id":"x","text":"Ghana and Togo met."}\n\001\002\003\n' >"$T/notobj.jsonl"
run "$T/notobj.jsonl"
check "non-object JSONL lines: named" err_has "notobj.jsonl:1: a JSONL line must be an object"
check "non-object JSONL lines: good one coded" out_has '"id":"x"'

# full disk: JSON Lines to /dev/full, and a database that cannot grow
"$PETREL" code -q -o /dev/full "$T/notobj.jsonl" >/dev/null 2>"$T/err"
check "output to a full disk: exit 2" [ $? = 2 ]
check "output to a full disk: says so" err_has "No space left on device"
python3 -c '
import json
for i in range(3000):
    print(json.dumps({"id": "d%d" % i, "text": "Chile and Peru signed a fishing accord. " * 20}))' >"$T/many.jsonl"
(
    trap '' XFSZ
    ulimit -f 600
    exec "$PETREL" code -q --db "$T/full.db" "$T/many.jsonl"
) >/dev/null 2>"$T/err"
rc=$?
check "database on a full disk: error exit" [ "$rc" != 0 ]
check "database on a full disk: says why" grep -qi "full\|too large\|disk\|I/O" "$T/err"
check "database on a full disk: still consistent" [ "$(sqlite3 "$T/full.db" 'PRAGMA integrity_check')" = ok ]
stored=$(sqlite3 "$T/full.db" 'SELECT count(*) FROM documents')
check "database on a full disk: committed documents kept" [ "$stored" -gt 0 ]

# SIGINT: finish what is in flight, commit, summary, exit 130
python3 -c '
import json
for i in range(200000):
    print(json.dumps({"id": "s%d" % i, "text": "Kenya accused Somalia of shelling the border town on Thursday."}))' >"$T/long.jsonl"
"$PETREL" code -j 2 --db "$T/int.db" "$T/long.jsonl" >/dev/null 2>"$T/err" &
pid=$!
i=0
while [ $i -lt 100 ] && ! [ -s "$T/int.db" ]; do sleep 0.1; i=$((i + 1)); done
sleep 1
kill -INT $pid
wait $pid
rc=$?
check "SIGINT: exit 130" [ "$rc" = 130 ]
check "SIGINT: says it was interrupted" err_has "interrupted"
added=$(sed -n 's/.*: \([0-9]*\) documents\{0,1\} added.*/\1/p' "$T/err")
check "SIGINT: the summary counts what the database holds" [ "$(sqlite3 "$T/int.db" 'SELECT count(*) FROM documents')" = "$added" ]
check "SIGINT: database consistent" [ "$(sqlite3 "$T/int.db" 'PRAGMA integrity_check')" = ok ]

# a dictionary whose synonym sets refer to each other in a cycle
printf '<SYNSETS>\n&ALPHA\n+&BETA\n+GRAIN\n&BETA\n+&ALPHA\n+RICE\n</SYNSETS>\nSEND [070]\n- * &ALPHA [071]\n' >"$T/cycle.verbs"
printf 'VELDARA [VEL]\nKORVATH [KOR]\n' >"$T/cycle.actors"
echo "Veldara sent grain to Korvath." >"$T/cycle.txt"
timeout -k 10 60 "$PETREL" code -q --no-default-dict --dict-format tabari --dict "$T/cycle.actors" \
    --dict "$T/cycle.verbs" "$T/cycle.txt" >"$T/out" 2>"$T/err"
rc=$?
check "synonym set cycle: refused with a message naming the line" err_has "cycle.verbs:3:"
check "synonym set cycle: exit 2, no hang" [ "$rc" = 2 ]

echo "hostile: $n checks, $fails failed"
[ "$fails" = 0 ]
