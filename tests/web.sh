#!/bin/sh
# Web input on the command line: HTML pages, WARC and ARC archives (plain, gzip,
# truncated, stdin), charsets, size limits and hostile markup.
# Usage: web.sh PETREL TESTS_DIR
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
out_lines() { [ "$(grep -c -- "$1" "$T/out")" = "$2" ]; }
out_lacks() { ! grep -q -- "$1" "$T/out"; }

python3 "$TESTS/make_warc.py" "$T" || { echo "FAIL cannot make the test archives"; exit 1; }

# --- WARC: four pages among nine records
for f in site.warc site.warc.gz; do
    code "$T/$f"
    check "$f: exit 0" rc 0
    check "$f: four documents" out_lines '"type":"document"' 4
    check "$f: id from WARC-Record-ID" out_has '"id":"00000000-0000-4000-8000-000000000002"'
    check "$f: url from WARC-Target-URI" out_has '"url":"http://diario.example/protesta"'
    check "$f: non-HTML records counted" err_has "5 records that are not articles were skipped"
done
code "$T/site.warc"
check "warc: chunked + gzip page decoded" out_has 'signed a treaty on Tuesday'
check "warc: page date wins over WARC-Date" out_has '"date":"2024-04-02"'
check "warc: WARC-Date when the page has none" out_has '"date":"2024-03-28"'
check "warc: Latin-1 page from the HTTP charset" out_has 'marcharon el miércoles'
check "warc: windows-1252 page from <meta>" out_has '“We got what we came for,” the union’s leader'
check "warc: deflate content encoding" out_has 'electoral commission of Norland'
check "warc: text is in the document record" out_has '"text":"Dock workers'
check "warc: navigation left out" out_lacks 'Inicio'
check "warc: comments left out" out_lacks 'Muy buena nota'
check "warc: cookie banner left out" out_lacks 'We use cookies'
check "warc: share links left out" out_lacks 'Tweet'
check "warc: related links left out" out_lacks 'Drought hits'
check "warc: byline left out" out_lacks 'By Ana Lima'
check "warc: --sentences offsets index the text" sh -c "\"$PETREL\" code -q --sentences \"$T/site.warc\" 2>/dev/null | grep -q '\"type\":\"sentence\"'"

# --date is a fallback for pages without a date of their own, before WARC-Date
code --date 2020-06-01 "$T/site.warc"
check "warc: --date before WARC-Date" out_has '"date":"2020-06-01"'
check "warc: page date before --date" out_has '"date":"2024-04-02"'

# a truncated last member: a clear message, exit 1, the records before it coded
code "$T/cut.warc.gz"
check "truncated warc.gz: exit 1" rc 1
check "truncated warc.gz: message names file and record" err_has "cut.warc.gz:9: compressed data is truncated"
check "truncated warc.gz: earlier pages coded" out_lines '"type":"document"' 3

# a plain archive cut inside a record
head -c 3000 "$T/site.warc" >"$T/part.warc"
code "$T/part.warc"
check "cut warc: exit 1" rc 1
check "cut warc: says the record is cut off" err_has "part.warc:4: the archive ends inside a record"
check "cut warc: the page before it coded" out_lines '"type":"document"' 1

# junk and non-archives
printf 'not an archive\n' >"$T/bad.warc"
code "$T/bad.warc"
check "not a warc: exit 1" rc 1
check "not a warc: says so" err_has 'bad.warc:1: not a WARC file'
{ printf 'garbage line\r\n'; cat "$T/site.warc"; } >"$T/junk.warc"
code "$T/junk.warc"
check "junk before a record: warned" err_has "1 line of junk before record 1 skipped"
check "junk before a record: pages still coded" out_lines '"type":"document"' 4

# the old ARC format
code "$T/site.arc"
check "arc: two pages" out_lines '"type":"document"' 2
check "arc: Latin-1 page" out_has 'educación pública'
check "arc: derived ids" out_has '"id":"site-2"'

# --- stdin, with --input-format
cat "$T/site.warc.gz" | "$PETREL" code -q --input-format warc - >"$T/out" 2>"$T/err"
check "stdin warc.gz: four documents" out_lines '"type":"document"' 4
gzip -c "$TESTS/cases/web_news.html" | "$PETREL" code -q --input-format html - >"$T/out" 2>"$T/err"
check "stdin html.gz: id stdin" out_has '"id":"stdin"'
check "stdin html.gz: article" out_has 'reopened their main border crossing'

