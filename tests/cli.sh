#!/bin/sh
# Command-line behaviour on good and bad input: messages, exit codes, bounded
# memory. Usage: cli.sh PETREL TESTS_DIR
set -u
PETREL=$1
TESTS=$2
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

code() { "$PETREL" code -q "$@" >"$T/out" 2>"$T/err"; echo $? >"$T/rc"; }
rc() { [ "$(cat "$T/rc")" = "$1" ]; }
err_has() { grep -q -- "$1" "$T/err"; }
out_has() { grep -q -- "$1" "$T/out"; }
out_lines() { [ "$(grep -c "$1" "$T/out")" = "$2" ]; }

# a good article
printf 'Kenya and Ethiopia agreed on Tuesday to reopen the border.\n' >"$T/good.txt"
code --date 2024-05-07 "$T/good.txt"
check "text file: exit 0" rc 0
check "text file: id from file name" out_has '"id":"good"'
check "text file: --date applies" out_has '"date":"2024-05-07"'

# invalid UTF-8: named, skipped, the others still coded, exit 1
printf 'Caf\351 au lait.\n' >"$T/latin1.txt"
code "$T/latin1.txt" "$T/good.txt"
check "invalid UTF-8: exit 1" rc 1
check "invalid UTF-8: message names the file" err_has "latin1.txt: invalid UTF-8 at byte 3"
check "invalid UTF-8: good file still coded" out_has '"id":"good"'

# binary data
printf 'PK\003\004\000\000binary' >"$T/blob.txt"
code "$T/blob.txt"
check "binary: exit 1" rc 1
check "binary: message" err_has "binary data"

# empty file: a document with no sentences
: >"$T/empty.txt"
code "$T/empty.txt"
check "empty file: exit 0" rc 0
check "empty file: zero sentences" out_has '"sentences":0'

# JSONL with a bad line, a non-object, a missing text, a bad date: the good ones survive
cat >"$T/mixed.jsonl" <<'JSONL'
{"id": "a", "date": "2024-01-02", "text": "Brazil and Argentina signed a trade deal."}
{"id": "b", "text": "broken
[1, 2, 3]
{"id": "d"}
{"id": "e", "date": "yesterday", "text": "Chile recalled its ambassador."}

{"id": 7, "text": "Peru closed its border.\r\nBolivia protested."}
JSONL
code "$T/mixed.jsonl"
check "jsonl: exit 1 when lines were skipped" rc 1
check "jsonl: bad JSON names file and line" err_has "mixed.jsonl:2: bad JSON"
check "jsonl: non-object named" err_has "mixed.jsonl:3: a JSONL line must be an object"
check "jsonl: missing text named" err_has 'mixed.jsonl:4: no "text" field'
check "jsonl: bad date is a warning, record kept" err_has 'mixed.jsonl:5: "date"'
check "jsonl: three documents coded" out_lines '"type":"document"' 3
check "jsonl: integer id" out_has '"id":"7"'

# string scanning sixteen bytes at a time: a raw control character, and
# escapes, at each offset of a block
awk 'BEGIN { for (i = 0; i < 20; i++) {
    pad = sprintf("%*s", i, ""); gsub(/ /, "x", pad)
    printf "{\"id\": \"t%d\", \"text\": \"%sKenya\tsigned.\"}\n", i, pad
    printf "{\"id\": \"q%d\", \"text\": \"%sKenya said \\\"no\\\" and \\u00e9.\"}\n", i, pad } }' \
    >"$T/blocks.jsonl"
code --sentences "$T/blocks.jsonl"
check "jsonl: a raw tab in a string, at each of 20 offsets" \
    test "$(grep -c 'control character inside a string' "$T/err")" = 20
check "jsonl: escapes at each of 20 offsets decoded" out_lines '\\"no\\" and é' 20

