"""Test fixtures for every import variant, generated in code (no real personal data)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from pathlib import Path

PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    "are missing. You will only see email addresses for connections who have allowed their "
    'connections to see or download their email address."\n'
    "\n"
)
HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

PEOPLE = [
    # first, last, slug, email, company, position, date
    (
        "Ana",
        "Lopez",
        "ana-lopez-1a2b",
        "",
        "Acme Robotics",
        "Engineering Manager",
        dt.date(2024, 5, 3),
    ),
    (
        "Priya",
        "Nayak, MSc, MBA",
        "priya-nayak",
        "priya@example.org",
        "Globex, Inc.",
        "Director, Data",
        dt.date(2023, 3, 26),
    ),
    ("Sam", "Lee (they/them)", "samlee", "", "Initech", "Recruiter", dt.date(2022, 11, 23)),
    (
        "Seán",
        "O\u2019Brien",
        "sean-obrien",
        "",
        "Umbrella Health",
        "Nurse Lead",
        dt.date(2021, 9, 16),
    ),
    (
        "Zoë",
        "Chen \U0001f680",
        "zoe-chen",
        "urn:li:member:123456789",
        "Acme Robotics",
        "Product Designer",
        dt.date(2021, 1, 8),
    ),
    ("Bob", "Smith", "bob-smith-77", "", "Hooli", "Staff Engineer", dt.date(2020, 6, 2)),
]


def url(slug: str) -> str:
    return f"https://www.linkedin.com/in/{slug}"


def d_linkedin(d: dt.date) -> str:
    return f"{d.day:02d} {MONTHS[d.month - 1]} {d.year}"


def d_2018(d: dt.date) -> str:
    return f"{d.month}/{d.day}/{d.year % 100:02d}, 6:14 PM"


def d_excel_en(d: dt.date) -> str:
    return f"{d.day}-{MONTHS[d.month - 1]}-{d.year % 100:02d}"


def d_excel_de(d: dt.date) -> str:
    return f"{d.day:02d}.{d.month:02d}.{d.year}"


def _csv(rows: list[list[str]], delimiter: str = ",", newline: str = "\n") -> str:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator=newline)
    w.writerows(rows)
    return buf.getvalue()


def linkedin_rows(people=PEOPLE, *, with_url=True, date=d_linkedin) -> list[list[str]]:
    out = []
    for first, last, slug, email, company, position, day in people:
        row = [first, last, url(slug), email, company, position, date(day)]
        if not with_url:
            del row[2]
        out.append(row)
    return out


def linkedin_current(path: Path, people=PEOPLE, *, left: int = 1) -> Path:
    rows = linkedin_rows(people)
    rows += [["", "", "", "", "", "", "02 Jun 2022"]] * left
    path.write_text(PREAMBLE + _csv([HEADER, *rows]), encoding="utf-8")
    return path


def linkedin_no_url(path: Path) -> Path:
    header = [h for h in HEADER if h != "URL"]
    path.write_text(PREAMBLE + _csv([header, *linkedin_rows(with_url=False)]), encoding="utf-8")
    return path


def linkedin_late_2018(path: Path) -> Path:
    header = [h for h in HEADER if h != "URL"]
    path.write_text(_csv([header, *linkedin_rows(with_url=False, date=d_2018)]), encoding="utf-8")
    return path


def linkedin_early_2018(path: Path) -> Path:
    header = ["First Name", "Last Name", "Address", "Email Address", "Company", "Position",
              "Connected On", "Websites", "Instant Messengers"]  # fmt: skip
    rows = [
        [f, last, "", e, c, p, f"{d.month}/{d.day}/{d.year % 100:02d}, 9:55 AM", "", ""]
        for f, last, _s, e, c, p, d in PEOPLE
    ]
    path.write_text(_csv([header, *rows]), encoding="utf-8")
    return path


def linkedin_excel_en(path: Path) -> Path:
    """Re-saved by an English Excel: CRLF, padded preamble, 23-Nov-21 dates."""
    text = 'Notes:,,,,,,\r\n"When exporting your connection data...",,,,,,\r\n,,,,,,\r\n' + _csv(
        [HEADER, *linkedin_rows(date=d_excel_en)], newline="\r\n"
    )
    path.write_bytes(text.encode("utf-8"))
    return path


def linkedin_excel_de(path: Path) -> Path:
    """Re-saved by a German Excel: ';', cp1252, CRLF, 16.09.2021 dates (no emoji in cp1252)."""
    people = [p for p in PEOPLE if "\U0001f680" not in p[1]]
    text = "Notes:;;\r\n\r\n" + _csv(
        [HEADER, *linkedin_rows(people, date=d_excel_de)], delimiter=";", newline="\r\n"
    )
    path.write_bytes(text.replace("\u2019", "'").encode("cp1252"))
    return path


def linkedin_bom(path: Path) -> Path:
    path.write_bytes(b"\xef\xbb\xbf" + (PREAMBLE + _csv([HEADER, *linkedin_rows()])).encode())
    return path


def linkedin_xlsx(path: Path, *, serial: bool = True) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Connections"
    ws.append(["Notes:"])
    ws.append(["When exporting your connection data, you may notice..."])
    ws.append([])
    ws.append(HEADER)
    for first, last, slug, email, company, position, day in PEOPLE:
        value = (
            (day - dt.date(1899, 12, 30)).days
            if serial
            else dt.datetime(day.year, day.month, day.day)
        )
        ws.append([first, last, url(slug), email, company, position, value])
    wb.save(path)
    return path


def google_current(path: Path) -> Path:
    header = ["First Name", "Middle Name", "Last Name", "Nickname", "Organization Name",
              "Organization Title", "Notes", "Labels", "E-mail 1 - Label", "E-mail 1 - Value",
              "E-mail 2 - Label", "E-mail 2 - Value", "Phone 1 - Label", "Phone 1 - Value"]  # fmt: skip
    rows = [
        ["Maria", "", "Garcia", "", "Acme Robotics", "CTO", "met at meetup", "* myContacts",
         "Work", "maria@acme.example ::: m.garcia@home.example", "", "", "Mobile", "+1 555 0100 ::: +1 555 0101"],
        ["Tom", "J", "Baker", "", "", "", "", "", "", "tom@example.net", "", "", "", ""],
    ]  # fmt: skip
    path.write_text(_csv([header, *rows]), encoding="utf-8")
    return path


def google_legacy(path: Path) -> Path:
    header = ["Name", "Given Name", "Additional Name", "Family Name", "E-mail 1 - Type",
              "E-mail 1 - Value", "Phone 1 - Type", "Phone 1 - Value", "Organization 1 - Type",
              "Organization 1 - Name", "Organization 1 - Title"]  # fmt: skip
    rows = [
        ["Jürgen Weiß", "Jürgen", "", "Weiß", "* Work", "jw@example.de", "Mobile", "+49 30 1234",
         "", "Bosch GmbH", "Engineer"],
        ["Chloé Martin", "Chloé", "", "Martin", "", "chloe@example.fr", "", "", "", "", ""],
    ]  # fmt: skip
    path.write_bytes(_csv([header, *rows], newline="\r\n").encode("utf-16"))
    return path


def outlook(path: Path, *, desktop: bool = False) -> Path:
    header = ["First Name", "Middle Name", "Last Name", "Title", "Suffix", "Nickname",
              "E-mail Address", "E-mail 2 Address", "Mobile Phone", "Company", "Job Title", "Notes"]  # fmt: skip
    rows = [["Lena", "", "Fischer", "Dr.", "", "", "lena@example.com", "", "555-0199",
             "Initech", "VP Sales", ""]]  # fmt: skip
    if desktop:
        order = [3, 0, 1, 2, 4, 5, 6, 7, 8, 9, 10, 11]
        header = [header[i] for i in order]
        rows = [[r[i] for i in order] for r in rows]
    path.write_text(_csv([header, *rows], newline="\r\n"), encoding="utf-8")
    return path


def generic(path: Path) -> Path:
    header = ["Who", "Employer", "Role", "Mail", "Remarks"]
    rows = [["Kim Park", "Hooli", "PM", "kim@hooli.example", "friend of Bob"],
            ["Lee Wong", "Globex", "Analyst", "", ""]]  # fmt: skip
    path.write_text(_csv([header, *rows]), encoding="utf-8")
    return path


def big_linkedin(path: Path, n: int, *, seed: int = 1) -> Path:
    """A Connections.csv with n generated people (for speed checks)."""
    rnd = random.Random(seed)
    firsts = ["Ana", "Bob", "Chen", "Dana", "Eli", "Fatima", "Gus", "Hana", "Ivan", "Jo", "Zoë"]
    lasts = ["Smith", "Lopez", "Nayak", "Kim", "Okafor", "Müller", "Rossi", "Tanaka", "Brown"]
    companies = [f"Company {i}" for i in range(3000)] + ["Globex, Inc.", "Acme"]
    lines = [HEADER]
    start = dt.date(2010, 1, 1)
    for i in range(n):
        f, last = rnd.choice(firsts), rnd.choice(lasts)
        day = start + dt.timedelta(days=rnd.randrange(5000))
        email = f"{f.lower()}.{i}@example.com" if rnd.random() < 0.03 else ""
        lines.append([f, last, url(f"{f.lower()}-{last.lower()}-{i}"), email,
                      rnd.choice(companies), "Engineer", d_linkedin(day)])  # fmt: skip
    path.write_text(PREAMBLE + _csv(lines), encoding="utf-8")
    return path


ME = "https://www.linkedin.com/in/me-myself"


def archive_folder(root: Path) -> Path:
    """A LinkedIn data archive folder with every file Vouch reads (and one it ignores)."""
    root.mkdir(parents=True, exist_ok=True)
    linkedin_current(root / "Connections.csv", left=0)
    (root / "Jobs").mkdir(exist_ok=True)
    msgs = [
        ["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
         "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER", "IS MESSAGE DRAFT"],
        ["c1", "", "Ana Lopez", url("ana-lopez-1a2b"), "Me", ME, "2024-12-16 18:24:37 UTC", "", "Hi!", "INBOX", "No"],
        ["c1", "", "Me", ME, "Ana Lopez", url("ana-lopez-1a2b"), "2024-12-16 19:00:00 UTC", "", "Hello", "INBOX", "No"],
        ["c2", "", "Me", ME, "Bob Smith", "www.linkedin.com/in/bob-smith-77/", "2024-12-10 09:00:00 UTC", "", "Coffee?", "INBOX", "No"],
        ["c3", "", "Stranger", "https://www.linkedin.com/in/stranger", "Me", ME, "2024-12-11 09:00:00 UTC", "", "Spam", "INBOX", "No"],
    ]  # fmt: skip
    (root / "messages.csv").write_text(_csv(msgs), encoding="utf-8")
    recs = [["First Name", "Last Name", "Company", "Job Title", "Text", "Creation Date", "Status"],
            ["Priya", "Nayak, MSc, MBA", "Globex, Inc.", "Director", "Great colleague", "12/15/24, 7:47 AM", "VISIBLE"]]  # fmt: skip
    (root / "Recommendations_Received.csv").write_text(_csv(recs), encoding="utf-8")
    ends = [["Endorsement Date", "Skill Name", "Endorser First Name", "Endorser Last Name",
             "Endorser Public Url", "Endorsement Status"],
            ["2024/12/07 14:51:07 UTC", "Python", "Bob", "Smith", "www.linkedin.com/in/bob-smith-77", "ACCEPTED"],
            ["2024/12/08 14:51:07 UTC", "SQL", "Bob", "Smith", "www.linkedin.com/in/bob-smith-77", "ACCEPTED"]]  # fmt: skip
    (root / "Endorsement_Received_Info.csv").write_text(_csv(ends), encoding="utf-8")
    follows = [["Organization", "Followed On"], ["Hooli", "Sat Dec 14 08:57:55 UTC 2024"],
               ["Massive Dynamic", "Sat Dec 14 08:58:55 UTC 2024"]]  # fmt: skip
    (root / "Company Follows.csv").write_text(_csv(follows), encoding="utf-8")
    saved = [["Saved Date", "Job Url", "Job Title", "Company Name"],
             ["12/15/24, 7:47 AM", "https://www.linkedin.com/jobs/view/111", "Data Engineer", "Hooli"]]  # fmt: skip
    (root / "Jobs" / "Saved Jobs.csv").write_text(_csv(saved), encoding="utf-8")
    apps = [["Application Date", "Contact Email", "Contact Phone Number", "Company Name",
             "Job Title", "Job Url", "Resume Name", "Question And Answers"],
            ["12/1/24, 10:03 AM", "me@example.com", "", "Initech", "Analyst",
             "https://www.linkedin.com/jobs/view/222", "cv.pdf", ""]]  # fmt: skip
    (root / "Jobs" / "Job Applications.csv").write_text(_csv(apps), encoding="utf-8")
    (root / "Invitations.csv").write_text("From,To,Sent At,Message,Direction\n", encoding="utf-8")
    return root


def archive_zip(path: Path, tmp: Path) -> Path:
    import zipfile

    folder = archive_folder(tmp / "Basic_LinkedInDataExport_12-15-2024")
    with zipfile.ZipFile(path, "w") as zf:
        for p in folder.rglob("*"):
            if p.is_file():
                zf.write(p, p.relative_to(folder.parent).as_posix())
    return path
