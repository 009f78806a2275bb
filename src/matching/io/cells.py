"""Parsing of single cells: days, times, dates, tags, numbers and choices.

Users type these in Excel or WPS, in Chinese or English, so each parser accepts the
spellings people actually use and raises :class:`CellError` with what was expected.
"""

from __future__ import annotations

import calendar
import math
import re
import unicodedata
from datetime import date, datetime, time, timedelta
from typing import Final, TypeVar

from .. import i18n
from ..i18n import Message, say
from ..problem.entities import HOLIDAY, DaySpec


class CellError(ValueError):
    """A cell value that does not parse; the message says what was expected (in English;
    ``wording`` in either language when it is a message of the catalogue)."""

    def __init__(self, expected: str | Message) -> None:
        self.wording = expected if isinstance(expected, Message) else None
        super().__init__(expected.render("en") if isinstance(expected, Message) else expected)


_TAG_SEPARATORS = re.compile(r"[;；、,，\r\n]")  # a line break typed in the cell too
#: Characters that show nothing: zero-width space and non-joiner, the byte-order mark
#: (U+FEFF, also the zero-width no-break space), the word joiner and invisible operators,
#: the soft hyphen and the marks of writing direction. Text copied from web pages, chat
#: apps or PDFs carries them, and a cell holding one looks exactly like the id or tag
#: without it.
_INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b\u200c\u200e\u200f\u202a-\u202e"
                        "\u2060-\u2064\u2066-\u206f\ufeff]")
#: The zero-width joiner is invisible too, but inside a cell it joins emoji (👨‍👩‍👧).
_JOINER = "\u200d"

_WEEKDAYS: dict[str, int] = {}
for _i, _names in enumerate(
    (
        ("mo", "mon", "monday", "周一", "星期一", "礼拜一", "1"),
        ("tu", "tue", "tues", "tuesday", "周二", "星期二", "礼拜二", "2"),
        ("we", "wed", "weds", "wednesday", "周三", "星期三", "礼拜三", "3"),
        ("th", "thu", "thur", "thurs", "thursday", "周四", "星期四", "礼拜四", "4"),
        ("fr", "fri", "friday", "周五", "星期五", "礼拜五", "5"),
        ("sa", "sat", "saturday", "周六", "星期六", "礼拜六", "6"),
        ("su", "sun", "sunday", "周日", "周天", "星期日", "星期天", "礼拜日", "礼拜天", "7"),
    )
):
    for _name in _names:
        _WEEKDAYS[_name] = _i
_HOLIDAY_NAMES = {"holiday", "holidays", "节假日", "假日", "法定节假日"}

#: What may part a date's year, month and day: the hyphen, the slash and the point (as
#: WPS writes dates), their full-width forms that Chinese input methods type (``－／．``),
#: and the dashes pasted for a hyphen (the hyphen and non-breaking hyphen of Unicode, the
#: en and em dashes word processors make of it, the minus sign): each looks like the
#: hyphen, and a date refused for one would be a riddle.
_DATE_MARK = "[-/.\uff0d\uff0f\uff0e\u2010-\u2015\u2212\ufe63]"
# ``\d`` takes full-width digits (０９:００) and a colon may be the full-width ``：``: Chinese
# input methods type both. A midnight time may trail a date: Excel shows date cells
# formatted with hours so.
_DATE = re.compile(rf"^(\d{{4}}){_DATE_MARK}(\d{{1,2}}){_DATE_MARK}(\d{{1,2}})"
                   r"(?:[ T]00[:：]00(?:[:：]00)?)?$")
#: A date as Chinese is written and WPS shows it (``2024年10月8日``; ``号`` for ``日`` in
#: speech); a date without its year (``10月8日``) is not one.
_CHINESE_DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})[日号]$")
_TIME = re.compile(r"^(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?$")

T = TypeVar("T")


