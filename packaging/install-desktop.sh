#!/usr/bin/env bash
# Install Vouch's desktop entry, AppStream metadata and icons for the current user (Linux).
# The launcher runs the bundle (dist/Vouch/Vouch) when it exists, else .venv/bin/vouch;
# VOUCH_EXEC=/path/to/vouch overrides. Honours XDG_DATA_HOME (default ~/.local/share).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
APP_ID=io.github.vouch.Vouch
DATA=${XDG_DATA_HOME:-$HOME/.local/share}

if [ -n "${VOUCH_EXEC:-}" ]; then
    EXEC=$VOUCH_EXEC
elif [ -x "$ROOT/dist/Vouch/Vouch" ]; then
    EXEC=$ROOT/dist/Vouch/Vouch
elif [ -x "$ROOT/.venv/bin/vouch" ]; then
    EXEC=$ROOT/.venv/bin/vouch
else
    echo "install-desktop: build the app first (make bundle, or make run once)" >&2
    exit 1
fi

for size in 16 24 32 48 64 128 256 512; do
    install -Dm644 "resources/icons/png/vouch-$size.png" \
        "$DATA/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
done
install -Dm644 resources/icons/vouch.svg "$DATA/icons/hicolor/scalable/apps/$APP_ID.svg"
install -Dm644 "packaging/$APP_ID.metainfo.xml" "$DATA/metainfo/$APP_ID.metainfo.xml"

# Desktop entries quote an Exec path that holds spaces; TryExec takes it unquoted.
quoted=$EXEC
case "$EXEC" in *" "*) quoted="\"$EXEC\"" ;; esac
mkdir -p "$DATA/applications"
sed -e "s|^Exec=.*|Exec=$quoted|" -e "s|^TryExec=.*|TryExec=$EXEC|" packaging/vouch.desktop \
    > "$DATA/applications/$APP_ID.desktop"
chmod 644 "$DATA/applications/$APP_ID.desktop"

command -v update-desktop-database >/dev/null && update-desktop-database -q "$DATA/applications" || true
# Refresh an existing user icon cache; never create one (a stale cache hides later icons).
if [ -f "$DATA/icons/hicolor/icon-theme.cache" ] && command -v gtk-update-icon-cache >/dev/null; then
    gtk-update-icon-cache -q -t "$DATA/icons/hicolor" || true
else
    touch "$DATA/icons/hicolor"
fi

echo "install-desktop: $DATA/applications/$APP_ID.desktop -> $EXEC"
echo "install-desktop: icons in $DATA/icons/hicolor/{16x16..512x512,scalable}/apps/$APP_ID.*"