# --- HTML files
gzip -c "$TESTS/cases/web_news.html" >"$T/page-1.html.gz"
code "$T/page-1.html.gz"
check "html.gz: exit 0" rc 0
check "html.gz: id is the file name without .html.gz" out_has '"id":"page-1"'
check "html.gz: JSON-LD date" out_has '"date":"2024-05-07"'
head -c 1200 "$T/page-1.html.gz" >"$T/cut.html.gz"
code "$T/cut.html.gz"
check "truncated html.gz: warned" err_has "cut.html.gz: compressed data is truncated"
check "truncated html.gz: what was read is coded" out_has 'reopened their main border crossing'

# a page in Latin-1 that does not say so: not valid UTF-8, read as windows-1252
printf '<html><body><p>Le ministre a d\351clar\351 mardi que la r\351forme des retraites serait vot\351e avant l\047\351t\351, malgr\351 les gr\350ves.</p></body></html>' >"$T/latin.html"
code "$T/latin.html"
check "undeclared Latin-1 page: decoded" out_has 'Le ministre a déclaré mardi'

# threads: order kept, one document a page
for i in 1 2 3 4 5 6 7 8; do cp "$TESTS/cases/web_date.html" "$T/p$i.html"; done
"$PETREL" code -q -j 4 "$T"/p1.html "$T"/p2.html "$T"/p3.html "$T"/p4.html "$T"/p5.html \
    "$T"/p6.html "$T"/p7.html "$T"/p8.html | grep '"type":"document"' |
    sed 's/.*"id":"\([^"]*\)".*/\1/' | tr '\n' ' ' >"$T/order"
check "threads: pages in input order" [ "$(cat "$T/order")" = "p1 p2 p3 p4 p5 p6 p7 p8 " ]

# --- limits
code --max-doc-bytes 1000 "$TESTS/cases/web_news.html" "$TESTS/cases/web_date.html"
check "html over --max-doc-bytes: exit 1" rc 1
check "html over --max-doc-bytes: says why" err_has "web_news.html: page is larger than --max-doc-bytes"
check "html over --max-doc-bytes: next file coded" out_has '"id":"web_date"'
code --max-doc-bytes 1000 "$T/site.warc"
check "warc record over --max-doc-bytes: named" err_has "site.warc:2: page is larger than --max-doc-bytes"
check "warc record over --max-doc-bytes: others coded" out_has '"id":"00000000-0000-4000-8000-000000000009"'

# --- hostile markup: deep nesting and re-opened formatting stay fast and bounded
python3 -c "
n = 100000
open('$T/deep.html', 'w').write('<html><body>' + '<div>' * n + '<p>Deep text, still read: the paragraph at the bottom of the nest is long enough to count.</p>' + '</div>' * n)
open('$T/deep-unclosed.html', 'w').write('<html><body>' + '<div><span><table><tr><td>' * 20000 + 'Deep text.')
open('$T/formatting.html', 'w').write('<html><body>' + ''.join('<b class=c%d>' % i for i in range(50000)) + '<p>x</p>' * 200000)
"
# the bound catches a quadratic walk (minutes), not a slow machine: valgrind
# and the sanitizers run several times slower
limit=10
[ -n "${PETREL_SANITIZED:-}" ] && limit=40
for f in deep deep-unclosed formatting; do
    /usr/bin/time -f "%e %M" -o "$T/res" "$PETREL" code -q "$T/$f.html" >"$T/out" 2>"$T/err"
    echo $? >"$T/rc"
    secs=$(cut -d' ' -f1 "$T/res" | tail -n 1)
    kb=$(cut -d' ' -f2 "$T/res" | tail -n 1)
    check "$f.html: no crash" rc 0
    check "$f.html: under $limit s (took $secs s)" awk "BEGIN { exit !($secs < $limit) }"
    check "$f.html: under 400 MB (took $kb KB)" [ "$kb" -lt 400000 ]
done
"$PETREL" code -q --text "$T/deep.html" >"$T/out" 2>"$T/err"
check "deep.html: the deep text is read" out_has 'Deep text, still read.'

# --- inputs found by fuzzing (tests/fuzz/regressions): read without a crash
for f in "$TESTS"/fuzz/regressions/*; do
    [ -f "$f" ] || continue
    case "$f" in *warc*) fmt=warc ;; *) fmt=html ;; esac
    "$PETREL" code -q --input-format $fmt "$f" >/dev/null 2>&1
    r=$?
    check "fuzz regression $(basename "$f"): exit 0 or 1" [ $r -le 1 ]
done

echo "web: $n checks, $fails failed"
[ "$fails" = 0 ]
