#!/bin/sh
# Install the Debian packages Petrel needs, if any are missing.
#   scripts/deps.sh            build and test dependencies
#   scripts/deps.sh extra PKG  also these packages (e.g. postgresql, chromium)
# Runs apt-get only when something is missing; uses sudo when not root.
set -eu

PACKAGES="gcc make cmake pkg-config libc6-dev libutf8proc-dev libjansson-dev libsqlite3-dev
zlib1g-dev libgumbo-dev libcmocka-dev sqlite3 python3 libpq-dev parallel"
if [ "${1:-}" = extra ]; then
    shift
    PACKAGES="$PACKAGES $*"
fi

missing=""
for p in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0

echo "petrel: installing Debian packages:$missing" >&2
SUDO=""
if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO=sudo
    else
        echo "petrel: missing packages:$missing; install them as root (apt-get install$missing)" >&2
        exit 1
    fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
