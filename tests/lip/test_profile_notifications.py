"""Each person chooses in their profile which e-mails they receive; they are offered only those that can reach them."""

import pytest

PROFILE = "/profil/"


def offered(client, person) -> set[str]:
    client.force_login(person)
    form = client.get(PROFILE).context["form"]
    return {name for name in form.fields if name.startswith("notify_")}


def post_profile(client, person, **choices):
    client.force_login(person)
    data = {"display_name": person.display_name, "preferred_language": "de"}
    data.update({name: "on" for name, wanted in choices.items() if wanted})
    return client.post(PROFILE, data)


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("participant", {"notify_responses", "notify_moderation"}),
        ("council_member", {"notify_responses", "notify_moderation", "notify_digest"}),
        ("moderator", {"notify_responses", "notify_moderation", "notify_reports"}),
    ],
)
def test_each_role_is_offered_the_emails_that_can_reach_it(client, user, council_member, moderator, who, expected):
    person = {"participant": user, "council_member": council_member, "moderator": moderator}[who]

    assert offered(client, person) == expected


def test_the_profile_page_groups_the_email_choices(client, user):
    client.force_login(user)

    html = client.get(PROFILE).content.decode()

    assert "Welche E-Mails möchten Sie erhalten?" in html
    assert "Antworten der Verwaltung auf meine und von mir unterstützte Vorschläge" in html
    assert 'name="notify_digest"' not in html


def test_switching_emails_off_and_on_is_stored(client, council_member):
    response = post_profile(client, council_member, notify_responses=True, notify_moderation=False, notify_digest=False)

    assert response.status_code == 302
    council_member.refresh_from_db()
    assert (council_member.notify_responses, council_member.notify_moderation, council_member.notify_digest) == (
        True,
        False,
        False,
    )

    post_profile(client, council_member, notify_responses=True, notify_moderation=True, notify_digest=True)

    council_member.refresh_from_db()
    assert council_member.notify_moderation and council_member.notify_digest


def test_a_choice_that_was_not_offered_cannot_be_changed_by_a_forged_post(client, user):
    user.notify_reports = False
    user.notify_digest = True
    user.save()

    post_profile(client, user, notify_responses=True, notify_reports=True, notify_digest=False)

    user.refresh_from_db()
    assert user.notify_reports is False  # only moderators choose this
    assert user.notify_digest is True  # only council members choose this
