"""The signed-in person loaded lean (issue 16, lip/auth_backends.py): their e-mail confirmation and whether they hold
any permission come with their row (tests/consultation/test_signed_in_queries.py counts the pages); staff powers
granted during a session count from the next request on, the second factor included."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache

from lip.auth_backends import AuthenticationBackend, ModelBackend
from lip.permissions import has_verified_email, is_moderator
from lip.roles import Role, group_name
from tests import factories

ACTIVATE_URL = "/konto/2fa/totp/activate/"


@pytest.fixture
def mfa_required(settings):
    settings.LIP_STAFF_MFA_REQUIRED = True
    cache.clear()
    yield
    cache.clear()


def test_a_moderator_still_has_their_permissions(moderator):
    person = ModelBackend().get_user(moderator.pk)

    assert is_moderator(person)
    assert person.has_perm("wagtailadmin.access_admin")
    assert not person.has_perm("lip.score_applications")


def test_a_superuser_has_every_permission(db):
    admin = factories.UserFactory(is_superuser=True, is_staff=True)

    assert ModelBackend().get_user(admin.pk).has_perm("lip.score_applications")


@pytest.mark.parametrize("backend", [ModelBackend, AuthenticationBackend])
def test_the_e_mail_confirmation_comes_with_the_person(backend, unverified_user, django_assert_num_queries):
    with django_assert_num_queries(1):
        person = backend().get_user(unverified_user.pk)
        assert not has_verified_email(person)
        assert not person.has_perm("lip.moderate_participation")

    EmailAddress.objects.create(user=unverified_user, email=unverified_user.email, verified=True, primary=True)

    assert has_verified_email(backend().get_user(unverified_user.pk))


def test_an_unknown_or_deactivated_person_is_nobody(user):
    assert ModelBackend().get_user(user.pk + 1000) is None
    user.is_active = False
    user.save()
    assert ModelBackend().get_user(user.pk) is None


def test_the_sign_in_form_stores_a_session_of_our_backend(client, user):
    response = client.post("/konto/login/", {"login": user.email, "password": "correct-horse-battery"})

    assert response.status_code == 302
    assert client.session[BACKEND_SESSION_KEY].startswith("lip.auth_backends.")


def grant_group(user):
    user.groups.add(Group.objects.get(name=group_name(Role.MODERATOR)))


def grant_permission(user):
    user.user_permissions.add(Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin"))


def grant_to_their_group(user):
    group = Group.objects.get(name=group_name(Role.PARTICIPANT))
    assert user.groups.filter(pk=group.pk).exists()
    group.permissions.add(Permission.objects.get(codename="score_applications", content_type__app_label="lip"))


def make_staff(user):
    user.is_staff = True
    user.save(update_fields=["is_staff"])


@pytest.mark.parametrize("grant", [grant_group, grant_permission, grant_to_their_group, make_staff])
def test_staff_powers_granted_mid_session_require_the_second_factor_on_the_next_request(
    client_for, user, home_page, mfa_required, grant
):
    client = client_for(user)
    assert client.get("/").status_code == 200

    grant(user)

    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == ACTIVATE_URL
