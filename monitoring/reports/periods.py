"""Reporting periods: calendar quarters, halves and years, and the one that has just ended."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ..models import ReportPeriod

MONTHS_PER_PERIOD = {ReportPeriod.QUARTERLY: 3, ReportPeriod.HALF_YEARLY: 6, ReportPeriod.YEARLY: 12}


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive

    @property
    def label(self) -> str:
        """„1. Quartal 2026“, „2. Halbjahr 2026“, „2026“ for whole calendar periods, else „1. März 2026 bis …“."""
        months = (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1
        whole = self.start.day == 1 and (self.end + timedelta(days=1)).day == 1
        if whole and self.start.year == self.end.year:
            if months == 12:
                return str(self.start.year)
            if months == 6 and self.start.month in (1, 7):
                return _("%(n)s. Halbjahr %(year)s") % {"n": 1 if self.start.month == 1 else 2, "year": self.start.year}
            if months == 3 and self.start.month in (1, 4, 7, 10):
                return _("%(n)s. Quartal %(year)s") % {"n": (self.start.month - 1) // 3 + 1, "year": self.start.year}
        return _("%(start)s bis %(end)s") % {
            "start": date_format(self.start, "j. F Y"),
            "end": date_format(self.end, "j. F Y"),
        }


def _add_months(day: date, months: int) -> date:
    month_index = day.year * 12 + day.month - 1 + months
    return date(month_index // 12, month_index % 12 + 1, 1)


def period_containing(period: str, day: date) -> Period:
    months = MONTHS_PER_PERIOD[ReportPeriod(period)]
    first_month = (day.month - 1) // months * months + 1
    start = date(day.year, first_month, 1)
    return Period(start, _add_months(start, months) - timedelta(days=1))


def period_just_ended(period: str, today: date) -> Period:
    """The last whole period of this kind that ended before `today` (on 5 April 2026, quarterly: Q1 2026)."""
    current = period_containing(period, today)
    return period_containing(period, current.start - timedelta(days=1))


def first_months(period: str) -> str:
    """The months in which a period of this kind begins, as a crontab field ("1,4,7,10" for quarters)."""
    months = MONTHS_PER_PERIOD[ReportPeriod(period)]
    return ",".join(str(m) for m in range(1, 13, months))
