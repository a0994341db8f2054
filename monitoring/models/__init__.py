"""The models of monitoring, by feature: measures and indicators (`measures`), reports to the council bodies
(`reports`). Imported from here (`monitoring.models`) by the rest of the code and by the migrations."""

from .consideration import ConsiderationTable, TableState
from .measures import (
    PROGRESS_MAX,
    PROGRESS_MIN,
    Indicator,
    IndicatorDirection,
    IndicatorValue,
    Measure,
    MeasureState,
    weighted_progress,
)
from .report_settings import ReportSettings, SignatureFormula
from .reports import (
    Audience,
    Report,
    ReportCounter,
    ReportFile,
    ReportPeriod,
    ReportRun,
    ReportSchedule,
    ReportSection,
    ReportStatus,
    report_filename,
)

__all__ = [
    "PROGRESS_MAX",
    "PROGRESS_MIN",
    "Audience",
    "ConsiderationTable",
    "Indicator",
    "IndicatorDirection",
    "IndicatorValue",
    "Measure",
    "MeasureState",
    "Report",
    "ReportCounter",
    "ReportFile",
    "ReportPeriod",
    "ReportRun",
    "ReportSchedule",
    "ReportSection",
    "ReportSettings",
    "ReportStatus",
    "SignatureFormula",
    "TableState",
    "report_filename",
    "weighted_progress",
]
