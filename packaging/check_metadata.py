"""Validate the desktop entry, the AppStream metainfo and the icon set before packaging.

`python packaging/check_metadata.py` exits 1 with one line per problem. The XML is parsed
with lxml and checked for the fields AppStream requires (a full `appstreamcli validate` is
run as well when that tool is installed).
"""

from __future__ import annotations

import configparser
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

APP_ID = "io.github.vouch.Vouch"
DESKTOP = ROOT / "packaging" / "vouch.desktop"
METAINFO = ROOT / "packaging" / f"{APP_ID}.metainfo.xml"
ICONS = ROOT / "resources" / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
REQUIRED_DESKTOP = ("Type", "Name", "Exec", "Icon", "Categories")
REQUIRED_XML = (
    "id",
    "metadata_license",
    "project_license",
    "name",
    "summary",
    "description",
    "launchable",
    "content_rating",
    "releases/release",
)


def check_desktop() -> list[str]:
    problems = []
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    try:
        parser.read(DESKTOP, encoding="utf-8")
    except configparser.Error as exc:
        return [f"{DESKTOP.name}: {exc}"]
    if "Desktop Entry" not in parser:
        return [f"{DESKTOP.name}: no [Desktop Entry] group"]
    entry = parser["Desktop Entry"]
    problems += [f"{DESKTOP.name}: missing {k}" for k in REQUIRED_DESKTOP if not entry.get(k)]
    if entry.get("Icon") != APP_ID:
        problems.append(f"{DESKTOP.name}: Icon should be {APP_ID}")
    if not entry.get("Categories", "").endswith(";"):
        problems.append(f"{DESKTOP.name}: Categories must end with ';'")
    tool = shutil.which("desktop-file-validate")
    if tool:
        out = subprocess.run([tool, str(DESKTOP)], capture_output=True, text=True, check=False)
        problems += [f"desktop-file-validate: {line}" for line in out.stdout.splitlines()]
    return problems


def check_metainfo() -> list[str]:
    from lxml import etree

    from crm import __version__

    try:
        root = etree.parse(str(METAINFO)).getroot()
    except etree.XMLSyntaxError as exc:
        return [f"{METAINFO.name}: not well-formed XML: {exc}"]
    problems = []
    if root.tag != "component" or root.get("type") != "desktop-application":
        problems.append(f"{METAINFO.name}: root must be <component type='desktop-application'>")
    problems += [f"{METAINFO.name}: missing <{p}>" for p in REQUIRED_XML if root.find(p) is None]
    if root.findtext("id") != APP_ID:
        problems.append(f"{METAINFO.name}: id should be {APP_ID}")
    if root.findtext("launchable") != f"{APP_ID}.desktop":
        problems.append(f"{METAINFO.name}: launchable should be {APP_ID}.desktop")
    versions = [r.get("version") for r in root.iterfind("releases/release")]
    if __version__ not in versions:
        problems.append(f"{METAINFO.name}: no <release> for version {__version__}")
    tool = shutil.which("appstreamcli")
    if tool:
        out = subprocess.run(
            [tool, "validate", "--no-net", str(METAINFO)], capture_output=True, text=True
        )
        if out.returncode != 0:
            problems.append(f"appstreamcli: {out.stdout.strip()}")
    return problems


def check_icons() -> list[str]:
    wanted = [ICONS / "vouch.svg", ICONS / "vouch.ico", ICONS / "vouch.icns"]
    wanted += [ICONS / "png" / f"vouch-{s}.png" for s in PNG_SIZES]
    return [f"missing icon {p.relative_to(ROOT)}" for p in wanted if not p.exists()]


def main() -> int:
    problems = check_desktop() + check_metainfo() + check_icons()
    for line in problems:
        print(line, file=sys.stderr)
    if not problems:
        print("packaging metadata: desktop entry, metainfo and icons are valid")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
