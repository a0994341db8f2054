"""Organisations as people use them: register, join, decide on requests, verification by staff."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry

from lip import permissions
from lip.models import Membership, MembershipRole, MembershipStatus, Organisation
from lip.roles import Role, group_name
from tests import factories

REGISTER_URL = "/organisationen/registrieren/"


def text(response) -> str:
    return response.content.decode()


def register_data(**overrides) -> dict:
    data = {
        "name": "Afrikanischer Dachverband Hannover",
        "type": "migrant",
        "district": "",
        "website": "https://afrika-hannover.example",
        "description": "Dachverband afrikanischer Vereine.",
    }
    data.update(overrides)
    return data


def decide_url(membership: Membership) -> str:
    return reverse("lip:membership_decide", kwargs={"pk": membership.pk})


def join_url(organisation: Organisation) -> str:
    return reverse("lip:membership_request", kwargs={"slug": organisation.slug})


def in_representative_group(user) -> bool:
    return user.groups.filter(name=group_name(Role.REPRESENTATIVE)).exists()


# --- Registering an organisation -----------------------------------------------------


def test_registering_an_organisation_makes_the_person_its_representative(client, user, district):
    client.force_login(user)

    response = client.post(REGISTER_URL, register_data(district=district.pk), follow=True)

    assert response.status_code == 200
    organisation = Organisation.objects.get(name="Afrikanischer Dachverband Hannover")
    assert response.redirect_chain[-1][0] == organisation.get_absolute_url()
    assert "Ihre Organisation ist registriert." in text(response)
    assert "noch nicht bestätigt" in text(response)
    assert organisation.district == district
    assert organisation.created_by == user
    assert not organisation.is_verified
    membership = Membership.objects.get(organisation=organisation)
    assert (membership.user, membership.role, membership.status) == (
        user,
        MembershipRole.REPRESENTATIVE,
        MembershipStatus.ACTIVE,
    )
    assert permissions.can_act_for(user, organisation) is False
    assert permissions.can_manage_members(user, organisation) is True
    assert not in_representative_group(user)


def test_the_registered_organisation_is_not_listed_before_verification(client, user):
    client.force_login(user)
    client.post(REGISTER_URL, register_data())

    assert "Afrikanischer Dachverband Hannover" not in text(client.get("/organisationen/"))


def test_duplicate_name_is_refused_ignoring_case(client, user):
    factories.OrganisationFactory(name="Afrikanischer Dachverband Hannover")
    client.force_login(user)

    response = client.post(REGISTER_URL, register_data(name="  afrikanischer DACHVERBAND hannover "))

    assert response.status_code == 400
    assert "Eine Organisation mit diesem Namen ist bereits registriert." in text(response)
    assert Organisation.objects.count() == 1
    assert not Membership.objects.filter(user=user).exists()


def test_registration_without_name_or_type_is_refused(client, user):
    client.force_login(user)

    response = client.post(REGISTER_URL, register_data(name="", type=""))

    assert response.status_code == 400
    assert "Dieses Feld muss ausgefüllt werden." in text(response)
    assert Organisation.objects.count() == 0


def test_an_organisation_named_like_a_page_address_stays_reachable(client, user):
    client.force_login(user)

    client.post(REGISTER_URL, register_data(name="Registrieren"))

    organisation = Organisation.objects.get(name="Registrieren")
    assert organisation.get_absolute_url() != REGISTER_URL
    assert client.get(organisation.get_absolute_url()).status_code == 200


def test_unconfirmed_person_cannot_register_an_organisation(client, unverified_user):
    client.force_login(unverified_user)

    response = client.post(REGISTER_URL, register_data())

    assert response.status_code == 403
    assert "Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse." in text(response)
    assert Organisation.objects.count() == 0


def test_anonymous_visitor_is_sent_to_log_in(client, db):
    response = client.post(REGISTER_URL, register_data())

    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/")
    assert Organisation.objects.count() == 0


def test_registration_without_csrf_token_is_forbidden(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)

    response = client.post(REGISTER_URL, register_data())

    assert response.status_code == 403
    assert Organisation.objects.count() == 0


# --- Joining -------------------------------------------------------------------------


def test_join_request_is_stored_and_confirmed(client, user, organisation):
    client.force_login(user)

    response = client.post(join_url(organisation), {"message": "Ich helfe beim Sprachcafé."}, follow=True)

    assert response.status_code == 200
    assert "Ihre Anfrage wurde gesendet." in text(response)
    membership = Membership.objects.get(user=user, organisation=organisation)
    assert membership.status == MembershipStatus.REQUESTED
    assert membership.role == MembershipRole.MEMBER
    assert membership.message == "Ich helfe beim Sprachcafé."
    assert permissions.can_act_for(user, organisation) is False


def test_joining_twice_is_refused_with_a_message(client, user, organisation):
    client.force_login(user)
    client.post(join_url(organisation))

    response = client.post(join_url(organisation), follow=True)

    assert "Sie haben bereits angefragt." in text(response)
    assert Membership.objects.filter(user=user, organisation=organisation).count() == 1


def test_joining_as_a_member_is_refused_with_a_message(client, user, organisation):
    factories.MembershipFactory(user=user, organisation=organisation)
    client.force_login(user)

    response = client.post(join_url(organisation), follow=True)

    assert "Sie sind bereits Mitglied dieser Organisation." in text(response)
    assert Membership.objects.filter(user=user, organisation=organisation).count() == 1


def test_a_rejected_person_may_ask_again(client, user, organisation):
    factories.MembershipFactory(user=user, organisation=organisation, status=MembershipStatus.REJECTED)
    client.force_login(user)

    client.post(join_url(organisation))

    membership = Membership.objects.get(user=user, organisation=organisation)
    assert membership.status == MembershipStatus.REQUESTED


def test_too_long_join_message_is_refused(client, user, organisation):
    client.force_login(user)

    response = client.post(join_url(organisation), {"message": "x" * 1001}, follow=True)

    assert "Ihre Nachricht ist zu lang (höchstens 1000 Zeichen)." in text(response)
    assert not Membership.objects.filter(user=user).exists()


def test_join_request_to_an_unverified_organisation_of_strangers_is_not_found(client, user):
    organisation = factories.OrganisationFactory(unverified=True)
    client.force_login(user)

    response = client.post(join_url(organisation))

    assert response.status_code == 404
    assert not Membership.objects.filter(user=user).exists()


def test_unconfirmed_person_cannot_ask_to_join(client, unverified_user, organisation):
    client.force_login(unverified_user)

    response = client.post(join_url(organisation))

    assert response.status_code == 403
    assert "Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse." in text(response)
    assert not Membership.objects.filter(user=unverified_user).exists()


def test_unconfirmed_person_is_told_to_confirm_the_address(client, unverified_user, organisation):
    client.force_login(unverified_user)

    response = client.get(organisation.get_absolute_url())

    assert "Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse" in text(response)
    assert 'action="' + join_url(organisation) not in text(response)


def test_join_by_get_is_not_allowed(client, user, organisation):
    client.force_login(user)

    response = client.get(join_url(organisation))

    assert response.status_code == 405
    assert not Membership.objects.exists()


# --- Deciding on requests --------------------------------------------------------------


@pytest.fixture
def join_request(organisation):
    return factories.MembershipFactory(organisation=organisation, status=MembershipStatus.REQUESTED)


def test_representative_sees_open_requests(client, representative, join_request):
    client.force_login(representative)

    response = client.get(join_request.organisation.get_absolute_url())

    assert "Mitglieder und Anfragen" in text(response)
    assert decide_url(join_request) in text(response)


def test_representative_approves_a_request(client, representative, join_request):
    client.force_login(representative)

    response = client.post(decide_url(join_request), {"decision": "approve", "role": "member"}, follow=True)

    assert "Die Entscheidung wurde gespeichert." in text(response)
    join_request.refresh_from_db()
    assert join_request.status == MembershipStatus.ACTIVE
    assert join_request.role == MembershipRole.MEMBER
    assert join_request.decided_by == representative
    assert join_request.decided_at is not None
    assert permissions.can_act_for(join_request.user, join_request.organisation) is False


def test_approving_as_representative_lets_the_person_act_for_the_organisation(client, representative, join_request):
    client.force_login(representative)

    client.post(decide_url(join_request), {"decision": "approve", "role": "representative"})

    join_request.refresh_from_db()
    assert join_request.is_representative
    assert permissions.can_act_for(join_request.user, join_request.organisation) is True
    assert in_representative_group(join_request.user)


def test_representative_rejects_a_request(client, representative, join_request):
    client.force_login(representative)

    client.post(decide_url(join_request), {"decision": "reject", "role": "representative"})

    join_request.refresh_from_db()
    assert join_request.status == MembershipStatus.REJECTED
    assert join_request.role == MembershipRole.MEMBER
    assert not in_representative_group(join_request.user)


def test_invalid_decision_is_refused(client, representative, join_request):
    client.force_login(representative)

    response = client.post(decide_url(join_request), {"decision": "vielleicht", "role": "member"})

    assert response.status_code == 400
    join_request.refresh_from_db()
    assert join_request.status == MembershipStatus.REQUESTED


def test_a_decided_membership_cannot_be_decided_again(client, representative, organisation):
    member = factories.MembershipFactory(organisation=organisation, status=MembershipStatus.ACTIVE)
    client.force_login(representative)

    response = client.post(decide_url(member), {"decision": "approve", "role": "representative"}, follow=True)

    assert "Über diese Anfrage wurde bereits entschieden." in text(response)
    member.refresh_from_db()
    assert member.role == MembershipRole.MEMBER


def test_representative_cannot_reject_themselves(client, representative, organisation):
    own = Membership.objects.get(user=representative, organisation=organisation)
    client.force_login(representative)

    client.post(decide_url(own), {"decision": "reject", "role": "member"})

    own.refresh_from_db()
    assert own.is_representative


@pytest.mark.parametrize("who", ["member", "stranger", "representative_elsewhere", "requester"])
def test_non_representative_cannot_decide(client, organisation, join_request, who):
    if who == "member":
        person = factories.MembershipFactory(organisation=organisation).user
    elif who == "stranger":
        person = factories.UserFactory()
    elif who == "representative_elsewhere":
        person = factories.representative_of(factories.OrganisationFactory())
    else:
        person = join_request.user
    client.force_login(person)

    response = client.post(decide_url(join_request), {"decision": "approve", "role": "representative"})

    assert response.status_code == 403
    join_request.refresh_from_db()
    assert join_request.status == MembershipStatus.REQUESTED
    assert join_request.decided_by is None


def test_non_representative_does_not_see_the_requests(client, organisation, join_request):
    client.force_login(factories.MembershipFactory(organisation=organisation).user)

    response = client.get(organisation.get_absolute_url())

    assert "Mitglieder und Anfragen" not in text(response)
    assert decide_url(join_request) not in text(response)


def test_forged_membership_id_is_not_found(client, representative, join_request):
    client.force_login(representative)

    response = client.post(
        reverse("lip:membership_decide", kwargs={"pk": join_request.pk + 1000}),
        {"decision": "approve", "role": "member"},
    )

    assert response.status_code == 404


def test_anonymous_decision_is_sent_to_log_in(client, join_request):
    response = client.post(decide_url(join_request), {"decision": "approve", "role": "member"})

    assert response.status_code == 302
    join_request.refresh_from_db()
    assert join_request.status == MembershipStatus.REQUESTED


def test_moderator_may_decide_for_any_organisation(client, moderator, join_request):
    client.force_login(moderator)

    client.post(decide_url(join_request), {"decision": "approve", "role": "member"})

    join_request.refresh_from_db()
    assert join_request.status == MembershipStatus.ACTIVE


# --- Public pages ------------------------------------------------------------------------


def test_only_verified_organisations_are_listed(client, db):
    factories.OrganisationFactory(name="Bestätigter Verein")
    factories.OrganisationFactory(name="Ungeprüfter Verein", unverified=True)

    response = client.get("/organisationen/")

    assert response.status_code == 200
    assert "Bestätigter Verein" in text(response)
    assert "Ungeprüfter Verein" not in text(response)
    assert "✓ bestätigt" in text(response)


def test_the_list_counts_active_members_only(client, organisation):
    factories.representative_of(organisation)
    factories.MembershipFactory(organisation=organisation)
    factories.MembershipFactory(organisation=organisation, status=MembershipStatus.REQUESTED)
    lonely = factories.OrganisationFactory()
    factories.MembershipFactory(organisation=lonely)

    body = text(client.get("/organisationen/"))

    assert "2 Mitglieder" in body
    assert "1 Mitglied<" in body


def test_unverified_organisation_page_is_not_found_for_strangers(client, db):
    organisation = factories.OrganisationFactory(unverified=True)

    assert client.get(organisation.get_absolute_url()).status_code == 404
    client.force_login(factories.UserFactory())
    assert client.get(organisation.get_absolute_url()).status_code == 404


def test_unverified_organisation_page_is_visible_to_its_representative(client, db):
    organisation = factories.OrganisationFactory(unverified=True)
    client.force_login(factories.representative_of(organisation))

    response = client.get(organisation.get_absolute_url())

    assert response.status_code == 200
    assert "noch nicht bestätigt" in text(response)
    assert "Die Stadtverwaltung prüft diese Organisation noch." in text(response)


def test_verified_organisation_page_shows_the_badge(client, organisation):
    response = client.get(organisation.get_absolute_url())

    assert response.status_code == 200
    assert "✓ bestätigt" in text(response)
    assert "Melden Sie sich an, um dieser Organisation beizutreten." in text(response)


def test_unknown_organisation_is_not_found(client, db):
    assert client.get("/organisationen/gibt-es-nicht/").status_code == 404


# --- Verification by staff in the Wagtail admin ----------------------------------------------


def admin_edit_data(organisation: Organisation, **overrides) -> dict:
    data = {
        "name": organisation.name,
        "slug": organisation.slug,
        "type": organisation.type,
        "district": organisation.district_id or "",
        "website": organisation.website,
        "description": organisation.description,
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def pending(db):
    organisation = factories.OrganisationFactory(name="Willkommensinitiative Vahrenheide", unverified=True)
    factories.representative_of(organisation)
    return organisation


def test_admin_edit_view_offers_the_verified_checkbox(client, moderator, pending):
    client.force_login(moderator)

    response = client.get(reverse("organisations:edit", args=[pending.pk]))

    assert response.status_code == 200
    assert 'name="verified"' in text(response)
    assert "Bestätigt" in text(response)


def test_staff_verify_an_organisation(client, moderator, pending):
    representative = pending.memberships.get().user
    representative.groups.clear()
    client.force_login(moderator)

    response = client.post(reverse("organisations:edit", args=[pending.pk]), admin_edit_data(pending, verified="on"))

    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.is_verified
    assert pending.verified_by == moderator
    assert in_representative_group(representative)
    assert permissions.can_act_for(representative, pending) is True
    assert ModelLogEntry.objects.filter(action="lip.organisation.verify", object_id=str(pending.pk)).exists()

    client.logout()
    listing = text(client.get("/organisationen/"))
    assert "Willkommensinitiative Vahrenheide" in listing
    detail = client.get(pending.get_absolute_url())
    assert detail.status_code == 200
    assert "✓ bestätigt" in text(detail)


def test_staff_withdraw_the_verification(client, moderator, organisation):
    representative = factories.representative_of(organisation)
    client.force_login(moderator)

    client.post(reverse("organisations:edit", args=[organisation.pk]), admin_edit_data(organisation))

    organisation.refresh_from_db()
    assert not organisation.is_verified
    assert permissions.can_act_for(representative, organisation) is False
    assert not in_representative_group(representative)
    assert "Verein" not in text(Client().get("/organisationen/"))


def test_withdrawing_keeps_the_role_of_who_represents_another_verified_organisation(client, moderator, organisation):
    representative = factories.representative_of(organisation)
    factories.MembershipFactory(
        user=representative, organisation=factories.OrganisationFactory(), role=MembershipRole.REPRESENTATIVE
    )
    client.force_login(moderator)

    client.post(reverse("organisations:edit", args=[organisation.pk]), admin_edit_data(organisation))

    assert in_representative_group(representative)


def test_saving_without_changes_keeps_the_verification(client, moderator, organisation):
    verified_at = organisation.verified_at
    client.force_login(moderator)

    client.post(reverse("organisations:edit", args=[organisation.pk]), admin_edit_data(organisation, verified="on"))

    organisation.refresh_from_db()
    assert organisation.verified_at == verified_at


def test_staff_create_a_verified_organisation(client, moderator):
    client.force_login(moderator)

    response = client.post(
        reverse("organisations:add"),
        {"name": "Haus der Religionen", "slug": "haus-der-religionen", "type": "religious", "verified": "on"},
    )

    assert response.status_code == 302
    organisation = Organisation.objects.get(slug="haus-der-religionen")
    assert organisation.is_verified
    assert organisation.verified_by == moderator


def test_admin_refuses_a_name_taken_in_other_case(client, moderator, pending):
    factories.OrganisationFactory(name="Caritasverband Hannover")
    client.force_login(moderator)

    response = client.post(
        reverse("organisations:edit", args=[pending.pk]), admin_edit_data(pending, name="CARITASVERBAND hannover")
    )

    assert response.status_code == 200
    assert "Eine Organisation mit diesem Namen ist bereits registriert." in text(response)
    pending.refresh_from_db()
    assert pending.name == "Willkommensinitiative Vahrenheide"


def test_participant_cannot_open_the_organisations_admin(client, user, pending):
    client.force_login(user)

    response = client.post(reverse("organisations:edit", args=[pending.pk]), admin_edit_data(pending, verified="on"))

    assert response.status_code in (302, 403)
    pending.refresh_from_db()
    assert not pending.is_verified


def test_representative_group_exists(db):
    assert Group.objects.filter(name="Organisationsvertretung").exists()
