#!/usr/bin/env bash
# Run the real-X suite (tests/xvfb) under Xvfb with QT_QPA_PLATFORM=xcb (`make xvfb-test`).
# With DISPLAY already pointing at an X server and QT_QPA_PLATFORM=xcb, it uses that server.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTEST=${PYTEST:-.venv/bin/python -m pytest}
ARGS=(tests/xvfb -v -rs -p no:cacheprovider)

if [ "${QT_QPA_PLATFORM:-}" = "xcb" ] && [ -n "${DISPLAY:-}" ]; then
    exec $PYTEST "${ARGS[@]}"
fi
if ! command -v Xvfb >/dev/null; then
    echo "xvfb-test: Xvfb is not installed: sudo apt-get install xvfb" >&2
    exit 1
fi

# A free display number, then a private Xvfb on it; stopped again on exit.
n=99
while [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ]; do n=$((n + 1)); done
Xvfb ":$n" -screen 0 1280x1024x24 -nolisten tcp >/tmp/xvfb-$n.log 2>&1 &
xvfb_pid=$!
trap 'kill "$xvfb_pid" 2>/dev/null || true' EXIT
for _ in $(seq 50); do
    [ -e "/tmp/.X11-unix/X$n" ] && break
    sleep 0.1
done
if [ ! -e "/tmp/.X11-unix/X$n" ]; then
    echo "xvfb-test: Xvfb did not start on :$n (see /tmp/xvfb-$n.log)" >&2
    exit 1
fi
echo "xvfb-test: Xvfb on :$n"
DISPLAY=":$n" QT_QPA_PLATFORM=xcb $PYTEST "${ARGS[@]}"
