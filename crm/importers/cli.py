"""`vouch-cli import` and `vouch-cli undo-import`."""

from __future__ import annotations

import json

from crm.importers.detect import DELIMITER_NAMES, ENCODING_NAMES

CLI_FORMATS = ("auto", "linkedin", "google", "outlook", "vouch", "generic", "linkedin-archive")


def cmd_import(args) -> int:
    from crm.importers.api import import_path

    result = import_path(args.file, format=args.format)
    if args.json:
        print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
        return 0
    enc = ENCODING_NAMES.get(result.encoding, result.encoding)
    delim = DELIMITER_NAMES.get(result.delimiter, result.delimiter)
    print(f"Imported {args.file}")
    print(f"  format {result.format}, encoding {enc}, delimiter {delim}")
    for note in result.notes:
        print(f"  note: {note}")
    print(
        f"  {result.rows} row{'s' * (result.rows != 1)}: {result.created} created, "
        f"{result.updated} updated, "
        f"{result.unchanged} unchanged, {len(result.skipped)} skipped"
    )
    for key, value in result.extras.items():
        print(f"  {key.replace('_', ' ')}: {value}")
    for number, reason in result.skipped:
        print(f"  skipped row {number}: {reason}")
    for warning in result.warnings:
        print(f"  warning: {warning}")
    if result.batch is None:
        print("  Nothing new: the database was not changed.")
    else:
        print(f"  Import batch {result.batch} (undo with: vouch-cli undo-import {result.batch})")
    return 0


def cmd_undo(args) -> int:
    from crm.importers.api import undo_import

    batch = undo_import(args.batch)
    print(batch.message)
    return 0


def register(subparsers) -> None:
    sp = subparsers.add_parser(
        "import", help="import LinkedIn connections, a LinkedIn archive, or a contacts sheet"
    )
    sp.add_argument("file", metavar="FILE_OR_FOLDER")
    sp.add_argument("--format", choices=CLI_FORMATS, default="auto")
    sp.add_argument("--json", action="store_true", help="machine-readable output")
    sp.set_defaults(func=cmd_import, db_mode="create")  # a first import starts the database
    sp = subparsers.add_parser("undo-import", help="undo an import batch (the latest by default)")
    sp.add_argument("batch", nargs="?", type=int, metavar="BATCH")
    sp.set_defaults(func=cmd_undo, db_mode="existing")  # no file, no import to undo
