#!/usr/bin/env bash
# Install Variorum's menu entry, icon and session file type for the current user (no root).
#
#   packaging/linux/install.sh [--exec PROGRAM] [--uninstall]
#
# PROGRAM is what the menu entry starts. Default: `variorum-gui` from PATH or from this
# checkout's .venv; inside an unpacked bundle, the bundle's own `variorum`.
# Files go under ${XDG_DATA_HOME:-~/.local/share}; caches are refreshed when the tools exist.
set -euo pipefail

APP_ID="io.github.variorum.Variorum"
SIZES="16 24 32 48 64 128 256 512"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DATA="${XDG_DATA_HOME:-$HOME/.local/share}"

die() { echo "install.sh: $*" >&2; exit 1; }

# Where the shipped files are: a source checkout (packaging/linux) or a bundle folder,
# where build_bundle.py puts this script next to the program.
if [[ -f "$HERE/../../resources/icons/variorum.svg" ]]; then
    ICONS="$HERE/../../resources/icons"
    META="$HERE"
    DEFAULT_EXEC=""
elif [[ -f "$HERE/_internal/variorum/resources/icons/variorum.svg" ]]; then
    ICONS="$HERE/_internal/variorum/resources/icons"
    META="$HERE/_internal/variorum/desktop"
    DEFAULT_EXEC="$HERE/variorum"
else
    die "cannot find Variorum's icons next to $HERE"
fi

EXEC="$DEFAULT_EXEC"
UNINSTALL=0
while [[ $# -gt 0 ]]; do
    case "$1" in
        --exec) [[ $# -ge 2 ]] || die "--exec needs a program"; EXEC="$2"; shift 2 ;;
        --uninstall) UNINSTALL=1; shift ;;
        -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown option: $1 (try --help)" ;;
    esac
done

refresh_caches() {
    if command -v update-mime-database >/dev/null; then
        update-mime-database "$DATA/mime" >/dev/null 2>&1 || true
    fi
    if command -v update-desktop-database >/dev/null; then
        update-desktop-database -q "$DATA/applications" || true
    fi
    if command -v gtk-update-icon-cache >/dev/null && [[ -f "$DATA/icons/hicolor/index.theme" ]]; then
        gtk-update-icon-cache -q -t -f "$DATA/icons/hicolor" || true
    fi
}

if [[ $UNINSTALL -eq 1 ]]; then
    rm -f "$DATA/applications/$APP_ID.desktop" \
          "$DATA/mime/packages/$APP_ID.xml" \
          "$DATA/metainfo/$APP_ID.metainfo.xml" \
          "$DATA/icons/hicolor/scalable/apps/$APP_ID.svg"
    for size in $SIZES; do
        rm -f "$DATA/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
    done
    refresh_caches
    echo "Variorum's menu entry, icon and file type are removed."
    exit 0
fi

if [[ -z "$EXEC" ]]; then
    if command -v variorum-gui >/dev/null; then
        EXEC="$(command -v variorum-gui)"
    elif [[ -x "$HERE/../../.venv/bin/variorum-gui" ]]; then
        EXEC="$(cd "$HERE/../../.venv/bin" && pwd)/variorum-gui"
    else
        die "no variorum-gui found: install Variorum first (pip install .) or pass --exec PROGRAM"
    fi
fi
GIVEN="$EXEC"
if [[ "$EXEC" != */* ]]; then
    EXEC="$(command -v "$EXEC" || true)"  # a bare name is looked up in PATH
fi
[[ -n "$EXEC" && -f "$EXEC" && -x "$EXEC" ]] || die "$GIVEN is not a program"
EXEC="$(cd "$(dirname "$EXEC")" && pwd)/$(basename "$EXEC")"
# Spaces are common in home folders and are quoted below; quotes, backslashes, '$' and
# control characters would need the desktop entry's double escaping, so they are refused.
case "$EXEC" in
    *[\"\'\\\`\$]*|*[[:cntrl:]]*)
        die "the program's path must not contain quotes, backslashes, \$ or control characters: $EXEC" ;;
esac
EXEC_FIELD="${EXEC//%/%%}"  # a literal % in Exec is written %%
if [[ "$EXEC" == *" "* ]]; then EXEC_FIELD="\"$EXEC_FIELD\""; fi

install -d "$DATA/applications" "$DATA/mime/packages" "$DATA/metainfo" \
           "$DATA/icons/hicolor/scalable/apps"
# The menu entry starts this exact program, so it works without PATH changes. (Written
# line by line, not with sed, so no character of the path is taken as sed syntax.)
while IFS= read -r line; do
    case "$line" in
        Exec=*) printf 'Exec=%s %%F\n' "$EXEC_FIELD" ;;
        TryExec=*) printf 'TryExec=%s\n' "$EXEC" ;;
        *) printf '%s\n' "$line" ;;
    esac
done < "$META/$APP_ID.desktop" > "$DATA/applications/$APP_ID.desktop"
install -m 644 "$META/$APP_ID.xml" "$DATA/mime/packages/$APP_ID.xml"
install -m 644 "$META/$APP_ID.metainfo.xml" "$DATA/metainfo/$APP_ID.metainfo.xml"
install -m 644 "$ICONS/variorum.svg" "$DATA/icons/hicolor/scalable/apps/$APP_ID.svg"
for size in $SIZES; do
    install -d "$DATA/icons/hicolor/${size}x${size}/apps"
    install -m 644 "$ICONS/variorum-$size.png" "$DATA/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
done
refresh_caches
# Make Variorum the program that opens sessions on double-click; say so only if it is done.
DEFAULT_SET=0
if command -v xdg-mime >/dev/null; then
    if xdg-mime default "$APP_ID.desktop" application/x-variorum-session; then
        DEFAULT_SET=1
        SKIPPED_WHY=""
    else
        SKIPPED_WHY="xdg-mime failed"
    fi
else
    SKIPPED_WHY="xdg-mime is not installed; Debian: apt-get install xdg-utils, then run this again"
fi

echo "Variorum is in your applications menu."
if [[ $DEFAULT_SET -eq 1 ]]; then
    echo "  double-clicking a .variorum file opens it"
else
    echo "  SKIPPED: making Variorum open .variorum files on double-click ($SKIPPED_WHY)"
fi
echo "  program: $EXEC"
echo "  files:   $DATA/{applications,icons,mime,metainfo}"
