"""Check, before Qt starts, that the X11 libraries Qt's xcb plugin needs are installed.

Qt 6.5+ loads its xcb platform plugin only if a handful of small libxcb helper libraries are
present. On a minimal Linux system some are missing, and Qt then aborts with a plugin error
(which names libxcb-cursor0 even when another library is the one missing): a user who
double-clicks sees nothing at all. This module finds the missing ones and says, in one line,
which packages to install. It must not import Qt: it runs before Qt is loaded.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Library:
    name: str  # the name ctypes.util.find_library takes ("xcb-cursor")
    soname: str  # the file the loader looks for
    package: str  # the Debian/Ubuntu package that provides it


# What libqxcb.so / libQt6XcbQpa.so.6 link against (checked with ldd on PySide6 6.12),
# leaving out the libraries every desktop has anyway (libc, libGL, libX11...).
XCB_LIBRARIES: tuple[Library, ...] = (
    Library("xcb", "libxcb.so.1", "libxcb1"),
    Library("xcb-cursor", "libxcb-cursor.so.0", "libxcb-cursor0"),
    Library("xcb-icccm", "libxcb-icccm.so.4", "libxcb-icccm4"),
    Library("xcb-keysyms", "libxcb-keysyms.so.1", "libxcb-keysyms1"),
    Library("xcb-image", "libxcb-image.so.0", "libxcb-image0"),
    Library("xcb-render-util", "libxcb-render-util.so.0", "libxcb-render-util0"),
    Library("xcb-shape", "libxcb-shape.so.0", "libxcb-shape0"),
    Library("xcb-randr", "libxcb-randr.so.0", "libxcb-randr0"),
    Library("xcb-xkb", "libxcb-xkb.so.1", "libxcb-xkb1"),
    Library("xcb-util", "libxcb-util.so.1", "libxcb-util1"),
    Library("xkbcommon", "libxkbcommon.so.0", "libxkbcommon0"),
    Library("xkbcommon-x11", "libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
    Library("X11-xcb", "libX11-xcb.so.1", "libx11-xcb1"),
)

# Not linked by Qt 6's xcb plugin, but commonly listed for Qt apps; recommended, never required.
RECOMMENDED_PACKAGES = ("libxcb-xinerama0",)

Finder = Callable[[Library], bool]


@functools.lru_cache(maxsize=1)
def _ldconfig_sonames() -> frozenset[str]:
    """Every shared library the dynamic loader knows about (one `ldconfig -p` call)."""
    import shutil
    import subprocess

    for exe in ("ldconfig", "/sbin/ldconfig", "/usr/sbin/ldconfig"):
        path = shutil.which(exe) or (exe if os.path.isabs(exe) and os.path.exists(exe) else None)
        if not path:
            continue
        try:
            out = subprocess.run(
                [path, "-p"], capture_output=True, text=True, timeout=5, check=False
            ).stdout
        except (OSError, subprocess.SubprocessError):
            continue
        names = {line.split(" (", 1)[0].strip() for line in out.splitlines()[1:]}
        if names:
            return frozenset(names)
    return frozenset()


def _bundle_dirs() -> list[Path]:
    """Folders of a PyInstaller bundle that may carry the libraries themselves."""
    base = getattr(sys, "_MEIPASS", None)
    if not base:
        return []
    root = Path(base)
    return [root, root / "PySide6" / "Qt" / "lib"]


def system_finder(lib: Library) -> bool:
    """True when the loader can find `lib`: in the bundle, in ldconfig's cache, or by ctypes."""
    for folder in _bundle_dirs():
        if (folder / lib.soname).exists():
            return True
    known = _ldconfig_sonames()
    if known:
        return lib.soname in known or _in_ld_library_path(lib.soname)
    import ctypes.util

    return ctypes.util.find_library(lib.name) is not None or _in_ld_library_path(lib.soname)


def _in_ld_library_path(soname: str) -> bool:
    for folder in os.environ.get("LD_LIBRARY_PATH", "").split(os.pathsep):
        if folder and (Path(folder) / soname).exists():
            return True
    return False


def ctypes_finder(find_library: Callable[[str], str | None]) -> Finder:
    """A finder over a `ctypes.util.find_library`-like function (tests pass a fake one)."""
    return lambda lib: find_library(lib.name) is not None


def missing_libraries(
    finder: Finder = system_finder, libraries: Iterable[Library] = XCB_LIBRARIES
) -> list[Library]:
    return [lib for lib in libraries if not finder(lib)]


def needs_check(environ: dict[str, str] | None = None, platform: str | None = None) -> bool:
    """Only a Linux X11 start uses the xcb plugin: not offscreen, not a Wayland session."""
    env = os.environ if environ is None else environ
    platform = platform or sys.platform
    if not platform.startswith("linux"):
        return False
    qpa = env.get("QT_QPA_PLATFORM", "").strip().lower()
    if qpa:
        # An explicit choice: only check when it is xcb first ("xcb" or "xcb;wayland").
        return qpa.split(";")[0].split(":")[0] == "xcb"
    if not env.get("DISPLAY"):
        return False
    # Qt tries wayland first in a Wayland session and falls back to xcb when the compositor
    # cannot be reached: only a reachable Wayland socket makes the xcb check unnecessary.
    return not wayland_socket(env)


def wayland_socket(env: dict[str, str] | os._Environ[str]) -> Path | None:
    """The Wayland compositor's socket when it exists (as Qt's wayland plugin finds it)."""
    name = env.get("WAYLAND_DISPLAY", "")
    if not name and env.get("XDG_SESSION_TYPE", "").lower() == "wayland":
        name = "wayland-0"
    if not name:
        return None
    if os.path.isabs(name):
        path = Path(name)
    else:
        runtime = env.get("XDG_RUNTIME_DIR")
        if not runtime:
            return None
        path = Path(runtime) / name
    return path if path.exists() else None


def apt_command(missing: Iterable[Library]) -> str:
    return "sudo apt-get install " + " ".join(lib.package for lib in missing)


def message(missing: list[Library]) -> str:
    """One line: what is missing and the command that installs it."""
    packages = ", ".join(lib.package for lib in missing)
    return (
        f"Vouch cannot open its window: the system lacks X11 libraries Qt needs ({packages}). "
        f"Install them with: {apt_command(missing)}"
    )


def _notify(text: str) -> None:
    """Started from a desktop icon there is no terminal: also try a desktop notification."""
    import shutil
    import subprocess

    exe = shutil.which("notify-send")
    if not exe:
        return
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        subprocess.run(
            [exe, "--app-name=Vouch", "-u", "critical", "Vouch cannot start", text],
            timeout=5,
            check=False,
            capture_output=True,
        )


def check(finder: Finder = system_finder, environ: dict[str, str] | None = None) -> str | None:
    """The one-line problem, or None when Qt can start (or the check does not apply)."""
    if not needs_check(environ):
        return None
    missing = missing_libraries(finder)
    return message(missing) if missing else None


def ensure_display_libraries(finder: Finder = system_finder) -> bool:
    """Print (and notify) the problem; False means: do not start Qt."""
    problem = check(finder)
    if problem is None:
        return True
    print(problem, file=sys.stderr)
    stderr_is_tty = bool(getattr(sys.stderr, "isatty", None) and sys.stderr.isatty())
    if not stderr_is_tty:
        _notify(problem)
    return False
