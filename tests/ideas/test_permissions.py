"""The permission matrix of applying: roles × times, asserting what the competition page offers AND what a POST
does. Written down independently of ideas.permissions: only representatives of a verified organisation apply, and
only while the submission window is open (2 April 2026 09:00 to 31 May 2026 18:00, Hannover time). Staff are not
exempt from the deadline."""

import pytest
from django.urls import reverse

from ideas.models import Application
from tests import factories
from tests.helpers import matrix

from .conftest import application_post

ROLES = ["anonymous", "unverified_email", "participant", "representative", "representative_unverified_org", "moderator"]
TIMES = ["before", "open", "after"]


def expected(role: str, time: str) -> str:
    if role == "anonymous":
        return "login"
    if role == "representative" and time == "open":
        return "allowed"
    return "refused"


REASONS = {
    "unverified_email": "Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse.",
    "participant": "Anträge stellen können Vertreterinnen und Vertreter bestätigter Organisationen.",
    "representative_unverified_org": "Anträge stellen können Vertreterinnen und Vertreter bestätigter Organisationen.",
    "moderator": "Anträge stellen können Vertreterinnen und Vertreter bestätigter Organisationen.",
}
TIME_REASONS = {
    "before": "Anträge können ab 2. April 2026 09:00 gestellt werden.",
    "after": "Die Einreichungsfrist ist am 31. Mai 2026 18:00 abgelaufen.",
}


@pytest.fixture
def people(db, organisation, representative, moderator):
    return {
        "anonymous": None,
        "unverified_email": factories.UserFactory(verified=False),
        "participant": factories.UserFactory(),
        "representative": representative,
        "representative_unverified_org": factories.representative_of(factories.OrganisationFactory(unverified=True)),
        "moderator": moderator,
    }


@matrix(ROLES, TIMES)
def test_who_may_apply_when(case, client_for, clock, people, competition, organisation, topic):
    role, time = case
    clock.travel(time)
    client = client_for(people[role])
    create_url = competition.url + "antrag-stellen/"
    outcome = expected(role, time)

    page = client.get(competition.url).content.decode()
    offered = f'<a class="button" href="{create_url}">'
    if outcome == "allowed":
        assert offered in page
    else:
        assert offered not in page
        reason = REASONS.get(role) or TIME_REASONS.get(time)
        if role == "anonymous":
            reason = TIME_REASONS.get(time, "Bitte melden Sie sich an.")
        assert reason in page

    response = client.post(create_url, application_post(organisation, topic))
    if outcome == "allowed":
        assert response.status_code == 302
        assert Application.objects.get().created_by == people[role]
    elif outcome == "login":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
        assert not Application.objects.exists()
    else:
        assert response.status_code == 403
        assert not Application.objects.exists()


@matrix(["representative", "other_representative", "participant", "moderator"], ["draft", "submitted"], TIMES)
def test_who_may_edit_and_submit_a_draft(case, client_for, clock, people, make_application, organisation, topic):
    role, state, time = case
    people["other_representative"] = factories.representative_of(factories.OrganisationFactory())
    application = make_application(state=state, title="Vorher")
    clock.travel(time)
    client = client_for(people[role])
    allowed = role == "representative" and state == "draft" and time == "open"

    detail = client.get(reverse("ideas:application_detail", args=[application.pk]))
    edit = client.post(
        reverse("ideas:application_edit", args=[application.pk]), application_post(organisation, topic, title="Nachher")
    )
    submit = client.post(reverse("ideas:application_submit", args=[application.pk]))

    application.refresh_from_db()
    edit_link = f'href="{reverse("ideas:application_edit", args=[application.pk])}"'
    if role in ("representative", "moderator"):
        assert detail.status_code == 200
        assert (edit_link in detail.content.decode()) == allowed
    else:
        assert detail.status_code == 403
    if allowed:
        assert edit.status_code == 302 and submit.status_code == 302
        assert application.title == "Nachher" and application.state == "submitted"
    else:
        assert edit.status_code == 403 and submit.status_code == 403
        assert application.title == "Vorher" and application.state == state
