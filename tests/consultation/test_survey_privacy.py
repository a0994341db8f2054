"""A person's answers to surveys are part of their data export (Art. 15 GDPR), as they read them: the survey, the
question, the answer (the option's label, its rank in a ranking, the scale value or the text) and the date. Other
people's answers are not; paper sheets belong to no one."""

from uuid import UUID

from consultation import privacy
from consultation.models import Channel
from consultation.surveys import services
from consultation.surveys.forms import AnswerData, Answers
from tests.consultation.survey_support import key_of, make_survey
from tests.factories import UserFactory


def _answers(text: str) -> Answers:
    return Answers(
        [
            AnswerData(UUID(key_of("single")), option=UUID(key_of("single", 2))),
            AnswerData(UUID(key_of("ranking")), option=UUID(key_of("ranking", 1)), rank=1),
            AnswerData(UUID(key_of("ranking")), option=UUID(key_of("ranking", 0)), rank=2),
            AnswerData(UUID(key_of("scale")), number=4),
            AnswerData(UUID(key_of("long")), text=text),
        ]
    )


def test_the_export_holds_the_persons_answers_as_they_read_them(db, moderator):
    survey = make_survey(title="Bedarfsumfrage 2026")
    person, other = UserFactory(), UserFactory()
    services.submit_response(survey=survey, user=person, answers=_answers("Mehr Räume im Stadtteil."))
    services.submit_response(survey=survey, user=other, answers=_answers("Text einer anderen Person."))
    services.record_paper_response(
        survey=survey, recorded_by=moderator, channel=Channel.PAPER, event=None, sheet="1", answers=_answers("Papier")
    )

    rows = privacy.export(person).tables["umfragen"]

    answers = {(row["frage"], row["antwort"]) for row in rows}
    assert ("Wie oft nutzen Sie Beratungsangebote?", "Oft") in answers
    assert ("Was sollte zuerst kommen?", "1. Geld") in answers
    assert ("Was sollte zuerst kommen?", "2. Räume") in answers
    assert ("Wie zufrieden sind Sie mit der Zusammenarbeit mit der Stadt?", "4") in answers
    assert ("Was möchten Sie uns noch sagen?", "Mehr Räume im Stadtteil.") in answers
    assert {row["umfrage"] for row in rows} == {"Bedarfsumfrage 2026"}
    assert not any("anderen Person" in row["antwort"] or row["antwort"] == "Papier" for row in rows)
    assert [row["freitext_status"] for row in rows if row["antwort"] == "Mehr Räume im Stadtteil."] == [
        "wartet auf Prüfung"
    ]


def test_a_person_without_survey_answers_gets_an_empty_table(db):
    assert privacy.export(UserFactory()).tables["umfragen"] == []
