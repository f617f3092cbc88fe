"""Entry point of the window: `vouch [--db PATH] [--screenshot OUT.png --view NAME]`."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

log = logging.getLogger(__name__)

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
    # Qt adds its own arguments (-platform...): keep them out of argparse's way.
    args, _unknown = p.parse_known_args(argv)
    return args


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    if args.screenshot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtWidgets import QApplication, QMessageBox

    from crm import __version__
    from crm.errors import VouchError
    from crm.log import setup_logging
    from crm.paths import resolve_db_path

    setup_logging()
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("Vouch")
    app.setOrganizationName("Vouch")
    app.setApplicationVersion(__version__)

    db_path = resolve_db_path(args.db)
    try:
        from crm.store.connection import open_database

        open_database(db_path)
    except VouchError as exc:
        if args.screenshot:
            print(f"vouch: {exc.user_message()}", file=sys.stderr)
            return 2
        QMessageBox.critical(None, "Vouch cannot open the database", exc.user_message())
        return 2

    from ui.main_window import MainWindow
    from ui.session import Session

    session = Session(db_path)
    window = MainWindow(session)
    if args.screenshot:
        if args.view not in VIEW_NAMES:
            print(
                f"vouch: unknown view {args.view!r} (one of {', '.join(VIEW_NAMES)})",
                file=sys.stderr,
            )
            return 2
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
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
