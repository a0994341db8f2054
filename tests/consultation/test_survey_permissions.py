"""Who may answer a survey, when: anonymous people, participants, council members and moderators × the phase × whether
the survey allows anonymous answers. Both the predicate and what the page and a POST do are asserted."""

import pytest
from django.utils import timezone

from consultation import permissions
from consultation.models import PhaseType, SurveyResponse
from lip.roles import Role
from tests.consultation.factories import ConsultationPageFactory
from tests.consultation.survey_support import key_of, make_survey, survey_schedule
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "participant", "council", "moderator", "unverified", "blocked"]
PHASES = [PhaseType.INFORMATION, PhaseType.SURVEY, PhaseType.EVALUATION]


def person(role: str, district):
    return {
        "anonymous": lambda: None,
        "participant": lambda: UserFactory(),
        "council": lambda: UserFactory(roles=[Role.PARTICIPANT, Role.COUNCIL], council_district=district),
        "moderator": lambda: UserFactory(roles=[Role.MODERATOR], is_staff=True),
        "unverified": lambda: UserFactory(verified=False),
        "blocked": lambda: UserFactory(blocked_at=timezone.now()),
    }[role]()


def expected(role: str, phase: str, allow_anonymous: bool) -> bool:
    if role == "moderator":
        return True  # moderators are never blocked by phases (to try a survey out)
    if role in ("unverified", "blocked"):
        return False
    if role == "anonymous" and not allow_anonymous:
        return False
    return phase == PhaseType.SURVEY


@pytest.mark.parametrize("allow_anonymous", [False, True])
@pytest.mark.parametrize("phase", PHASES)
@pytest.mark.parametrize("role", ROLES)
def test_answer_matrix(client_for, consultation_index, district, role, phase, allow_anonymous):
    from django.contrib.auth.models import AnonymousUser

    survey = make_survey(ConsultationPageFactory(phases=survey_schedule(phase)), allow_anonymous=allow_anonymous)
    someone = person(role, district)
    allowed = expected(role, phase, allow_anonymous)

    decision = permissions.can_answer_survey(someone or AnonymousUser(), survey)
    assert bool(decision) is allowed
    if not allowed:
        assert decision.reason

    client = client_for(someone)
    page = client.get(survey.url)
    assert page.status_code == 200
    assert ('class="survey-form"' in page.content.decode()) is allowed

    response = client.post(survey.url, {f"q-{key_of('single')}": key_of("single", 0), f"q-{key_of('scale')}": "3"})
    if allowed:
        assert response.status_code == 302 and response["Location"].endswith("danke/")
    elif role == "anonymous" and not allow_anonymous:
        assert response.status_code == 302 and "login" in response["Location"]
    else:
        assert response.status_code == 403
    assert SurveyResponse.objects.filter(survey=survey).count() == (1 if allowed else 0)


def test_anonymous_refusal_in_a_closed_phase_names_the_phase_not_the_login(client, consultation_index):
    survey = make_survey(ConsultationPageFactory(phases=survey_schedule(PhaseType.EVALUATION)))
    html = client.get(survey.url).content.decode()
    assert "Jetzt anmelden" not in html
    assert "In der aktuellen Phase ist das nicht möglich." in html


def test_paper_entry_is_for_staff_who_record_analog_contributions(moderator, user, council_member):
    assert permissions.can_enter_paper_responses(moderator)
    assert not permissions.can_enter_paper_responses(user)
    assert not permissions.can_enter_paper_responses(council_member)
