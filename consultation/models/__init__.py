"""The consultation's models, one module per feature; import them from here (`consultation.models`).

- `pages`: the consultation pages and their phases;
- `contributions`: events (analog participation), proposals, comments, votes and analog tallies;
- `responses`: the city's official answer to a proposal;
- `reports`: reports (flags) on proposals and comments;
- `plan`: the plan draft open for comments paragraph by paragraph, its versions and the answers to its comments;
- `surveys`: questionnaires, answered online or on paper, and their answers.

The upload paths `_minutes_path` and `_attachment_path` are named here because the migrations refer to them as
`consultation.models._minutes_path` and `consultation.models._attachment_path`.
"""

from .contributions import (
    AnalogTally,
    Channel,
    Comment,
    CommentState,
    Event,
    EventKind,
    Proposal,
    ProposalState,
    ReferenceCounter,
    TaggedProposal,
    Vote,
    _attachment_path,
    _minutes_path,
)
from .pages import ConsultationIndexPage, ConsultationPage, ConsultationSuggestedTag, ModerationMode, Phase, PhaseType
from .plan import (
    AnswerOutcome,
    ChapterBlock,
    CommentAnswer,
    PlanChapter,
    PlanDraftPage,
    PlanParagraph,
    PlanVersion,
)
from .reports import ContentReport, ReportReason
from .responses import Response, ResponseState
from .surveys import QuestionKind, SurveyAnswer, SurveyPage, SurveyResponse, TextAnswerState

__all__ = [
    "AnalogTally",
    "AnswerOutcome",
    "Channel",
    "ChapterBlock",
    "Comment",
    "CommentAnswer",
    "CommentState",
    "ConsultationIndexPage",
    "ConsultationPage",
    "ConsultationSuggestedTag",
    "ContentReport",
    "Event",
    "EventKind",
    "ModerationMode",
    "Phase",
    "PhaseType",
    "PlanChapter",
    "PlanDraftPage",
    "PlanParagraph",
    "PlanVersion",
    "Proposal",
    "ProposalState",
    "QuestionKind",
    "ReferenceCounter",
    "ReportReason",
    "Response",
    "ResponseState",
    "SurveyAnswer",
    "SurveyPage",
    "SurveyResponse",
    "TaggedProposal",
    "TextAnswerState",
    "Vote",
    "_attachment_path",
    "_minutes_path",
]
