#!/bin/sh
# PostgreSQL store: a throwaway server (initdb + pg_ctl in a temp dir, unix
# socket only; as a non-root user when run as root), two petrel processes
# coding the same corpus into it at once, and the counts of each table
# compared with a single-process SQLite run. Also loads `petrel export` into it
# with COPY. Exits 77 (skipped) with a message when no server can be started.
# Usage: pg.sh PETREL TESTS_DIR EXAMPLES_DIR STORE_FIXTURE
set -u
PETREL=$1
TESTS=$2
EXAMPLES=$3
FIXTURE=$4
SKIP=77

skip() { echo "pg: SKIPPED: $*"; exit $SKIP; }

bindir=""
if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    bindir=$(dirname "$(command -v pg_ctl)")
else
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then bindir=$d; break; fi
    done
fi
[ -n "$bindir" ] || skip "no PostgreSQL server binaries (apt-get install postgresql, or scripts/deps.sh extra postgresql)"
command -v psql >/dev/null 2>&1 || skip "no psql (apt-get install postgresql-client)"

T=$(mktemp -d)
chmod 755 "$T"
SOCK=$T/sock
DATA=$T/data
mkdir -p "$SOCK" "$DATA"

# postgres refuses to run as root: use nobody then
as_db=""
if [ "$(id -u)" = 0 ]; then
    chown nobody "$SOCK" "$DATA" 2>/dev/null || skip "cannot hand the data folder to user nobody"
    if command -v runuser >/dev/null 2>&1; then
        as_db="runuser -u nobody --"
    else
        skip "running as root and no runuser to start PostgreSQL as another user"
    fi
fi

cleanup() {
    $as_db "$bindir/pg_ctl" -D "$DATA" -m immediate stop >/dev/null 2>&1
    rm -rf "$T"
}
trap cleanup EXIT

export LC_ALL=C
$as_db "$bindir/initdb" -D "$DATA" -U petrel -A trust -E UTF8 --no-sync >"$T/initdb.log" 2>&1 ||
    { cat "$T/initdb.log"; skip "initdb failed"; }
$as_db "$bindir/pg_ctl" -D "$DATA" -w -t 60 -l "$SOCK/server.log" \
    -o "-c listen_addresses='' -c unix_socket_directories='$SOCK' -c fsync=off -c max_connections=20" \
    start >/dev/null 2>&1 || { cat "$SOCK/server.log"; skip "the server did not start"; }

URI="postgresql:///postgres?host=$SOCK&user=petrel"
psqlq() { psql -X -q -t -A -h "$SOCK" -U petrel -d postgres -c "$1"; }
psqlq "SELECT 1" >/dev/null 2>&1 || skip "cannot connect to the test server"

if "$PETREL" code -q --db "$URI" --input-format jsonl /dev/null 2>&1 | grep -q "without PostgreSQL"; then
    skip "this petrel was built without libpq (apt-get install libpq-dev and rebuild)"
fi

