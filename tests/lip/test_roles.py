"""Roles are groups made by the data migration; staff assign them in the Wagtail user admin."""

import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from lip.demo import DEMO_PASSWORD
from lip.models import User
from lip.roles import ROLES, Role, group_name
from tests import factories

ROLE_GROUPS = {
    "Teilnehmende",
    "Organisationsvertretung",
    "Integrationsbeirat",
    "Moderation",
    "Jury",
    "Ratsmitglied",
    "Administration",
}


def dotted(permission: Permission) -> str:
    return f"{permission.content_type.app_label}.{permission.codename}"


def existing(names) -> set[str]:
    """The permissions of a role definition that exist in this database (apps not installed are skipped)."""
    found = set()
    for name in names:
        app_label, codename = name.split(".", 1)
        if Permission.objects.filter(content_type__app_label=app_label, codename=codename).exists():
            found.add(name)
    return found


def test_the_migration_created_exactly_the_role_groups(db):
    assert set(Group.objects.values_list("name", flat=True)) == ROLE_GROUPS
    assert {definition.group_name for definition in ROLES.values()} == ROLE_GROUPS


@pytest.mark.parametrize("role", list(Role), ids=str)
def test_each_group_has_exactly_the_permissions_of_its_role(db, role):
    definition = ROLES[role]
    group = Group.objects.get(name=definition.group_name)

    granted = {dotted(p) for p in group.permissions.select_related("content_type")}

    assert granted == existing(definition.permissions)


def test_every_permission_of_the_foundation_roles_exists(db):
    """A typo in lip/roles.py would otherwise be skipped silently."""
    foundation_apps = {"lip", "home", "auth", "wagtailadmin", "wagtailcore", "wagtailimages", "wagtaildocs"}
    for definition in ROLES.values():
        wanted = {name for name in definition.permissions if name.split(".", 1)[0] in foundation_apps}
        wanted |= set(definition.collection_permissions)
        wanted |= {f"wagtailcore.{name}" for name in definition.page_permissions}
        assert existing(wanted) == wanted, definition.group_name


@pytest.mark.parametrize("role", list(Role), ids=str)
def test_page_and_collection_permissions_sit_on_the_roots(db, role):
    definition = ROLES[role]
    group = Group.objects.get(name=definition.group_name)
    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()

    page_perms = set(
        GroupPagePermission.objects.filter(group=group, page=root_page).values_list("permission__codename", flat=True)
    )
    collection_perms = {
        dotted(gcp.permission)
        for gcp in GroupCollectionPermission.objects.filter(group=group, collection=root_collection).select_related(
            "permission__content_type"
        )
    }

    assert page_perms == set(definition.page_permissions)
    assert collection_perms == set(definition.collection_permissions)
    assert not GroupPagePermission.objects.filter(group=group).exclude(page=root_page).exists()


def test_only_staff_roles_may_open_the_admin(db):
    admin_groups = set(
        Group.objects.filter(
            permissions__codename="access_admin", permissions__content_type__app_label="wagtailadmin"
        ).values_list("name", flat=True)
    )
    assert admin_groups == {"Moderation", "Administration"}


# --- Admin access ----------------------------------------------------------------------


def test_moderator_opens_the_admin_and_the_organisations(client, db):
    moderator = factories.UserFactory(roles=[Role.MODERATOR])  # the role alone, without is_staff
    client.force_login(moderator)

    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    assert client.get(reverse("organisations:index")).status_code == 200
    assert client.get(reverse("memberships:index")).status_code == 200


def test_participant_is_refused_the_admin_without_a_redirect_loop(client, user):
    client.force_login(user)

    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302
    refused = client.get(response["Location"])

    assert refused.status_code == 403
    assert "Ihr Konto hat keinen Zugang zur Verwaltung." in refused.content.decode()


def test_anonymous_visitor_of_the_admin_gets_the_login_form(client, db):
    response = client.get(reverse("wagtailadmin_home"), follow=True)

    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith("/konto/login/?next=/admin/")
    assert 'name="password"' in response.content.decode()


def test_signed_in_person_on_the_login_page_is_sent_on(client, user):
    client.force_login(user)

    response = client.get("/konto/login/?next=/profil/")

    assert response.status_code == 302
    assert response["Location"] == "/profil/"


@pytest.mark.parametrize("role", [Role.PARTICIPANT, Role.REPRESENTATIVE, Role.COUNCIL, Role.JURY, Role.COUNCIL_MEMBER])
def test_non_staff_roles_cannot_open_the_organisations_admin(client, db, role):
    client.force_login(factories.UserFactory(roles=[role]))

    response = client.get(reverse("organisations:index"))

    assert response.status_code == 302


def test_participant_sees_no_admin_link(client, user):
    client.force_login(user)

    assert 'href="/admin/"' not in client.get("/organisationen/").content.decode()


