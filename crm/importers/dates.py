"""Fast date parsing for every date spelling the import files use.

A fixed month table (English, and the German, French, Spanish, Dutch and Danish names a
re-saved or hand-made file may hold), never `strptime`: `%b` follows the process locale (Qt
sets it) and is several times slower. Results are cached per distinct string, since a 30k-row file
holds only a few thousand distinct dates.
"""

from __future__ import annotations

import datetime as dt

MONTHS = {
    name: i
    for i, names in enumerate(
        (
            # English, then the German, French, Spanish, Dutch and Danish names that differ
            ("jan", "january", "januar", "jän", "jänner", "janv", "janvier", "ene", "enero"),
            ("feb", "february", "februar", "févr", "fevr", "février", "fevrier", "febrero"),
            ("mar", "march", "märz", "mär", "mrz", "maerz", "mars", "marzo", "mrt", "maart"),
            ("apr", "april", "avr", "avril", "abr", "abril"),
            ("may", "mai", "mayo", "mei", "maj"),
            ("jun", "june", "juni", "juin", "junio"),
            ("jul", "july", "juli", "juil", "juillet", "julio"),
            ("aug", "august", "août", "aout", "ago", "agosto", "augustus"),
            ("sep", "sept", "september", "septembre", "septiembre", "set"),
            ("oct", "october", "okt", "oktober", "octobre", "octubre"),
            ("nov", "november", "novembre", "noviembre"),
            ("dec", "december", "dez", "dezember", "déc", "décembre", "decembre", "dic",
             "diciembre", "des", "desember"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip
# A weekday before the date ("Mon, 16 Dec 2024 18:24:37 GMT", as e-mail headers write it)
WEEKDAYS = frozenset(
    ("mon", "monday", "tue", "tues", "tuesday", "wed", "wednesday", "thu", "thur", "thurs",
     "thursday", "fri", "friday", "sat", "saturday", "sun", "sunday")
)  # fmt: skip
EXCEL_EPOCH = dt.date(1899, 12, 30)
_cache: dict[str, dt.date | None] = {}


def _year(text: str) -> int:
    year = int(text)
    if len(text) <= 2:
        year += 2000 if year < 70 else 1900
    return year


def _make(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except (ValueError, OverflowError):  # a day past its month; a 20-digit "year"
        return None


# A number written as text is taken for an Excel serial only between 1920 and 2099: "2019"
# or "12" in a date column is a year or a day, not 1905-07-11 or 1900-01-11.
TEXT_SERIALS = (7306, 73051)


def _text_serial(value: float) -> dt.date | None:
    low, high = TEXT_SERIALS
    return from_serial(value) if low <= value <= high else None


def from_serial(value: float) -> dt.date | None:
    """An Excel date serial (days since 1899-12-30) as a date; None when out of range."""
    if not 1 <= value < 2958466:
        return None
    return EXCEL_EPOCH + dt.timedelta(days=int(value))


def _month(word: str) -> int | None:
    """The month a word names ('May', 'Sept.', 'März', 'juillet'); None for any other word."""
    word = word.lower().rstrip(".")
    return MONTHS.get(word) or (MONTHS.get(word[:3]) if word[:3].isalpha() else None)


def _parse(s: str) -> dt.date | None:
    parts = s.replace(",", " ").split()
    if len(parts) > 1 and parts[0].lower().rstrip(".") in WEEKDAYS:
        parts = parts[1:]
    if not parts:
        return None
    first = parts[0]
    # "03 May 2024", "16. Sep. 2021", "3. März 2024"
    day = first[:-1] if first.endswith(".") else first
    if len(parts) >= 3 and day.isdecimal():
        month = _month(parts[1])
        if month and parts[2].isdecimal():
            return _make(_year(parts[2]), month, int(day))
    # "Sat Dec 14 08:57:55 UTC 2024" / "Dec 14, 2024"
    for i, word in enumerate(parts[:2]):
        m = MONTHS.get(word.lower().rstrip("."))
        if m and len(parts) > i + 1 and parts[i + 1].isdecimal():
            year = parts[-1] if parts[-1].isdecimal() and len(parts[-1]) == 4 else None
            if year is None and len(parts) > i + 2 and parts[i + 2].isdecimal():
                year = parts[i + 2]
            if year:
                return _make(_year(year), m, int(parts[i + 1]))
    if "/" in first:  # "1/8/18, 6:14 PM" (M/D/YY), "2024/12/07 14:51:07 UTC", "16/09/2021"
        bits = first.split("/")
        if len(bits) == 3 and all(b.isdecimal() for b in bits):
            a, b, c = bits
            if len(a) == 4:
                return _make(int(a), int(b), int(c))
            if int(a) > 12:  # day first, as written outside the US
                return _make(_year(c), int(b), int(a))
            return _make(_year(c), int(a), int(b))
        return None
    if "-" in first:  # ISO "2024-12-16", Excel "23-Nov-21"
        bits = first.split("-")
        if len(bits) == 3:
            a, b, c = bits
            if a.isdecimal() and b.isdecimal() and c[:2].isdecimal():
                if len(a) == 4:
                    return _make(int(a), int(b), int(c[:2]))
                return (
                    _make(_year(c), int(b), int(a))
                    if int(a) > 12
                    else _make(_year(c), int(a), int(b))
                )
            m = MONTHS.get(b.lower())
            if m and a.isdecimal() and c.isdecimal():
                return _make(_year(c), m, int(a))
        return None
    if "." in first:  # "16.09.2021" (German, French, Danish Excel)
        bits = first.rstrip(".").split(".")
        if len(bits) == 3 and all(b.isdecimal() for b in bits):
            a, b, c = bits
            if len(a) == 4:
                return _make(int(a), int(b), int(c))
            return _make(_year(c), int(b), int(a))
        try:
            return _text_serial(float(first))
        except ValueError:
            return None
    if first.isdecimal():
        if len(first) == 8 and first[:2] in ("19", "20"):  # 20240503
            return _make(int(first[:4]), int(first[4:6]), int(first[6:]))
        return _text_serial(int(first))  # a serial that went through CSV
    return None


_MONTH_NUMBERS = {
    "Jan": "01", "Feb": "02", "Mar": "03", "Apr": "04", "May": "05", "Jun": "06",
    "Jul": "07", "Aug": "08", "Sep": "09", "Oct": "10", "Nov": "11", "Dec": "12",
}  # fmt: skip


def linkedin_iso(text: str) -> str:
    """'03 May 2024', as LinkedIn writes Connected On, straight to '2024-05-03' with no date
    object (a 30,000-row export holds thousands of distinct days); '' for any other spelling
    and for a day past the 28th, which parse_date checks against its month."""
    if len(text) == 11 and text[2] == " " and text[6] == " " and text.isascii():
        month = _MONTH_NUMBERS.get(text[3:6])
        day, year = text[:2], text[7:]
        if (
            month
            and "01" <= day <= "28"
            and day.isdecimal()
            and year.isdecimal()
            and year[0] in "12"
        ):
            return f"{year}-{month}-{day}"
    return ""


def parse_date(value: object) -> dt.date | None:
    """Any date cell or string the import files hold, as a date; None when there is none."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            return _cache[value]
        except KeyError:
            pass
        try:
            result = _parse(value.strip())
        except ValueError:  # int() of a number longer than 4,300 digits
            result = None
        if len(_cache) < 100_000:
            _cache[value] = result
        return result
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return from_serial(value)
    return None


def is_date_text(value: str) -> bool:
    """True when the text is a date and nothing else (rows of people who left LinkedIn)."""
    return parse_date(value) is not None


_day_first: dict[str, str] = {}


def day_first_iso(text: str) -> str:
    """'03/05/2024' as a day-first date in ISO ('2024-05-03'); '' when it is not one.

    For files re-saved by a non-English Excel (semicolon-separated): every such locale
    writes the day first (French 03/05/2024, Danish and Dutch 03-05-2024), whereas
    parse_date reads an ambiguous slash date the US way. LinkedIn's own '1/8/18, 6:14 PM'
    (month first, 12-hour clock) keeps its meaning: a date with AM/PM is left alone.
    """
    try:
        return _day_first[text]
    except KeyError:
        pass
    result = ""
    parts = text.split()
    first = parts[0] if parts else ""
    upper = text.upper()
    if "AM" not in upper and "PM" not in upper:
        sep = "/" if "/" in first else "-" if "-" in first else ""
        bits = first.split(sep) if sep else []
        if (
            len(bits) == 3
            and all(b.isdecimal() for b in bits)
            and len(bits[0]) <= 2
            and len(bits[1]) <= 2
            and len(bits[2]) <= 4
        ):
            day = _make(_year(bits[2]), int(bits[1]), int(bits[0]))
            result = day.isoformat() if day else ""
    if len(_day_first) < 100_000:
        _day_first[text] = result
    return result
