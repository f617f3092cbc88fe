"""Entry point of the window.

`vouch [--db PATH]` opens the window; `--screenshot OUT.png --view NAME [--size WxH]` renders
it offscreen and exits; `--smoke-test` exercises the whole app on a throw-away database (the
proof that a bundle carries every module and resource). Before Qt loads, the Linux X11
libraries are checked (ui.platform_check); once it runs, unhandled errors go to the crash
dialog (ui.crash) and the database is locked against a second window (ui.instance).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

APP_ID = "io.github.vouch.Vouch"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
VIEW_NAMES = (
    "today",
    "contacts",
    "companies",
    "referrals",
    "jobs",
    "followups",
    "metrics",
    "network",
)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="vouch", description="Vouch, the job seeker's CRM")
    p.add_argument("--db", help="database file (default: VOUCH_DB or the user data folder)")
    p.add_argument("--screenshot", metavar="OUT.png", help="render the window offscreen and exit")
    p.add_argument("--view", default="today", help="view to show: " + ", ".join(VIEW_NAMES))
    p.add_argument("--size", default="1280x800", help="window size for --screenshot")
    p.add_argument(
        "--smoke-test",
        action="store_true",
        help="run demo, import, export and every view on a temporary database, then exit",
    )
    p.add_argument("--version", action="store_true", help="print the version and exit")
    # Qt adds its own arguments (-platform...): keep them out of argparse's way.
    args, _unknown = p.parse_known_args(argv)
    return args


def app_icon() -> QIcon:
    """The app icon at every size we ship, so Qt picks a crisp one at any device pixel ratio."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QIcon

    from crm.paths import resource_path

    icon = QIcon()
    for size in ICON_SIZES:
        png = resource_path("icons", "png", f"vouch-{size}.png")
        if png.exists():
            icon.addFile(str(png), QSize(size, size))
    if icon.isNull():
        svg = resource_path("icons", "vouch.svg")
        if svg.exists():
            icon = QIcon(str(svg))
    return icon


def _dark_palette():
    from PySide6.QtGui import QColor, QPalette

    pal = QPalette()
    role = QPalette.ColorRole
    window, base, text = QColor(45, 45, 48), QColor(30, 30, 32), QColor(230, 230, 230)
    for r, c in (
        (role.Window, window),
        (role.WindowText, text),
        (role.Base, base),
        (role.AlternateBase, QColor(38, 38, 41)),
        (role.ToolTipBase, window),
        (role.ToolTipText, text),
        (role.PlaceholderText, QColor(150, 150, 150)),
        (role.Text, text),
        (role.Button, window),
        (role.ButtonText, text),
        (role.BrightText, QColor(255, 90, 90)),
        (role.Highlight, QColor(42, 130, 218)),
        (role.HighlightedText, QColor(255, 255, 255)),
        (role.Link, QColor(100, 170, 255)),
        (role.Light, QColor(70, 70, 74)),
        (role.Midlight, QColor(60, 60, 64)),
        (role.Mid, QColor(50, 50, 54)),
        (role.Dark, QColor(25, 25, 27)),
        (role.Shadow, QColor(0, 0, 0)),
    ):
        pal.setColor(r, c)
    disabled = QPalette.ColorGroup.Disabled
    for r in (role.Text, role.WindowText, role.ButtonText):
        pal.setColor(disabled, r, QColor(128, 128, 128))
    return pal


