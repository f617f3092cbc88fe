"""vouch-cli: the command line over the same services the window uses.

Exit codes: 0 success; 2 the input or the database is at fault (one line on stderr);
1 anything unexpected (traceback to the log file, a short line on stderr).

Each command says what it needs of the database file (`db_mode` in its parser defaults):
CREATE opens it and makes a new one when the path has none (demo, import); EXISTING opens
only a file that is there, so a mistyped --db is refused instead of leaving a new empty
database and an empty answer behind (stats, export...); NONE does not open it (restore).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import NoReturn

from crm.errors import VouchError

log = logging.getLogger(__name__)

CREATE, EXISTING, NONE = "create", "existing", "none"  # what a command needs of the --db file


def _json(obj: object) -> None:
    print(json.dumps(obj, indent=2, ensure_ascii=False, default=str))


def cmd_demo(args: argparse.Namespace) -> int:
    from crm.demo import load_demo

    data = load_demo()
    if args.json:
        _json(data)
    else:
        print("Demo network loaded: " + ", ".join(f"{v} {k}" for k, v in data.items()))
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from crm.services.stats import counts

    data = counts()
    if args.json:
        _json(data)
    else:
        for k, v in data.items():
            print(f"{k:<13}{v:>8}")
    return 0


def cmd_companies(args: argparse.Namespace) -> int:
    from crm.services.companies import company_rows

    rows = company_rows()
    if args.json:
        _json(
            [
                {
                    "name": r.name,
                    "people": r.people,
                    "vouchers": r.vouchers,
                    "target": r.is_target,
                    "priority": r.priority,
                    "open_jobs": r.open_jobs,
                }
                for r in rows
            ]
        )
        return 0
    print(f"{'Company':<32}{'People':>7}{'Vouchers':>10}{'Jobs':>6}  Target")
    for r in rows:
        print(
            f"{r.name[:31]:<32}{r.people:>7}{r.vouchers:>10}{r.open_jobs:>6}  "
            f"{'yes' if r.is_target else ''}"
        )
    return 0


def cmd_paths(args: argparse.Namespace) -> int:
    from crm.services.companies import find_company
    from crm.services.network import paths_to_company

    company = find_company(args.company)
    paths = paths_to_company(company.id, limit=args.limit)
    if args.json:
        _json({"company": company.name, "paths": [p.to_dict() for p in paths]})
        return 0
    if not paths:
        print(
            f"No warm path to {company.name} yet: add people there, or ask your vouchers "
            "whom they know."
        )
        return 0
    print(f"Warm paths to {company.name}, best first:")
    for i, p in enumerate(paths, 1):
        print(f"\n{i}. {p.summary()}  ({p.length} hop{'s' if p.length > 1 else ''})")
        print(f"   Next: {p.next_action()}")
        for h in p.hops:
            print(f"   - {h.explain()}")
    return 0


def cmd_metrics(args: argparse.Namespace) -> int:
    from crm.services.metrics import campaign

    c = campaign()
    if args.json:
        _json(c.to_dict())
        return 0
    g, st = c.goals, c.status()
    w = c.this_week
    npm = f"{w.names_per_meeting:.1f}" if w.names_per_meeting is not None else "-"
    print(
        f"Campaign day {c.day} (started {c.start}); job-hunting network {c.network_size} "
        f"of {g.network_low}-{g.network_high} [{st['network']}]"
    )
    print(f"Forecast to reach {g.network_low}: {c.forecast or 'no pace yet'}")
    print(
        f"This week ({w.iso_week}): meetings {w.meetings}/{g.meetings_low}-{g.meetings_high} "
        f"[{st['meetings']}], new contacts {w.new_contacts}/{g.new_contacts_low}-"
        f"{g.new_contacts_high} [{st['new_contacts']}], names per meeting {npm} "
        f"[{st['names_per_meeting']}], hours {w.total_hours:g}/{g.hours_low:g}-{g.hours_high:g} "
        f"[{st['hours']}]"
    )
    print(
        f"\n{'Week':<10}{'Meet':>6}{'New':>6}{'Names':>7}{'Intro':>7}{'Hours':>7}{'Net%':>6}"
        f"{'Network':>9}"
    )
    for wk in c.weeks:
        print(
            f"{wk.iso_week:<10}{wk.meetings:>6}{wk.new_contacts:>6}{wk.names:>7}"
            f"{wk.introductions:>7}{wk.total_hours:>7g}{wk.split['networking']:>6.0f}"
            f"{wk.network_size:>9}"
        )
    ratio = c.referral_ratio
    print(
        "\nInterview rate by channel: "
        + ", ".join(f"{ch} {r.interviews}/{r.jobs}" for ch, r in c.channels.items())
        + (f"; referred {ratio:.1f}x direct" if ratio else "")
    )
    return 0


def cmd_followups(args: argparse.Namespace) -> int:
    from crm.services.followups import KIND_LABELS, follow_ups

    today = dt.date.today()
    items = follow_ups(today)
    if args.json:
        _json([i.to_dict(today) for i in items])
        return 0
    if not items:
        print("Nothing due: your network is warm.")
    for i in items:
        late = " (overdue)" if i.overdue(today) else ""
        print(f"{i.due}  {KIND_LABELS[i.kind]:<15} {i.name:<24} {i.reason}{late}")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from crm.store.backup import make_backup

    path = make_backup(args.db_path, label="manual")
    print(path if path else "Nothing to back up yet")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from crm.store.backup import restore
    from crm.store.connection import close_database

    close_database()
    restore(args.db_path, Path(args.file))
    print(f"Restored {args.db_path} from {args.file}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="vouch-cli", description="Vouch, the job seeker's CRM")
    p.add_argument("--db", help="database file (default: VOUCH_DB or the user data folder)")
    sub = p.add_subparsers(dest="command", required=True)

    def add(
        name: str,
        func: Callable[[argparse.Namespace], int],
        help_: str,
        json_flag: bool = True,
        db_mode: str = EXISTING,
    ) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, help=help_)
        if json_flag:
            sp.add_argument("--json", action="store_true", help="machine-readable output")
        sp.set_defaults(func=func, db_mode=db_mode)
        return sp

    add("demo", cmd_demo, "fill an empty database with the demo network", db_mode=CREATE)
    add("stats", cmd_stats, "counts of contacts, companies, referrals, interactions, jobs")
    add("companies", cmd_companies, "companies with people, vouchers and target flag")
    sp = add("paths", cmd_paths, "ranked warm paths to a company, every hop explained")
    sp.add_argument("company")
    sp.add_argument("--limit", type=int, default=10)
    add("metrics", cmd_metrics, "this week and each past week against the goals")
    add("followups", cmd_followups, "what is due, why, since when")
    add("backup", cmd_backup, "back up the database now", json_flag=False)
    sp = add(
        "restore",
        cmd_restore,
        "replace the database with a backup file",
        json_flag=False,
        db_mode=NONE,
    )
    sp.add_argument("file")
    for register in _extensions():
        register(sub)
    return p


def _extensions() -> list[Callable[[argparse._SubParsersAction], None]]:
    """Commands that live beside their feature (import, export...)."""
    out = []
    try:
        from crm.importers.cli import register as reg_import

        out.append(reg_import)
    except ImportError:
        pass
    try:
        from crm.exporters.cli import register as reg_export

        out.append(reg_export)
    except ImportError:
        pass
    return out


def _terminate_like_ctrl_c() -> None:
    """SIGTERM (a `kill`, a closing terminal session) ends the command as Ctrl+C does: open
    transactions roll back and an export's temporary file is removed, instead of the process
    vanishing mid-write."""
    import contextlib
    import signal

    def stop(_signum: int, _frame: FrameType | None) -> NoReturn:
        raise KeyboardInterrupt

    with contextlib.suppress(ValueError):  # not the main thread (a test harness)
        signal.signal(signal.SIGTERM, stop)


def _open(args: argparse.Namespace) -> None:
    """Open the --db file as the command needs it (see the module docstring)."""
    from crm.errors import DatabaseError
    from crm.store.connection import open_database

    mode = getattr(args, "db_mode", CREATE)  # a command that does not say: as before, create
    if mode == NONE:
        return
    try:
        open_database(args.db_path, backup=args.command != "backup", create=mode == CREATE)
    except DatabaseError as exc:
        if mode == CREATE or args.db_path.exists():
            raise
        where = (
            "; check --db and VOUCH_DB, or" if args.db or os.environ.get("VOUCH_DB") else " yet:"
        )
        raise DatabaseError(
            f"{exc.problem}{where} start one with `vouch-cli import FILE`, `vouch-cli demo` "
            "or the Vouch window",
            path=exc.path,
        ) from exc


def main(argv: list[str] | None = None) -> int:
    from crm.log import setup_logging
    from crm.paths import resolve_db_path
    from crm.store.connection import close_database, translate_error

    parser = build_parser()
    args = parser.parse_args(argv)
    log_path = setup_logging()
    args.db_path = resolve_db_path(args.db)
    _terminate_like_ctrl_c()
    try:
        _open(args)
        return args.func(args)
    except VouchError as exc:
        print(f"vouch-cli: {exc.user_message()}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("vouch-cli: interrupted", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - SQLite faults the user can act on
        translated = translate_error(exc)
        if translated is None:
            log.exception("vouch-cli %s failed", args.command)
            print(
                f"vouch-cli: unexpected error ({type(exc).__name__}: {exc}); details in {log_path}",
                file=sys.stderr,
            )
            return 1
        print(f"vouch-cli: {translated.user_message()}", file=sys.stderr)
        return 2
    finally:
        close_database()


if __name__ == "__main__":
    sys.exit(main())
