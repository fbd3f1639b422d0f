#!/bin/sh
# Code the bundled example articles into a SQLite database, print a summary
# and draw the HTML report.
set -eu
PETREL=${1:-build/petrel}
cd "$(dirname "$0")/.."
rm -f demo.db demo.db-wal demo.db-shm demo.jsonl report.html
# articles.jsonl holds the eight articles with their dates, urls and titles
"$PETREL" code --db demo.db -o demo.jsonl examples/articles.jsonl
echo
"$PETREL" query summary --db demo.db --format table
"$PETREL" report --db demo.db -o report.html --title "Petrel demo: the eight example articles"
echo
echo "Stored in demo.db (petrel query events|quotes|actors|pairs --db demo.db),"
echo "records in demo.jsonl, and a page to open in a browser: report.html"
