"""The idea competition of the Gesellschaftsfonds Zusammenleben: funds, competitions, applications, jury, awards.

One module per feature; this package names them all, so `ideas.models.Application` (and the upload paths the
migrations refer to) stay where Django and the other apps look for them.

Money is `Decimal` with two places throughout. What is derived (a fund's committed and remaining budget, rankings)
is computed in the selectors; the one stored derivation, an application's cost totals, is written by the services
from the cost lines in the same transaction as the lines, never taken from input.
"""

from .applications import (
    Application,
    ApplicationAttachment,
    ApplicationCounter,
    ApplicationState,
    CostItem,
    ProgressReport,
    ProgressState,
    _attachment_path,
)
from .awards import AudienceVote, Award, _letter_path
from .competitions import CompetitionPage, Criterion
from .funds import MONEY, ZERO, Fund
from .jury import SCORE_MAX, SCORE_MIN, Assessment, ConflictOfInterest, JuryAssignment

__all__ = [
    "MONEY",
    "SCORE_MAX",
    "SCORE_MIN",
    "ZERO",
    "Application",
    "ApplicationAttachment",
    "ApplicationCounter",
    "ApplicationState",
    "Assessment",
    "AudienceVote",
    "Award",
    "CompetitionPage",
    "ConflictOfInterest",
    "CostItem",
    "Criterion",
    "Fund",
    "JuryAssignment",
    "ProgressReport",
    "ProgressState",
    "_attachment_path",
    "_letter_path",
]
