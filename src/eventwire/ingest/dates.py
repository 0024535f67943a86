"""Publication dates as YYYY-MM-DD from the forms metadata comes in."""

from __future__ import annotations

import re
from datetime import date, datetime

from eventwire.dates import MONTH_NAMES
from eventwire.dates.calendar import safe_date

_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
_MONTHS = MONTH_NAMES
_DMY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b")
_MDY = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")


def normalize_date(value: object) -> str | None:
    """'2022-03-27T10:00Z', 'March 27, 2022', '27th March, 2022' -> '2022-03-27'; None if unreadable."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    m = _ISO.match(text)
    if m:
        return _safe(int(m[1]), int(m[2]), int(m[3]))
    m = _DMY.search(text)
    if m and m[2].lower() in _MONTHS:
        return _safe(int(m[3]), _MONTHS[m[2].lower()], int(m[1]))
    m = _MDY.search(text)
    if m and m[1].lower() in _MONTHS:
        return _safe(int(m[3]), _MONTHS[m[1].lower()], int(m[2]))
    return None


def _safe(y: int, m: int, d: int) -> str | None:
    day = safe_date(y, m, d)
    return day.isoformat() if day is not None else None