# gzip input, and a truncated gzip: a warning, what was readable is coded
gzip -c "$T/mixed.jsonl" >"$T/mixed.jsonl.gz"
code "$T/mixed.jsonl.gz"
check "gzip: same documents" out_lines '"type":"document"' 3
head -c 60 "$T/mixed.jsonl.gz" >"$T/cut.jsonl.gz"
code "$T/cut.jsonl.gz"
check "truncated gzip: clear message" err_has "truncated"
check "truncated gzip: exit 1" rc 1

# a 20 MB single line: skipped with a message, memory stays bounded
head -c 20000000 /dev/zero | tr '\0' 'a' >"$T/big.txt"
/usr/bin/time -f "%M" -o "$T/mem" "$PETREL" code -q "$T/big.txt" >"$T/out" 2>"$T/err"
echo $? >"$T/rc"
check "20 MB line: exit 1" rc 1
check "20 MB line: says why" err_has "larger than --max-doc-bytes"
check "20 MB line: peak memory under 100 MB" [ -n "${PETREL_SANITIZED:-}" -o "$(tail -n 1 "$T/mem")" -lt 100000 ]
# ... and coded when the limit allows it
"$PETREL" code -q --max-doc-bytes 30000000 "$T/big.txt" >"$T/out" 2>"$T/err"
check "20 MB line: coded with a higher limit" out_has '"sentences":1'
# a 20 MB JSONL line between two good ones
{ echo '{"id":"x","text":"Oman mediated."}'; printf '{"id":"big","text":"'; cat "$T/big.txt"; echo '"}'; echo '{"id":"y","text":"Qatar hosted talks."}'; } >"$T/big.jsonl"
code "$T/big.jsonl"
check "20 MB JSONL line: neighbours coded" out_lines '"type":"document"' 2
check "20 MB JSONL line: named" err_has "big.jsonl:2: line is longer"
# --max-doc-bytes limits the article, whatever the length of its JSONL line
{ echo '{"id":"short","text":"Oman mediated."}'
  printf '{"id":"long","text":"%s"}\n' "$(head -c 150 /dev/zero | tr '\0' 'a')"
  printf '{"id":"escaped","title":"%s","text":"Qatar \\u0068osted talks."}\n' "$(head -c 300 /dev/zero | tr '\0' 't')"; } >"$T/limit.jsonl"
code --max-doc-bytes 100 "$T/limit.jsonl"
check "max-doc-bytes on JSONL: larger article skipped" err_has "limit.jsonl:2: article is larger than --max-doc-bytes"
check "max-doc-bytes on JSONL: a long line with a short text coded" out_has '"id":"escaped"'
check "max-doc-bytes on JSONL: exit 1" rc 1

# stdin, threads, output order
cat "$T/mixed.jsonl" "$T/mixed.jsonl" "$T/mixed.jsonl" | "$PETREL" code -q --input-format jsonl -j 4 - 2>/dev/null | grep '"type":"document"' | sed 's/.*"id":"\([^"]*\)".*/\1/' | tr '\n' ' ' >"$T/order"
check "threads: output in input order" [ "$(cat "$T/order")" = "a e 7 a e 7 a e 7 " ]

# --only: the records asked for, beside document records
printf '"We will reopen the border on Tuesday," Kenya'"'"'s president said. Kenya and Ethiopia agreed on Tuesday to reopen the border.\n' >"$T/both.txt"
code --date 2024-05-07 "$T/both.txt"
check "all records: a quote and an event" sh -c "grep -q '\"type\":\"quote\"' '$T/out' && grep -q '\"type\":\"event\"' '$T/out'"
code --date 2024-05-07 --only events "$T/both.txt"
check "--only events: an event" out_has '"type":"event"'
check "--only events: no quote" out_lines '"type":"quote"' 0
code --date 2024-05-07 --only quotes,mentions "$T/both.txt"
check "--only quotes,mentions: a quote" out_has '"type":"quote"'
check "--only quotes,mentions: mentions" out_has '"type":"mention"'
check "--only quotes,mentions: no event" out_lines '"type":"event"' 0
code --date 2024-05-07 --only events --mentions "$T/both.txt"
check "--only events --mentions: mentions too" out_has '"type":"mention"'
code --only events --db "$T/only.db" "$T/both.txt"
check "--only with --db: refused, exit 2" sh -c "[ \"\$(cat '$T/rc')\" = 2 ] && grep -q 'cannot be used with --db' '$T/err'"
code --only events,votes "$T/both.txt"
check "--only: an unknown kind is named, exit 2" sh -c "[ \"\$(cat '$T/rc')\" = 2 ] && grep -q \"unknown record kind 'votes'\" '$T/err'"

