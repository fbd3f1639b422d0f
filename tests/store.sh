#!/bin/sh
# The SQLite store end to end: what petrel code --db writes agrees with its
# JSON Lines, reruns change nothing, thread counts and overlapping corpora give
# the same database, and a run killed with SIGKILL then run again gives exactly
# the database of one uninterrupted run. Asserts consistency, not counts of
# events, so it holds whatever the coder finds.
# Usage: store.sh PETREL TESTS_DIR EXAMPLES_DIR
set -u
PETREL=$1
TESTS=$2
EXAMPLES=$3
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
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

q() { sqlite3 "$1" "$2"; }
dump() { sqlite3 "$1" .dump; }
same() { cmp -s "$1" "$2"; }
jcount() { grep -c "\"type\":\"$2\"" "$1" || true; }

# --- SQLite and JSON Lines from one run agree
"$PETREL" code -q --db "$T/a.db" -o "$T/a.jsonl" --sentences --mentions -j 2 \
    "$EXAMPLES/articles.jsonl" >"$T/stdout" 2>"$T/err"
check "code --db -o: exit 0" [ $? = 0 ]
check "documents: db = jsonl" [ "$(q "$T/a.db" 'SELECT count(*) FROM documents')" = "$(jcount "$T/a.jsonl" document)" ]
check "sentences: db = jsonl" [ "$(q "$T/a.db" 'SELECT count(*) FROM sentences')" = "$(jcount "$T/a.jsonl" sentence)" ]
check "mentions: db = jsonl" [ "$(q "$T/a.db" 'SELECT count(*) FROM mentions')" = "$(jcount "$T/a.jsonl" mention)" ]
check "quotes: db = jsonl" [ "$(q "$T/a.db" 'SELECT count(*) FROM quotes')" = "$(jcount "$T/a.jsonl" quote)" ]
check "events: db = jsonl" [ "$(q "$T/a.db" 'SELECT count(*) FROM events')" = "$(jcount "$T/a.jsonl" event)" ]
check "attributions: db = jsonl" [ "$(q "$T/a.db" 'SELECT count(*) FROM attributions')" = "$(jcount "$T/a.jsonl" attribution)" ]
check "attributions: some stored, each with a cue type" [ "$(q "$T/a.db" "SELECT count(*) > 0 AND sum(cue_type = '') = 0 FROM attributions")" = 1 ]
check "document counts = rows" [ "$(q "$T/a.db" 'SELECT sum(n_sentences) = (SELECT count(*) FROM sentences) AND sum(n_quotes) = (SELECT count(*) FROM quotes) AND sum(n_events) = (SELECT count(*) FROM events) FROM documents')" = 1 ]
check "dates from the input" [ "$(q "$T/a.db" "SELECT date FROM documents WHERE doc_id = '02-eu-sanctions-belarus'")" = 2024-11-19 ]
check "with --db and no -o, stdout is empty" [ ! -s "$T/stdout" ]
check "foreign keys hold" [ -z "$(q "$T/a.db" 'PRAGMA foreign_key_check')" ]
check "integrity check" [ "$(q "$T/a.db" 'PRAGMA integrity_check')" = ok ]
# sentence text is the article text cut at the sentence's code point offsets
python3 - "$EXAMPLES/articles.jsonl" "$T/a.db" >"$T/py" 2>&1 <<'PY'
import json, sqlite3, sys
arts = {a["id"]: a["text"] for a in map(json.loads, open(sys.argv[1], encoding="utf-8"))}
db = sqlite3.connect(sys.argv[2])
bad = 0
for doc, start, end, text in db.execute(
        "SELECT d.doc_id, s.char_start, s.char_end, s.text FROM sentences s"
        " JOIN documents d ON d.id = s.document"):
    if arts[doc][start:end] != text:
        bad += 1
print("bad", bad)
PY
check "sentence text = text[start:end]" grep -q "^bad 0$" "$T/py"

# -o - gives JSON Lines on stdout as well
"$PETREL" code -q --db "$T/b.db" -o - "$EXAMPLES/articles.jsonl" >"$T/stdout" 2>/dev/null
check "--db with -o -: JSON Lines on stdout" [ "$(jcount "$T/stdout" document)" = 8 ]

