#!/bin/sh
# The test suite under valgrind memcheck: the unit tests, the golden cases and
# the command-line, web, report and fuzz-regression tests, with every petrel run
# wrapped so that any invalid access or leaked block fails the run (exit 99).
# Slow (valgrind is ~30x); `make valgrind` runs it, CI runs ASan instead.
# Usage: valgrind.sh BUILD_DIR SOURCE_DIR
set -u
BUILD=$(cd "$1" && pwd)
SRC=$(cd "$2" && pwd)
command -v valgrind >/dev/null || { echo "valgrind: not installed (apt-get install valgrind)"; exit 2; }
T=$(mktemp -d "${TMPDIR:-/tmp}/petrel-vg.XXXXXX")
trap 'rm -rf "$T"' EXIT
VG="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect"
cat >"$T/petrel" <<WRAP
#!/bin/sh
exec $VG "$BUILD/petrel" "\$@"
WRAP
chmod +x "$T/petrel"
export PETREL_SANITIZED=1 # memory bounds do not hold under valgrind
fails=0
run() {
    name=$1
    shift
    if "$@" >"$T/log" 2>&1; then
        echo "ok   $name"
    else
        echo "FAIL $name"
        tail -n 30 "$T/log"
        fails=$((fails + 1))
    fi
}
for u in "$BUILD"/tests/test_*; do
    [ -x "$u" ] || continue
    run "$(basename "$u")" $VG "$u"
done
run golden "$BUILD/tests/golden" "$T/petrel" "$SRC/tests/cases"
run cli sh "$SRC/tests/cli.sh" "$T/petrel" "$SRC/tests"
run web sh "$SRC/tests/web.sh" "$T/petrel" "$SRC/tests"
run fuzz_regressions sh "$SRC/tests/fuzz/regressions.sh" "$T/petrel" "$SRC/tests/fuzz/regressions"
echo "valgrind: $fails failed"
[ "$fails" = 0 ]
