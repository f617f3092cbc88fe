"""`vouch-cli export OUT.xlsx`: the report workbook from the command line."""

from __future__ import annotations

import argparse


def cmd_export(args: argparse.Namespace) -> int:
    from crm.exporters.report import export_report

    path = export_report(args.out)
    print(path)
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    sp = subparsers.add_parser(
        "export",
        help="write the Excel report (summary, contacts, companies, referral chains, ...)",
    )
    sp.add_argument("out", metavar="OUT.xlsx", help="the workbook to write")
    sp.set_defaults(func=cmd_export, db_mode="existing")  # a missing --db: no empty report