# --- a rerun adds nothing and changes nothing
dump "$T/a.db" >"$T/a1.sql"
"$PETREL" code --db "$T/a.db" -j 2 "$EXAMPLES/articles.jsonl" >/dev/null 2>"$T/err"
check "rerun: exit 0" [ $? = 0 ]
check "rerun: says all unchanged" grep -q "0 documents added, 0 replaced, 8 already stored unchanged" "$T/err"
dump "$T/a.db" >"$T/a2.sql"
check "rerun: identical database" same "$T/a1.sql" "$T/a2.sql"

# --- a changed text replaces its document, the rest stays
sed 's/Negotiators for the Democratic/Negotiators from the Democratic/' "$EXAMPLES/articles.jsonl" >"$T/changed.jsonl"
"$PETREL" code --db "$T/a.db" -j 2 "$T/changed.jsonl" >/dev/null 2>"$T/err"
check "changed text: replaced" grep -q "0 documents added, 1 replaced, 7 already stored unchanged" "$T/err"
check "changed text: still 8 documents" [ "$(q "$T/a.db" 'SELECT count(*) FROM documents')" = 8 ]
check "changed text: new sentence stored" [ "$(q "$T/a.db" "SELECT count(*) FROM sentences WHERE text LIKE 'Negotiators from%'")" = 1 ]
check "changed text: old sentence gone" [ "$(q "$T/a.db" "SELECT count(*) FROM sentences WHERE text LIKE 'Negotiators for%'")" = 0 ]
check "changed text: no orphans" [ -z "$(q "$T/a.db" 'PRAGMA foreign_key_check')" ]

# --- threads do not change the database, row ids included
python3 "$TESTS/gen_corpus.py" "$EXAMPLES/articles.jsonl" 600 >"$T/corpus.jsonl"
for j in 1 2 4; do
    "$PETREL" code -q --db "$T/j$j.db" -j $j "$T/corpus.jsonl" 2>/dev/null
    dump "$T/j$j.db" >"$T/j$j.sql"
done
check "600 docs stored" [ "$(q "$T/j1.db" 'SELECT count(*) FROM documents')" = 600 ]
check "-j 2 = -j 1" same "$T/j1.sql" "$T/j2.sql"
check "-j 4 = -j 1" same "$T/j1.sql" "$T/j4.sql"

# --- overlapping corpora resume without duplicates: 0-399 then 200-599 = 0-599
head -n 400 "$T/corpus.jsonl" >"$T/first.jsonl"
tail -n +201 "$T/corpus.jsonl" >"$T/second.jsonl"
"$PETREL" code -q --db "$T/o.db" -j 2 "$T/first.jsonl" 2>/dev/null
"$PETREL" code --db "$T/o.db" -j 2 "$T/second.jsonl" 2>"$T/err" >/dev/null
check "overlap: 200 added, 200 unchanged" grep -q "200 documents added, 0 replaced, 200 already stored unchanged" "$T/err"
dump "$T/o.db" >"$T/o.sql"
check "overlap: same database as one run" same "$T/j1.sql" "$T/o.sql"

# --- the same id twice in one run with different texts: the last one wins, as
# it would on one thread, also when the first was stored by an earlier run
head -n 1 "$T/corpus.jsonl" >"$T/dup.jsonl"
sed 's/Report 0\./Report zero./' "$T/dup.jsonl" >>"$T/dup.jsonl"
head -n 1 "$T/corpus.jsonl" >>"$T/dup.jsonl"
"$PETREL" code -q --db "$T/d1.db" -j 1 "$T/dup.jsonl" 2>/dev/null
"$PETREL" code -q --db "$T/d2.db" -j 2 "$T/dup.jsonl" 2>/dev/null
"$PETREL" code -q --db "$T/d2.db" -j 2 "$T/dup.jsonl" 2>/dev/null
"$PETREL" code -q --db "$T/d1.db" -j 1 "$T/dup.jsonl" 2>/dev/null
check "duplicate ids: -j 2 twice = -j 1 twice" same "$(dump "$T/d1.db" >"$T/d1.sql"; echo "$T/d1.sql")" "$(dump "$T/d2.db" >"$T/d2.sql"; echo "$T/d2.sql")"
check "duplicate ids: last text wins" [ "$(q "$T/d1.db" "SELECT count(*) FROM sentences WHERE text = 'Report 0.'")" = 1 ]

