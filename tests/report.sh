#!/bin/sh
# petrel report: one self-contained page, no HTML injection from article
# text, and (when Debian's chromium is there) it loads in headless Chromium
# with no console error and a screenshot is taken.
# Usage: report.sh PETREL EXAMPLES_DIR STORE_FIXTURE OUT_DIR
# The screenshot is left in OUT_DIR/report.png. Without chromium the static
# checks still run and the browser part says SKIPPED.
set -u
PETREL=$1
EXAMPLES=$2
FIXTURE=$3
OUT=$4
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

# real coding of the examples plus an article full of markup...
cat "$EXAMPLES/articles.jsonl" >"$T/in.jsonl"
cat >>"$T/in.jsonl" <<'JSONL'
{"id": "xss-<script>alert(1)</script>", "date": "2025-01-02", "url": "javascript:alert(2)", "title": "</script><script>alert(3)</script><img src=x onerror=alert(4)>", "text": "Officials said <script>alert(5)</script> nothing.\n\nThe <b>minister</b> & \"<i>aide</i>\" met on Tuesday. </script><svg onload=alert(6)>"}
JSONL
"$PETREL" code -q --db "$T/r.db" "$T/in.jsonl" 2>/dev/null
# ...and made-up events and quotes with hostile actor names, speakers, quotes
"$FIXTURE" "$T/r.db" 80 --hostile
"$PETREL" report --db "$T/r.db" -o "$T/report.html" --title 'Report <b>&</b> "test"'
check "report: exit 0" [ $? = 0 ]
check "report: written" [ -s "$T/report.html" ]

# exactly our two script elements (data and code), whatever the data holds
check "no injected script element" [ "$(grep -o -i '<script' "$T/report.html" | wc -l)" = 2 ]
check "no raw markup from the data" [ "$(grep -c -i -E '<img|<svg onload|<b>minister|<i>aide' "$T/report.html")" = 0 ]
check "title escaped" grep -q '<title>Report &lt;b&gt;&amp;&lt;/b&gt; &quot;test&quot;</title>' "$T/report.html"
check "no external resources" [ "$(grep -c -i -E '<link|src="(https?:)?//|@import|url\(https?:' "$T/report.html")" = 0 ]
check "a Content-Security-Policy forbids the network" grep -q "default-src 'none'" "$T/report.html"

# an empty store still gives a page
"$PETREL" code -q --db "$T/empty.db" --input-format jsonl /dev/null 2>/dev/null
"$PETREL" report --db "$T/empty.db" -o "$T/empty.html"
check "empty store: report written" [ -s "$T/empty.html" ]

CHROME=""
for c in chromium chromium-browser google-chrome; do
    if command -v "$c" >/dev/null 2>&1; then CHROME=$c; break; fi
done
if [ -z "$CHROME" ]; then
    echo "report: browser checks SKIPPED: no chromium (apt-get install chromium, or scripts/deps.sh extra chromium)"
else
    browse() { # PAGE ARGS... : runs headless chromium on PAGE, log in $T/log
        url=file://$1
        shift
        timeout 120 "$CHROME" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
            --disable-background-networking --disable-component-update --disable-sync \
            --user-data-dir="$(mktemp -d -p "$T")" --enable-logging=stderr --v=0 \
            "$@" "$url" 2>"$T/log"
    }
    # the check can fail: a page with an error is caught
    printf '<!DOCTYPE html><p>x</p><script>null.f()</script>\n' >"$T/bad.html"
    browse "$T/bad.html" --dump-dom >/dev/null
    check "browser check catches a page error" grep -q "CONSOLE.*Uncaught" "$T/log"

    for page in report empty; do
        browse "$T/$page.html" --dump-dom >"$T/$page.dom"
        check "$page: page loads" grep -q '<body' "$T/$page.dom"
        check "$page: scripts ran to the end" grep -q 'data-petrel-ok="yes"' "$T/$page.dom"
        check "$page: no console message or error" [ "$(grep -c ':CONSOLE' "$T/log")" = 0 ]
        grep ':CONSOLE' "$T/log" | head -5
    done
    check "report DOM: still only two script elements" [ "$(grep -o -i '<script' "$T/report.dom" | wc -l)" = 2 ]
    check "report DOM: speakers shown as text" grep -q '&lt;i&gt;Mallory&lt;/i&gt;' "$T/report.dom"
    check "report DOM: no injected elements" [ "$(grep -c -i -E '<img|<svg onload|<i>Mallory|<b>minister' "$T/report.dom")" = 0 ]
    check "report DOM: javascript: URL not made a link" [ "$(grep -c 'href="javascript' "$T/report.dom")" = 0 ]
    check "report DOM: events table drawn" grep -q 'class="sent"' "$T/report.dom"
    check "report DOM: network drawn" grep -q 'class="node"' "$T/report.dom"

    mkdir -p "$OUT"
    rm -f "$OUT/report.png"
    browse "$T/report.html" --hide-scrollbars --window-size=1280,2600 --screenshot="$OUT/report.png" >/dev/null
    check "screenshot taken" [ "$(head -c 8 "$OUT/report.png" 2>/dev/null | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]
    cp "$T/report.html" "$OUT/report.html"
    echo "report: screenshot in $OUT/report.png"
fi

echo "report: $n checks, $fails failed"
[ "$fails" = 0 ]