# usage errors
code --date 2024-02-30 "$T/good.txt"
check "bad --date: exit 2" rc 2
code --bogus
check "unknown option: exit 2" rc 2
code -o "$T/good.txt" "$T/good.txt"
check "output never overwrites an input" rc 2
code "$T/missing.txt"
check "missing file: exit 1 with message" err_has "missing.txt: cannot open"

# dictionaries: a malformed line is named
printf '%%petrel actors\nIRN  Iran\nirn  Persia\nIRNGOV@2020-13-01.. Tehran\n' >"$T/bad.txt"
"$PETREL" dict check "$T/bad.txt" >"$T/out" 2>"$T/err"
echo $? >"$T/rc"
check "dict check: exit 1 on errors" rc 1
check "dict check: names file and line 3" err_has "bad.txt:3: bad actor code"
check "dict check: names line 4" err_has "bad.txt:4: bad start date"
"$PETREL" dict check >"$T/out" 2>"$T/err"
echo $? >"$T/rc"
check "dict check: shipped dictionaries are clean" rc 0

# TABARI dictionaries compiled: the same events, loaded without parsing; a
# damaged file is refused by name
printf 'VELDARA [VEL]\nKORVATH_ [KOR]\n' >"$T/w.actors"
printf 'MINISTER_ [~GOV]\n' >"$T/w.agents"
printf 'SEND_ [070]\n- * TROOPS [190]\nACCUSE [112]\n' >"$T/w.verbs"
printf 'The Veldara minister accused Korvath of sending troops to the border on Monday.\n' >"$T/w.txt"
"$PETREL" dict compile -o "$T/w.pdc" "$T/w.actors" "$T/w.agents" "$T/w.verbs" >"$T/out" 2>"$T/err"
echo $? >"$T/rc"
check "dict compile: exit 0" rc 0
check "dict compile: says how fast it loads" out_has "w.pdc: loads in"
"$PETREL" code -q --no-default-dict --dict-format tabari --dict "$T/w.actors" --dict "$T/w.agents" \
    --dict "$T/w.verbs" "$T/w.txt" >"$T/text.jsonl" 2>"$T/err"
code --no-default-dict --dict "$T/w.pdc" "$T/w.txt"
check "compiled: exit 0" rc 0
check "compiled: an event" out_has '"code":"112"'
check "compiled: the same output as the text files" cmp -s "$T/out" "$T/text.jsonl"
head -c 2000 "$T/w.pdc" >"$T/cut.pdc"
code --no-default-dict --dict "$T/cut.pdc" "$T/w.txt"
check "compiled, cut short: exit 2" rc 2
check "compiled, cut short: named" err_has "cut.pdc: compiled dictionary is truncated"
printf 'VELDARA [VEL\n' >"$T/bad.actors"
"$PETREL" dict compile -o "$T/bad.pdc" "$T/bad.actors" >"$T/out" 2>"$T/err"
echo $? >"$T/rc"
check "dict compile: exit 1 on errors" rc 1
check "dict compile: names the line" err_has "bad.actors:1:"
check "dict compile: writes nothing on errors" test ! -e "$T/bad.pdc"
cp "$T/w.actors" "$T/keep.actors"
"$PETREL" dict compile -o "$T/keep.actors" "$T/keep.actors" >"$T/out" 2>"$T/err"
echo $? >"$T/rc"
check "dict compile: never overwrites a dictionary: exit 2" rc 2
check "dict compile: the dictionary is intact" cmp -s "$T/keep.actors" "$T/w.actors"

echo "cli: $n checks, $fails failed"
[ "$fails" = 0 ]
