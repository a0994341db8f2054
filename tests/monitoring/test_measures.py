"""Measures: written through `services.measure_save` (and the admin forms that call it). Bad input is refused with a
clear message and nothing is stored; the database refuses what slips past."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from consultation.models import ResponseState
from lip.models import District, Topic
from monitoring.measures import services
from monitoring.models import Measure, MeasureState
from tests import factories
from tests.consultation.factories import ProposalFactory, ResponseFactory

from .factories import MeasureFactory, adopted_proposal, awarded_project


def new_measure(**fields) -> Measure:
    data = {
        "title": "Sprachcafés mit Kinderbetreuung",
        "description": "Wöchentliche Sprachcafés in den Stadtteilzentren.",
        "topic": Topic.objects.get(slug="sprachfoerderung"),
        "department": "Sachgebiet Integration",
        "start": date(2026, 1, 1),
        "state": MeasureState.IN_PROGRESS,
        "progress": 40,
    }
    data.update(fields)
    return Measure(**data)


def admin_post(**overrides) -> dict:
    data = {
        "title": "Sprachcafés mit Kinderbetreuung",
        "description": "Wöchentliche Sprachcafés in den Stadtteilzentren.",
        "topic": Topic.objects.get(slug="sprachfoerderung").pk,
        "department": "Sachgebiet Integration",
        "partners": "",
        "start": "2026-01-01",
        "end": "",
        "state": MeasureState.IN_PROGRESS,
        "progress": "40",
        "parent": "",
        "weight": "1",
        "sort_order": "100",
    }
    data.update(overrides)
    return data


def test_a_measure_comes_from_adopted_proposals_and_is_implemented_by_funded_projects(staff, home_page):
    proposal = adopted_proposal()
    partly = adopted_proposal(state=ResponseState.PARTLY_ADOPTED)
    project = awarded_project()

    measure = services.measure_save(
        measure=new_measure(),
        user=staff,
        districts=[District.objects.get(slug="mitte")],
        proposals=[proposal, partly],
        projects=[project],
    )

    assert measure.slug == "sprachcafes-mit-kinderbetreuung"
    assert set(measure.proposals.all()) == {proposal, partly}
    assert list(measure.projects.all()) == [project]
    assert measure.updated_by == staff


def test_proposals_whose_response_did_not_adopt_them_are_refused(staff, home_page):
    rejected = ProposalFactory()
    ResponseFactory(proposal=rejected, state=ResponseState.NOT_ADOPTED, text="Nicht zuständig.")
    unanswered = ProposalFactory()
    draft = ProposalFactory()
    ResponseFactory(proposal=draft, state=ResponseState.ADOPTED, draft=True)

    with pytest.raises(ValidationError) as refusal:
        services.measure_save(measure=new_measure(), user=staff, proposals=[rejected, unanswered, draft])

    message = " ".join(refusal.value.message_dict["proposals"])
    assert rejected.reference in message and unanswered.reference in message and draft.reference in message
    assert not Measure.objects.exists()


def test_only_awarded_projects_may_implement_a_measure(staff, home_page):
    from tests.ideas.factories import ApplicationFactory

    application = ApplicationFactory(state="eligible")

    with pytest.raises(ValidationError) as refusal:
        services.measure_save(measure=new_measure(), user=staff, projects=[application])

    assert "Nur geförderte Projekte" in refusal.value.message_dict["projects"][0]
    assert not Measure.objects.exists()


@pytest.mark.parametrize("progress", [-1, 101, 250])
def test_progress_outside_0_to_100_is_refused_by_the_service(staff, progress):
    with pytest.raises(ValidationError) as refusal:
        services.measure_save(measure=new_measure(progress=progress), user=staff)

    assert "zwischen 0 und 100" in " ".join(refusal.value.message_dict["progress"])
    assert not Measure.objects.exists()


def test_progress_outside_0_to_100_is_refused_by_the_database(db):
    measure = MeasureFactory(progress=50)

    with pytest.raises(IntegrityError), transaction.atomic():
        Measure.objects.filter(pk=measure.pk).update(progress=101)

    measure.refresh_from_db()
    assert measure.progress == 50


def test_progress_outside_0_to_100_is_a_form_error_in_the_admin(client, staff):
    client.force_login(staff)

    response = client.post(reverse("monitoring-measures:add"), admin_post(progress="120"))

    assert response.status_code == 200
    assert "Der Fortschritt muss zwischen 0 und 100 Prozent liegen." in response.content.decode()
    assert not Measure.objects.exists()


def test_an_end_before_the_start_is_a_form_error(client, staff):
    client.force_login(staff)

    response = client.post(reverse("monitoring-measures:add"), admin_post(start="2026-06-01", end="2026-05-31"))

    assert response.status_code == 200
    assert "Das Ende darf nicht vor dem Beginn liegen." in response.content.decode()
    assert not Measure.objects.exists()


def test_staff_create_a_measure_in_the_admin(client, staff, home_page):
    proposal = adopted_proposal()
    client.force_login(staff)

    response = client.post(
        reverse("monitoring-measures:add"),
        admin_post(districts=[District.objects.get(slug="linden-limmer").pk], proposals=[proposal.pk]),
    )

    assert response.status_code == 302
    measure = Measure.objects.get()
    assert list(measure.proposals.all()) == [proposal]
    assert measure.updated_by == staff


def test_there_is_only_one_level_of_sub_measures(staff):
    parent = MeasureFactory()
    child = MeasureFactory(parent=parent)

    with pytest.raises(ValidationError) as refusal:
        services.measure_save(measure=new_measure(parent=child), user=staff)
    assert "nur eine Ebene" in refusal.value.message_dict["parent"][0]

    parent.parent = MeasureFactory()
    with pytest.raises(ValidationError) as refusal:
        services.measure_save(measure=parent, user=staff)
    assert "hat Teilmaßnahmen" in refusal.value.message_dict["parent"][0]


def test_people_without_the_role_cannot_save_measures(db):
    with pytest.raises(PermissionDenied):
        services.measure_save(measure=new_measure(), user=factories.UserFactory())


def test_a_measure_with_sub_measures_is_not_deleted(client, db):
    from lip.roles import Role

    admin = factories.UserFactory(roles=[Role.ADMINISTRATOR], is_staff=True)
    parent = MeasureFactory()
    MeasureFactory(parent=parent)
    client.force_login(admin)

    response = client.post(reverse("monitoring-measures:delete", args=[parent.pk]))

    assert response.status_code == 302
    assert Measure.objects.filter(pk=parent.pk).exists()


def test_a_measure_page_names_the_proposals_and_projects_of_its_sub_measures(client, home_page):
    proposal = adopted_proposal(title="Sprachcafés in Linden")
    project = awarded_project(title="Sprachcafé für Eltern")
    parent = MeasureFactory(title="Sprachförderung im Stadtteil")
    MeasureFactory(parent=parent, proposals=[proposal], projects=[project])

    html = client.get(reverse("monitoring:measure_detail", args=[parent.slug])).content.decode()

    assert proposal.reference in html and "Sprachcafés in Linden" in html
    assert "Sprachcafé für Eltern" in html
