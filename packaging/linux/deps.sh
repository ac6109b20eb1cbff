#!/bin/sh
# Install the system packages Variorum needs on Debian/Ubuntu, where they are missing:
# python3-venv (for `python3 -m venv`) and the X11/XCB libraries Qt's xcb plugin loads.
#
#   packaging/linux/deps.sh [--dry-run]
#
# As root it runs apt-get; otherwise with sudo when there is sudo. Where it cannot install
# (no apt-get, no root or sudo) it prints what is missing and the apt-get line, and still
# exits 0 so the README's one command carries on; the window then says the same thing.
# Elsewhere than Linux it does nothing. The library list is app/variorum/platform_check.py's.
set -eu

HERE="$(cd "$(dirname "$0")" && pwd)"
CHECK="$HERE/../../app/variorum/platform_check.py"
DRY_RUN=0
case "${1:-}" in
    --dry-run) DRY_RUN=1 ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    "") ;;
    *) echo "deps.sh: unknown option: $1 (try --help)" >&2; exit 1 ;;
esac

[ "$(uname -s)" = "Linux" ] || exit 0
command -v python3 >/dev/null || { echo "deps.sh: python3 is needed (Debian: apt-get install python3)" >&2; exit 1; }

# `python3 -m venv` needs ensurepip, which Debian ships apart as python3-venv.
MISSING=""
python3 -c "import ensurepip" 2>/dev/null || MISSING="python3-venv"
for pkg in $(python3 -I "$CHECK" --packages); do
    MISSING="$MISSING $pkg"
done
MISSING="$(echo $MISSING)"  # collapse the spaces
if [ -z "$MISSING" ]; then
    echo "deps.sh: system packages present"
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null; then
    SUDO="sudo"
else
    SUDO="none"
fi
if [ "$DRY_RUN" -eq 1 ] || ! command -v apt-get >/dev/null || [ "$SUDO" = "none" ]; then
    echo "deps.sh: missing system packages: $MISSING"
    echo "deps.sh: install them with: sudo apt-get install $MISSING"
    exit 0
fi
echo "deps.sh: installing $MISSING"
$SUDO apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $MISSING >/dev/null
echo "deps.sh: installed $MISSING"