def plain(text: str) -> str:
    """A cell's text as it is compared and parsed: without invisible characters, and
    without spaces at its ends (the no-break and the full-width ones included).

    What a user cannot see must not make two ids or tags differ: ``a1`` followed by a
    zero-width space would otherwise be another activity than ``a1``. A zero-width joiner
    is kept inside the text, where it joins emoji, and dropped at its ends.
    """
    if text.isascii():  # most cells, and none of them holds an invisible character
        return text.strip()
    text = _INVISIBLE.sub("", text)
    while True:
        trimmed = text.strip().strip(_JOINER)
        if trimmed == text:
            return text
        text = trimmed


def tag_key(tag: str) -> str:
    """What spellings of one tag have in common: case, full-width letters and spaces do
    not matter (``Projector``, ``projector`` and ``ｐｒｏｊｅｃｔｏｒ`` are one tag), as a
    user typing tags in Excel or WPS does not keep them apart either."""
    return " ".join(unicodedata.normalize("NFKC", plain(tag)).casefold().split())


def setting_key(text: str) -> str:
    """The setting a ``settings`` key names, whatever its case, width, spaces and
    hyphens: ``Slot Minutes`` and ``ｓｌｏｔ-minutes`` are ``slot_minutes``, as a sheet
    ``Room Hours`` is ``room_hours``. Read otherwise, its default would plan silently."""
    return re.sub(r"[ -]+", "_", tag_key(text))


def parse_tags(text: str) -> frozenset[str]:
    """Split ``a;b；c、d,e`` into a set of tags, ignoring blanks and invisible characters
    around separators."""
    return frozenset(tag for tag in map(plain, _TAG_SEPARATORS.split(text)) if tag)


def parse_day(text: str) -> DaySpec:
    """A weekday (0 = Monday), the word ``holiday``, or a date."""
    key = text.strip().lower()
    if key in _WEEKDAYS:
        return _WEEKDAYS[key]
    if key in _HOLIDAY_NAMES:
        return HOLIDAY
    try:
        return parse_date(text)
    except CellError:
        if is_date_like(text):  # a date that does not exist: said so
            raise
        raise CellError(_excel_number(text, say("valid.day", days="周一..周日",
                                                holiday=HOLIDAY))) from None


#: Dates from this year on are refused: a day added to 9999-12-31 (the end of a date
#: given as ``latest_end``, the day after ``horizon_end``) does not exist.
LAST_YEAR = 9000


#: Day 0 of Excel's date numbers (its 1900 system, as Excel and WPS count).
_EXCEL_EPOCH: Final = datetime(1899, 12, 30)
#: Numbers taken for Excel's date numbers when a date is expected: 1954 to 2119.
_EXCEL_DAYS: Final = (20_000, 80_000)


def _excel_number(text: str, expected: Message, *, clock: bool = False) -> Message:
    """``expected``, or for a number that is Excel's number of a date (``45355``) or, with
    ``clock``, of a time of day (``0.70833``), ``expected`` saying which: a cell formatted
    General or Number shows the number a date or time is stored as."""
    try:
        number = float(text)
    except ValueError:
        return expected
    if clock and 0 <= number < 1:
        minutes = round(number * 1440)
        shown = minutes_text(minutes)
    elif _EXCEL_DAYS[0] <= number < _EXCEL_DAYS[1] and not clock:
        moment = _EXCEL_EPOCH + timedelta(minutes=round(number * 1440))
        shown = format_moment(moment).removesuffix(" 00:00")
    else:
        return expected
    return say("valid.excel_number", expected=expected, shown=shown)


