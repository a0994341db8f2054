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
from .reach import (
    NO_ANSWER,
    AgeGroup,
    Language,
    MigrationHistory,
    OrganisationKind,
    PopulationDimension,
    PopulationFigure,
    ReachAnswered,
    ReachLanguage,
    ReachProfile,
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
    "NO_ANSWER",
    "PROGRESS_MAX",
    "PROGRESS_MIN",
    "AgeGroup",
    "Audience",
    "ConsiderationTable",
    "Indicator",
    "IndicatorDirection",
    "IndicatorValue",
    "Language",
    "Measure",
    "MeasureState",
    "MigrationHistory",
    "OrganisationKind",
    "PopulationDimension",
    "PopulationFigure",
    "ReachAnswered",
    "ReachLanguage",
    "ReachProfile",
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