def follow_system_palette(app: QApplication) -> None:
    """Light or dark as the desktop says (Qt 6.5+ colorScheme), now and when it changes.

    Platform themes (Windows, macOS, GNOME/KDE with their Qt theme) already hand Qt a dark
    palette; where the desktop says "dark" but the palette stayed light (plain Fusion on
    Linux), a dark Fusion palette is applied. VOUCH_COLOR_SCHEME=dark|light forces one.
    """
    from PySide6.QtCore import Qt

    hints = app.styleHints()
    forced = os.environ.get("VOUCH_COLOR_SCHEME", "").lower()
    if forced in ("dark", "light") and hasattr(hints, "setColorScheme"):
        hints.setColorScheme(Qt.ColorScheme.Dark if forced == "dark" else Qt.ColorScheme.Light)
    original = app.palette()

    def apply(*_args) -> None:
        scheme = hints.colorScheme()
        is_dark = forced == "dark" or (forced != "light" and scheme == Qt.ColorScheme.Dark)
        looks_light = app.palette().window().color().lightness() > 128
        if is_dark and looks_light:
            app.setStyle("Fusion")
            app.setPalette(_dark_palette())
        elif not is_dark and not looks_light:
            app.setPalette(original)

    apply()
    hints.colorSchemeChanged.connect(apply)


def _make_app() -> QApplication:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from crm import __version__

    app = QApplication.instance()
    if app is None:
        # Fractional scale factors (125%, 150%) render at the true size, not rounded.
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        app = QApplication([sys.argv[0]])
    app.setApplicationName("Vouch")
    app.setOrganizationName("Vouch")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)  # Wayland matches the window to the desktop entry's icon
    app.setWindowIcon(app_icon())
    follow_system_palette(app)
    return app  # type: ignore[return-value]