fails=0
n=0
check() { # NAME CONDITION...
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

# a corpus with duplicates inside it, coded by two processes at once, the
# second in reverse order so they meet on the same documents
{ python3 "$TESTS/gen_corpus.py" "$EXAMPLES/articles.jsonl" 1500; cat "$EXAMPLES/articles.jsonl"; } >"$T/corpus.jsonl"
head -n 50 "$T/corpus.jsonl" >>"$T/corpus.jsonl"
tac "$T/corpus.jsonl" >"$T/reversed.jsonl"

"$PETREL" code -q --db "$T/one.db" -j 2 "$T/corpus.jsonl" 2>/dev/null
"$PETREL" code --db "$URI" -j 2 "$T/corpus.jsonl" >/dev/null 2>"$T/p1.err" &
p1=$!
"$PETREL" code --db "$URI" -j 2 "$T/reversed.jsonl" >/dev/null 2>"$T/p2.err" &
p2=$!
wait $p1; rc1=$?
wait $p2; rc2=$?
cat "$T/p1.err" "$T/p2.err"
check "two processes: both exit 0" [ "$rc1" = 0 ] && [ "$rc2" = 0 ]

added() { sed -n 's/.*: \([0-9]*\) documents\{0,1\} added.*/\1/p' "$1"; }
total=$(sqlite3 "$T/one.db" 'SELECT count(*) FROM documents')
check "each document added by exactly one process" [ "$(( $(added "$T/p1.err") + $(added "$T/p2.err") ))" = "$total" ]
for t in documents sentences mentions quotes attributions events dropped; do
    check "$t: postgresql = sqlite" [ "$(psqlq "SELECT count(*) FROM $t")" = "$(sqlite3 "$T/one.db" "SELECT count(*) FROM $t")" ]
done
TAB=$(printf '\t')
psql -X -q -t -A -F "$TAB" -h "$SOCK" -U petrel -d postgres -c "SELECT d.doc_id, s.idx, s.char_start, s.char_end, replace(s.text, chr(10), '~') FROM sentences s JOIN documents d ON d.id = s.document ORDER BY 1, 2" >"$T/pg.sent"
sqlite3 -separator "$TAB" "$T/one.db" "SELECT d.doc_id, s.idx, s.char_start, s.char_end, replace(s.text, char(10), '~') FROM sentences s JOIN documents d ON d.id = s.document ORDER BY 1, 2" >"$T/sq.sent"
check "sentence texts agree" cmp -s "$T/pg.sent" "$T/sq.sent"
check "event_groups view exists" psqlq "SELECT count(*) FROM event_groups" >/dev/null

# a rerun adds nothing
"$PETREL" code --db "$URI" -j 2 "$T/corpus.jsonl" >/dev/null 2>"$T/p3.err"
check "rerun: nothing added" grep -q ": 0 documents added, 0 replaced" "$T/p3.err"

# events, quotes and mentions of the made-up corpus, by two processes at once,
# into a database of their own (the corpus above has real events of its own)
psqlq "CREATE DATABASE fixture" >/dev/null
FXURI="postgresql:///fixture?host=$SOCK&user=petrel"
fxq() { psql -X -q -t -A -h "$SOCK" -U petrel -d fixture -c "$1"; }
"$FIXTURE" "$T/fx.db" 200 --hostile || exit 1
"$FIXTURE" "$FXURI" 200 --hostile &
f1=$!
"$FIXTURE" "$FXURI" 200 --hostile &
f2=$!
wait $f1; r1=$?
wait $f2; r2=$?
check "fixture into postgresql twice at once" [ "$r1" = 0 ] && [ "$r2" = 0 ]
for t in events quotes mentions; do
    check "fixture $t: postgresql = sqlite" [ "$(fxq "SELECT count(*) FROM $t")" = "$(sqlite3 "$T/fx.db" "SELECT count(*) FROM $t")" ]
done
check "fixture event_groups: postgresql = sqlite" [ "$(fxq "SELECT count(*) FROM event_groups")" = "$(sqlite3 "$T/fx.db" "SELECT count(*) FROM event_groups")" ]
check "fixture negated events: postgresql = sqlite" [ "$(fxq "SELECT count(*) FROM events WHERE negated")" = "$(sqlite3 "$T/fx.db" "SELECT count(*) FROM events WHERE negated")" ]

# petrel export loads with COPY, hostile text and all
"$PETREL" export --db "$T/fx.db" -o "$T/fx.tsv"
psqlq "CREATE TABLE phoenix (event_id bigint, date date, source text, target text, code text,
  root text, quad int, goldstein float8, plover text, source_name text, target_name text,
  negated int, mode text, doc_id text, url text, sentence_index int, sentence text)" >/dev/null
psql -X -q -h "$SOCK" -U petrel -d postgres \
    -c "\\copy phoenix FROM '$T/fx.tsv' WITH (FORMAT text, HEADER true, NULL '')" 2>"$T/copy.err"
check "COPY reads the export" [ $? = 0 ]
check "COPY: every event" [ "$(psqlq "SELECT count(*) FROM phoenix")" = "$(sqlite3 "$T/fx.db" "SELECT count(*) FROM events")" ]
check "COPY: hostile sentence intact" [ "$(psqlq "SELECT md5(sentence) FROM phoenix WHERE doc_id LIKE 'evil%'")" = "$(sqlite3 "$T/fx.db" "SELECT s.text FROM events e JOIN documents d ON d.id = e.document JOIN sentences s ON s.id = e.sentence WHERE d.doc_id LIKE 'evil%'" | tr -d '\n' | md5sum | cut -d' ' -f1)" ]

echo "pg: $n checks, $fails failed"
[ "$fails" = 0 ]