def test_moderator_sees_the_admin_link(client, moderator):
    client.force_login(moderator)

    assert 'href="/admin/"' in client.get("/organisationen/").content.decode()


# --- Assigning roles in the Wagtail user admin ------------------------------------------------


def user_edit_data(person: User, **overrides) -> dict:
    data = {
        "email": person.email,
        "first_name": "",
        "last_name": "",
        "display_name": person.display_name,
        "preferred_language": person.preferred_language,
        "council_district": "",
        "is_active": "on",
        "groups": [],
    }
    data.update(overrides)
    return data


@pytest.fixture
def administrator(db):
    return factories.UserFactory(roles=[Role.ADMINISTRATOR], is_staff=True)


def test_staff_assign_the_council_role_and_district(client, administrator, user, district):
    council = Group.objects.get(name=group_name(Role.COUNCIL))
    participant = Group.objects.get(name=group_name(Role.PARTICIPANT))
    client.force_login(administrator)

    form = client.get(reverse("wagtailusers_users:edit", args=[user.pk]))
    assert form.status_code == 200
    assert 'name="council_district"' in form.content.decode()
    response = client.post(
        reverse("wagtailusers_users:edit", args=[user.pk]),
        user_edit_data(user, groups=[participant.pk, council.pk], council_district=district.pk),
    )

    assert response.status_code == 302, response.content.decode()
    user.refresh_from_db()
    assert set(user.groups.values_list("name", flat=True)) == {"Teilnehmende", "Integrationsbeirat"}
    assert user.council_district == district
    assert user.has_perm("lip.state_for_council")


def test_staff_change_display_name_and_language_of_a_person(client, administrator, user):
    client.force_login(administrator)

    client.post(
        reverse("wagtailusers_users:edit", args=[user.pk]),
        user_edit_data(user, display_name="Neuer Name", preferred_language="en"),
    )

    user.refresh_from_db()
    assert (user.display_name, user.preferred_language) == ("Neuer Name", "en")


def test_staff_remove_a_role(client, administrator):
    person = factories.UserFactory(roles=[Role.PARTICIPANT, Role.JURY])
    client.force_login(administrator)

    client.post(
        reverse("wagtailusers_users:edit", args=[person.pk]),
        user_edit_data(person, groups=[Group.objects.get(name="Teilnehmende").pk]),
    )

    assert list(person.groups.values_list("name", flat=True)) == ["Teilnehmende"]


def test_moderator_cannot_assign_roles(client, moderator, user):
    jury = Group.objects.get(name=group_name(Role.JURY))
    client.force_login(moderator)

    response = client.post(reverse("wagtailusers_users:edit", args=[user.pk]), user_edit_data(user, groups=[jury.pk]))

    assert response.status_code in (302, 403)
    assert not user.groups.filter(pk=jury.pk).exists()


def test_staff_create_a_person_with_a_role(client, administrator):
    jury = Group.objects.get(name=group_name(Role.JURY))
    client.force_login(administrator)
    form = client.get(reverse("wagtailusers_users:add")).content.decode()
    for name in ("display_name", "preferred_language", "council_district"):
        assert f'name="{name}"' in form

    response = client.post(
        reverse("wagtailusers_users:add"),
        {
            "email": "jurorin@example.org",
            "first_name": "",
            "last_name": "",
            "display_name": "Jurorin",
            "preferred_language": "de",
            "council_district": "",
            "password1": "Lange-Jury-Sitzung-7",
            "password2": "Lange-Jury-Sitzung-7",
            "groups": [jury.pk],
        },
    )

    assert response.status_code == 302, response.content.decode()
    person = User.objects.get(email="jurorin@example.org")
    assert person.has_perm("lip.score_applications")


def test_staff_cannot_create_a_second_account_for_an_address_in_other_case(client, administrator, user):
    client.force_login(administrator)

    response = client.post(
        reverse("wagtailusers_users:add"),
        {
            "email": user.email.upper(),
            "display_name": "Doppelt",
            "preferred_language": "de",
            "password1": "Lange-Jury-Sitzung-7",
            "password2": "Lange-Jury-Sitzung-7",
        },
    )

    assert response.status_code == 200
    assert User.objects.filter(email__iexact=user.email).count() == 1


# --- Demo accounts ---------------------------------------------------------------------------------


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=io.StringIO())


def test_demo_moderator_logs_in_and_opens_the_admin(demo):
    client = Client()

    response = client.post("/konto/login/", {"login": "moderation@lip-hannover.example", "password": DEMO_PASSWORD})

    assert response.status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    assert client.get(reverse("organisations:index")).status_code == 200


def test_demo_participant_logs_in_but_not_into_the_admin(demo):
    client = Client()

    client.post("/konto/login/", {"login": "teilnahme@lip-hannover.example", "password": DEMO_PASSWORD})

    assert "_auth_user_id" in client.session
    assert client.get(reverse("wagtailadmin_home")).status_code == 302