def _tell(app_is_gui: bool, title: str, text: str) -> None:
    if app_is_gui:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(None, title, text)
    else:
        print(f"vouch: {text}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    if args.version:
        from crm import __version__

        print(f"Vouch {__version__}")
        return 0
    if args.screenshot or args.smoke_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if not args.smoke_test:
        from crm.paths import resolve_db_path
        from crm.store import early_check

        early_check.start(resolve_db_path(args.db))  # overlaps the imports below

    from ui.platform_check import ensure_display_libraries

    if not ensure_display_libraries():
        return 3

    from crm.log import setup_logging

    log_path = setup_logging()
    app = _make_app()
    if args.smoke_test:
        return run_smoke_test(app)

    from ui import crash

    interactive = not args.screenshot
    if interactive:
        crash.install(log_path)
    try:
        return _run(app, args, interactive)
    except Exception:  # noqa: BLE001 - start-up failures are shown, never a silent exit
        if not interactive:
            raise
        crash.handle_exception(*sys.exc_info())  # type: ignore[arg-type]
        return 1


def _run(app: QApplication, args: argparse.Namespace, interactive: bool) -> int:
    from crm.errors import VouchError
    from crm.paths import resolve_db_path
    from ui.instance import lock_database, release_database

    if args.screenshot and args.view not in VIEW_NAMES:
        print(
            f"vouch: unknown view {args.view!r} (one of {', '.join(VIEW_NAMES)})", file=sys.stderr
        )
        return 2
    db_path = resolve_db_path(args.db)
    try:
        lock_database(db_path)
        from crm.store.connection import open_database

        open_database(db_path, backup=False)  # backed up once the window is up
    except VouchError as exc:
        release_database()
        _tell(interactive, "Vouch cannot open the database", exc.user_message())
        return 2

    scratch = None
    try:
        from ui.main_window import MainWindow
        from ui.session import Session

        session = Session(db_path)
        settings = None
        if args.screenshot:  # a render neither reads nor changes the user's saved layout
            import tempfile

            from PySide6.QtCore import QSettings

            scratch = tempfile.TemporaryDirectory(prefix="vouch-shot-")
            settings = QSettings(
                str(Path(scratch.name) / "settings.ini"), QSettings.Format.IniFormat
            )
        window = MainWindow(session, settings)
        window.setWindowIcon(app_icon())
        if args.screenshot:
            return _screenshot(app, window, args)
        window.show()
        window.after_first_paint(window.backup_in_background)
        return app.exec()
    finally:
        from PySide6.QtCore import QThreadPool

        from crm.store.connection import close_database

        QThreadPool.globalInstance().waitForDone(30_000)  # a backup or import still running
        close_database()
        release_database()
        if scratch is not None:
            scratch.cleanup()


def _screenshot(app: QApplication, window, args: argparse.Namespace) -> int:
    w, h = (int(x) for x in args.size.lower().split("x"))
    window.resize(w, h)
    window.show_view(args.view)
    window.show()
    for _ in range(5):
        app.processEvents()
    out = Path(args.screenshot)
    out.parent.mkdir(parents=True, exist_ok=True)
    ok = window.grab().save(str(out))
    window.close()
    return 0 if ok else 1


def run_smoke_test(app: QApplication) -> int:
    """Every layer once, on a temporary database: 0 when all steps pass, 1 naming the failures."""
    import tempfile

    from crm.smoke import SmokeRun, run_core_steps

    run = SmokeRun(out=lambda line: print(line, flush=True))
    errors: list[BaseException] = []
    # An exception in a slot reaches sys.excepthook and Qt carries on: collect it instead.
    previous_hook = sys.excepthook
    sys.excepthook = lambda t, e, tb: errors.append(e)
    # Qt's own chatter (offscreen plugin notices) goes to the log, not between the step lines.
    from PySide6.QtCore import qInstallMessageHandler

    from ui.crash import _qt_message

    previous_handler = qInstallMessageHandler(_qt_message)
    platform = app.platformName()
    run.out(f"Vouch smoke test on Qt platform {platform!r}")
    try:
        with tempfile.TemporaryDirectory(prefix="vouch-smoke-") as tmp:
            workdir = Path(tmp)
            run.step("window icon", lambda: _check_icon())
            run_core_steps(run, workdir)
            if "open database" not in run.failed:
                _smoke_window(app, run, workdir / "smoke.db", errors)
            from crm.store.connection import close_database

            close_database()
    finally:
        sys.excepthook = previous_hook
        qInstallMessageHandler(previous_handler)
    run.out(run.summary())
    return 1 if run.failed else 0


def _check_icon() -> str:
    icon = app_icon()
    if icon.isNull():
        raise RuntimeError("the app icon files are missing from resources/icons")
    return f"{len(icon.availableSizes())} sizes"


def _smoke_window(app: QApplication, run, db_path: Path, errors: list[BaseException]) -> None:
    from ui.instance import DatabaseInUseError, DatabaseLock, lock_database, release_database

    def second_window_refused() -> str:
        lock_database(db_path)
        try:
            DatabaseLock(db_path).acquire()
        except DatabaseInUseError:
            return "a second lock on the same database is refused"
        raise RuntimeError("a second lock on the same database was granted")

    run.step("one writer lock", second_window_refused)
    holder: dict[str, object] = {}

    def open_window() -> str:
        from ui.main_window import MainWindow
        from ui.session import Session

        window = MainWindow(Session(db_path))
        window.resize(1100, 700)
        window.show()
        app.processEvents()
        holder["window"] = window
        return repr(window.windowTitle())

    if run.step("open main window", open_window):
        window = holder["window"]
        for name in VIEW_NAMES:
            run.step(f"view {name}", lambda name=name: _show_view(app, window, name, errors))
        window.close()  # type: ignore[attr-defined]
        app.processEvents()
    release_database()


def _show_view(app: QApplication, window, name: str, errors: list[BaseException]) -> str:
    from PySide6.QtWidgets import QWidget

    del errors[:]
    view = window.show_view(name)
    for _ in range(3):
        app.processEvents()
    if errors:
        err = errors[0]
        raise RuntimeError(f"{type(err).__name__}: {err}")
    view = view if isinstance(view, QWidget) else getattr(window, "views", {}).get(name)
    if view is None:
        return "shown"
    if not view.isVisible():
        raise RuntimeError(f"the {name} view is not visible")
    return type(view).__name__


if __name__ == "__main__":
    sys.exit(main())
