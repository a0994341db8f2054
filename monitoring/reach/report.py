"""The report's section „Wen haben wir erreicht, wen nicht“ (in the chapter on participation): the aggregates of the
profiles given in the report's period, frozen as plain JSON in the snapshot (`reports.snapshot`, key `reach`) with
small groups already suppressed, so the PDF never sees a count under 5. Citywide, also in a district's report
(a district's handful of respondents would be suppressed almost entirely). Snapshots from before have no key `reach`
and render as they did."""

from ..models import ReportSection
from ..reports.periods import Period
from .selectors import reach_figures


def reach_chapter(*, period: Period, sections: list[str]) -> dict | None:
    """The section's data, or None when the report has no chapter on participation."""
    if ReportSection.PARTICIPATION not in sections:
        return None
    figures = reach_figures(start=period.start, end=period.end)
    return {
        "minimum": figures.minimum,
        "total": figures.total,
        "online": figures.online,
        "analog": figures.analog,
        "dimensions": [
            {
                "key": str(dimension.key),
                "title": dimension.title,
                "several": dimension.several,
                "city_year": dimension.city_year,
                "city_source": dimension.city_source,
                "has_city": dimension.has_city,
                "rows": [
                    {
                        "label": row.label,
                        "count": row.count,
                        "share": None if row.share is None else str(row.share),
                        "city_share": None if row.city_share is None else str(row.city_share),
                    }
                    for row in dimension.rows
                ],
            }
            for dimension in figures.dimensions
        ],
    }
