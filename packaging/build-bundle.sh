#!/usr/bin/env bash
# Build dist/Vouch/ with PyInstaller (called by `make bundle`), then check it starts.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}

"$PY" packaging/check_metadata.py

if [ "$(uname -s)" = "Linux" ]; then
    # PyInstaller copies the X11 helper libraries Qt's xcb plugin links against from the build
    # machine; the ones missing here will be missing from the bundle (see docs/linux.md).
    "$PY" - <<'PYEOF'
from ui.platform_check import apt_command, missing_libraries
missing = missing_libraries()
if missing:
    names = ", ".join(lib.package for lib in missing)
    print(f"bundle: warning: this machine lacks {names}; the bundle will not carry them "
          f"(its start-up check will ask users to install them). To bundle them: "
          f"{apt_command(missing)}")
PYEOF
fi

start=$(date +%s)
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN packaging/vouch.spec
echo "bundle: dist/Vouch built in $(( $(date +%s) - start )) s, $(du -sh dist/Vouch | cut -f1)"
