"""Stored survey responses for the results, export and moderation tests, written directly (bulk_create), with the
answers named by the question names of `survey_support.ALL_KINDS`:

    respond(survey, channel="paper", district=d, single=1, multiple=[0, 2], scale=4, ranking=[2, 0, 1],
            short="Verein X", long=("Mehr Räume", "published"))

single: an option index; multiple: option indices; scale: the value; ranking: option indices, first-ranked first;
short/long: a text, or (text, state).
"""

import uuid

from consultation.models import Channel, SurveyAnswer, SurveyResponse, TextAnswerState
from tests.consultation.survey_support import key_of


def answer_rows(survey, response, **answers) -> list[SurveyAnswer]:
    rows = []

    def add(name, **fields):
        rows.append(SurveyAnswer(response=response, survey=survey, question=uuid.UUID(key_of(name)), **fields))

    for name, value in answers.items():
        if name == "single":
            add(name, option=uuid.UUID(key_of(name, value)))
        elif name == "multiple":
            for index in value:
                add(name, option=uuid.UUID(key_of(name, index)))
        elif name == "scale":
            add(name, number=value)
        elif name == "ranking":
            for rank, index in enumerate(value, start=1):
                add(name, option=uuid.UUID(key_of(name, index)), rank=rank)
        else:
            text, state = value if isinstance(value, tuple) else (value, TextAnswerState.PENDING)
            add(name, text=text, text_state=state)
    return rows


def respond(
    survey, *, channel=Channel.ONLINE, district=None, event=None, sheet="", created_at=None, **answers
) -> SurveyResponse:
    moment = {"created_at": created_at, "updated_at": created_at} if created_at else {}
    response = SurveyResponse.objects.create(
        survey=survey, channel=channel, district=district, event=event, sheet=sheet, **moment
    )
    SurveyAnswer.objects.bulk_create(answer_rows(survey, response, **answers))
    return response


def respond_many(survey, specs: list[dict]) -> None:
    """Many responses in two bulk inserts: each spec is respond()'s keywords (channel, district, answers)."""
    responses = SurveyResponse.objects.bulk_create(
        [
            SurveyResponse(survey=survey, channel=spec.get("channel", Channel.ONLINE), district=spec.get("district"))
            for spec in specs
        ]
    )
    rows = []
    for response, spec in zip(responses, specs, strict=True):
        answers = {k: v for k, v in spec.items() if k not in {"channel", "district"}}
        rows.extend(answer_rows(survey, response, **answers))
    SurveyAnswer.objects.bulk_create(rows, batch_size=5000)