def parse_date(text: str) -> date:
    """``YYYY-MM-DD`` (``/`` and ``.`` separators accepted, as WPS writes them, and the
    look-alikes of :data:`_DATE_MARK`; ``2024年10月8日``), before the year
    :data:`LAST_YEAR`."""
    match = _DATE.match(text.strip()) or _CHINESE_DATE.match(text.strip())
    if match:
        year, month, day = (int(g) for g in match.groups())
        if year < 1:
            raise CellError(say("valid.date"))
        if year >= LAST_YEAR:
            raise CellError(say("valid.date_before", year=LAST_YEAR))
        if not 1 <= month <= 12:
            raise CellError(say("valid.month", month=month))
        days = calendar.monthrange(year, month)[1]
        if not 1 <= day <= days:  # 2025-04-31, 2023-02-29
            raise CellError(say("valid.month_days", month=f"{year}-{month:02d}", days=days))
        return date(year, month, day)
    raise CellError(_excel_number(text, say("valid.date")))


def is_date_like(text: str) -> bool:
    """Whether ``text`` is written as a date (``2025-04-31`` too, which is none)."""
    return bool(_DATE.match(text.strip()) or _CHINESE_DATE.match(text.strip()))


def parse_time(text: str, *, allow_24: bool = False) -> time | None:
    """``HH:MM``; with ``allow_24`` the end of day ``24:00`` is accepted and returned as None.

    Seconds, as Excel writes them (``08:30:00``), are accepted when they are zero; the
    colon may be the full-width ``：`` of Chinese input methods (``13：00``).
    """
    match = _TIME.match(text.strip())
    expected = say("valid.time", last="24:00" if allow_24 else "23:59")
    if not match:
        raise CellError(_excel_number(text, expected, clock=True))
    hours, minutes, seconds = int(match[1]), int(match[2]), int(match[3] or 0)
    if allow_24 and (hours, minutes, seconds) == (24, 0, 0):
        return None
    if hours > 23 or minutes > 59 or seconds != 0:
        raise CellError(expected)
    return time(hours, minutes)


def time_of_day_minutes(text: str, *, allow_24: bool = False) -> int:
    """Minutes after midnight of an ``HH:MM`` cell (``24:00`` gives 1440 when allowed)."""
    parsed = parse_time(text, allow_24=allow_24)
    return 1440 if parsed is None else parsed.hour * 60 + parsed.minute


#: How the workbook, plan files and tables write a local date-time (``2023-07-10 08:30``);
#: :func:`parse_datetime` reads it back.
MOMENT_FORMAT: Final = "%Y-%m-%d %H:%M"