# --- crash safety: SIGKILL mid-corpus, run again, same database as one run
python3 "$TESTS/gen_corpus.py" "$EXAMPLES/articles.jsonl" 12000 >"$T/crash.jsonl"
"$PETREL" code -q --db "$T/whole.db" -j 2 "$T/crash.jsonl" 2>/dev/null
total=$(q "$T/whole.db" 'SELECT count(*) FROM documents')
killed=0
for at in 1500 6000; do
    "$PETREL" code -q --db "$T/crash.db" -j 2 "$T/crash.jsonl" 2>/dev/null &
    pid=$!
    # wait until at least $at documents are committed, then kill without warning
    tries=0
    while [ "$(sqlite3 -cmd '.timeout 2000' "$T/crash.db" 'SELECT count(*) FROM documents' 2>/dev/null || echo 0)" -lt "$at" ] && [ $tries -lt 3000 ] && kill -0 $pid 2>/dev/null; do
        sleep 0.01
        tries=$((tries + 1))
    done
    kill -9 $pid 2>/dev/null && killed=$((killed + 1))
    wait $pid 2>/dev/null
    echo "killed at $(sqlite3 "$T/crash.db" 'SELECT count(*) FROM documents') of $total documents"
done
check "crash: the runs were killed mid-corpus" [ "$killed" = 2 ]
check "crash: database incomplete after the kills" [ "$(q "$T/crash.db" 'SELECT count(*) FROM documents')" -lt "$total" ]
"$PETREL" code --db "$T/crash.db" -j 2 "$T/crash.jsonl" 2>"$T/err" >/dev/null
check "crash: rerun exit 0" [ $? = 0 ]
dump "$T/whole.db" >"$T/whole.sql"
dump "$T/crash.db" >"$T/crash.sql"
check "crash: same database as one uninterrupted run" same "$T/whole.sql" "$T/crash.sql"
check "crash: integrity check" [ "$(q "$T/crash.db" 'PRAGMA integrity_check')" = ok ]

# --- query and export on the examples
"$PETREL" query summary --db "$T/a.db" --format table >"$T/out" 2>"$T/err"
check "query summary: exit 0" [ $? = 0 ]
check "query summary: 8 documents" grep -q "documents *8" "$T/out"
"$PETREL" query actors --db "$T/a.db" --format csv >"$T/out" 2>"$T/err"
check "query actors csv: header" [ "$(head -n 1 "$T/out")" = "actor,name,events,as_source,as_target,quotes,mentions" ]
"$PETREL" query events --db "$T/a.db" --format jsonl >"$T/out" 2>"$T/err"
check "query events: one line per event" [ "$(wc -l <"$T/out")" = "$(q "$T/a.db" 'SELECT count(*) FROM events')" ]
"$PETREL" query bogus --db "$T/a.db" >/dev/null 2>"$T/err"
check "query bogus: exit 2" [ $? = 2 ]
"$PETREL" query events --db "$T/missing.db" >/dev/null 2>"$T/err"
check "query on a missing db: exit 2 with a message" grep -q "no such database" "$T/err"

# export: header + one line per event; COPY-style escapes keep one record a line
FIX=$(dirname "$PETREL")/tests/store_fixture
[ -x "$FIX" ] || FIX=$(dirname "$PETREL")/store_fixture
"$FIX" "$T/fx.db" 50 --hostile
"$PETREL" export --db "$T/fx.db" -o "$T/fx.tsv"
check "export: exit 0" [ $? = 0 ]
check "export: header + one line per event" [ "$(wc -l <"$T/fx.tsv")" = "$(( $(q "$T/fx.db" 'SELECT count(*) FROM events') + 1 ))" ]
check "export: every line has 17 fields" [ "$(awk -F '\t' 'NF != 17' "$T/fx.tsv" | wc -l)" = 0 ]
python3 - "$T/fx.tsv" >"$T/py" 2>&1 <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8", newline=""), delimiter="\t", quoting=csv.QUOTE_NONE))
evil = [r for r in rows if r["doc_id"].startswith("evil")]
print("rows", len(rows), "evil", len(evil), "escaped", evil[0]["sentence"].count("\\t") if evil else -1)
PY
check "export: python csv reads it" grep -q "evil 1" "$T/py"
"$PETREL" export --db "$T/a.db" --format tsv -o "$T/a.tsv"
check "export with no events: header line" [ "$(head -c 9 "$T/a.tsv")" = "event_id	" ]

echo "store: $n checks, $fails failed"
[ "$fails" = 0 ]