def minutes_text(minutes: int) -> str:
    """``14:00`` for 840 minutes (``24:00`` for a whole day, ``26:30`` past it): a time of
    day, or a length, as a cell shows it."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def format_moment(moment: datetime | None) -> str:
    """``2023-07-10 08:30``, or "" for None."""
    return moment.strftime(MOMENT_FORMAT) if moment else ""


def parse_datetime(text: str, *, end_of_day: bool = False) -> datetime:
    """``YYYY-MM-DD HH:MM`` local time, or a bare date.

    A bare date means 00:00 of that day, or with ``end_of_day`` the end of that day
    (00:00 of the next), so ``latest_end = 2023-07-01`` includes all of July 1st.
    """
    cleaned = text.strip().replace("T", " ")
    parts = cleaned.split()
    expected = say("valid.moment")
    if not parts or len(parts) > 2 or not is_date_like(parts[0]):
        raise CellError(_excel_number(cleaned, expected))
    day = parse_date(parts[0])  # a date that does not exist (2025-04-31) says so
    if len(parts) == 1:
        start = datetime.combine(day, time())
        return start + timedelta(days=1) if end_of_day else start
    try:
        minutes = time_of_day_minutes(parts[1], allow_24=True)
    except CellError:
        raise CellError(_excel_number(cleaned, expected)) from None
    return datetime.combine(day, time()) + timedelta(minutes=minutes)


def parse_number(text: str, *, low: float | None = None, high: float | None = None) -> float:
    """A finite number within ``[low, high]``."""
    try:
        value = float(text.strip())
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or (low is not None and value < low) or (
        high is not None and value > high
    ):
        raise CellError(_expected_number(text, "number", low, high))
    return value


def parse_int(text: str, *, low: int | None = None, high: int | None = None) -> int:
    """A whole number within ``[low, high]`` (``30.0``, as Excel may store it, is 30)."""
    try:
        value = float(text.strip())
    except ValueError:
        value = math.nan
    if not value.is_integer() or (low is not None and value < low) or (
        high is not None and value > high
    ):
        raise CellError(_expected_number(text, "whole", low, high))
    return int(value)


def parse_minutes(text: str) -> int:
    """A duration in whole minutes, 1 to 1440; one typed in hours (``1.5``, ``2h``,
    ``2小时``) or with its unit (``90min``) is told how the column takes it."""
    try:
        return parse_int(text, low=1, high=24 * 60)
    except CellError as exc:
        hours = HOURS_WITH_UNIT.fullmatch(text)
        number = hours[1] if hours else text
        try:
            value = float(number.strip())
        except ValueError:
            minutes = _MINUTES.fullmatch(text)
            if minutes:
                raise CellError(say("valid.number_alone", expected=exc.wording,
                                    number=minutes[1])) from None
            raise exc from None
        if hours or (0 < value <= 12 and not value.is_integer()):
            raise CellError(say("valid.minutes_not_hours", expected=exc.wording,
                                hours=f"{value:g}", minutes=f"{value * 60:g}")) from None
        raise


#: ``2h``, ``1.5 hours``, ``2小时``: a duration in hours.
HOURS_WITH_UNIT = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(?:h|hr|hrs|hours?|小时|个小时|钟头)\s*", re.I)
#: ``90min``, ``90 分钟``: minutes with their unit.
_MINUTES = re.compile(r"\s*(\d+)\s*(?:m|min|mins|minutes?|分|分钟)\s*", re.I)


#: ``1,5``: a number as a CSV file saved where the comma is the decimal mark has it.
_DECIMAL_COMMA = re.compile(r"\s*[+-]?\d+,\d+\s*")
#: ``1,000``: a thousands separator, or a decimal comma; which, the cell does not say.
_THOUSANDS = re.compile(r"\s*[+-]?\d{1,3}(,\d{3})+\s*")


def _expected_number(text: str, what: str, low: float | None, high: float | None
                     ) -> Message:
    """What a number cell should have held; for ``1,5`` also that the decimal mark is a
    point, and for ``1,000`` that thousands are not separated. Neither is read: ``1,500``
    may be a thousand and a half, or one and a half."""
    expected = _range(what, low, high)
    if _THOUSANDS.fullmatch(text):
        return say("valid.no_thousands", expected=expected)
    if _DECIMAL_COMMA.fullmatch(text):
        return say("valid.decimal_point", expected=expected)
    return expected


def parse_choice(text: str, choices: tuple[T, ...], labels: str | None = None) -> T:
    """One of ``choices``, whatever its case and width; with ``labels``, the catalogue's
    family of words for them (``priority``), also the word the toolkit shows for a choice
    in either language (``高``, ``High``): what an exported plan shows may be typed back."""
    key = tag_key(text)
    for choice in choices:
        words = [str(choice)]
        if labels:
            words += [i18n.text(f"{labels}.{choice}", language) for language in i18n.LANGUAGES]
        if key in map(tag_key, words):
            return choice
    named = tuple(str(c) if labels is None else i18n.ChoiceWord(str(c), labels) for c in choices)
    raise CellError(say("valid.one_of", choices=i18n.Listing(named)))


def _range(what: str, low: float | None, high: float | None) -> Message:
    """``a number from 0 to 168`` and the like (``what``: number or whole)."""
    if low is not None and high is not None:
        return say(f"valid.{what}_between", low=low, high=high)
    if low is not None:
        return say(f"valid.{what}_from", low=low)
    if high is not None:
        return say(f"valid.{what}_to", high=high)
    return say(f"valid.{what}")
