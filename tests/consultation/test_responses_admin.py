"""Staff answer proposals in the Wagtail admin; everybody else is kept out of the response and export views."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from consultation.models import Response, ResponseState
from tests import factories
from tests.consultation.admin_support import form_errors
from tests.consultation.factories import ResponseFactory, VoteFactory


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


def answer_url(proposal) -> str:
    return reverse("consultation-responses:answer", args=[proposal.pk])


def answer(client, proposal, capture, *, action="publish", **fields):
    data = {"state": ResponseState.ADOPTED, "text": "Wird übernommen.", "department": "Fachbereich Soziales"}
    data.update(fields)
    if action is not None:
        data["action"] = action
    with capture(execute=True):
        return client.post(answer_url(proposal), data)


# --- The answer page -------------------------------------------------------------------------------------------


def test_the_answer_page_shows_the_proposal_and_both_actions(staff, proposal):
    page = staff.get(answer_url(proposal))

    assert page.status_code == 200
    html = page.content.decode()
    assert proposal.title in html and proposal.reference in html
    assert re.search(r'name="action"\s+value="draft"', html) and "Entwurf speichern" in html
    assert re.search(r'name="action"\s+value="publish"', html) and "Veröffentlichen" in html
    for state in ResponseState:
        assert f'value="{state.value}"' in html


def test_saving_a_draft_stores_it_unpublished_and_tells_nobody(
    staff, proposal, author, django_capture_on_commit_callbacks
):
    response = answer(staff, proposal, django_capture_on_commit_callbacks, action="draft")

    assert response.status_code == 302
    stored = Response.objects.get(proposal=proposal)
    assert (stored.state, stored.published_at) == (ResponseState.ADOPTED, None)
    assert mail.outbox == []


def test_publishing_stores_the_response_and_mails_author_and_supporters(
    staff, proposal, author, django_capture_on_commit_callbacks
):
    supporter = factories.UserFactory()
    VoteFactory(proposal=proposal, user=supporter)

    response = answer(staff, proposal, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert Response.objects.get(proposal=proposal).is_published
    assert sorted(m.to[0] for m in mail.outbox) == sorted([author.email, supporter.email])


def test_the_published_response_appears_on_the_proposal_page(
    staff, client, proposal, django_capture_on_commit_callbacks
):
    answer(staff, proposal, django_capture_on_commit_callbacks, text="Das Sprachcafé kommt 2027.")
    client.logout()

    page = client.get(proposal.get_absolute_url()).content.decode()

    assert "Das Sprachcafé kommt 2027." in page
    assert "in den LIP übernommen" in page


def test_not_adopted_without_reasoning_is_a_form_error_and_nothing_is_stored(
    staff, proposal, django_capture_on_commit_callbacks
):
    response = answer(staff, proposal, django_capture_on_commit_callbacks, state=ResponseState.NOT_ADOPTED, text="")

    assert "Bitte begründen Sie" in str(form_errors(response)["text"])
    assert not Response.objects.exists()
    assert mail.outbox == []


def test_a_forged_state_is_a_form_error_and_nothing_changes(staff, proposal, django_capture_on_commit_callbacks):
    ResponseFactory(proposal=proposal, state=ResponseState.UNDER_REVIEW, draft=True)

    response = answer(staff, proposal, django_capture_on_commit_callbacks, state="approved_by_mayor")

    assert "Diesen Stand gibt es nicht" in str(form_errors(response)["state"])
    assert Response.objects.get().state == ResponseState.UNDER_REVIEW
    assert mail.outbox == []


def test_a_published_response_offers_to_publish_changes_or_take_it_back(staff, proposal):
    ResponseFactory(proposal=proposal)

    html = staff.get(answer_url(proposal)).content.decode()

    assert "Änderungen veröffentlichen" in html
    assert "Veröffentlichung zurücknehmen" in html


def test_an_unknown_proposal_is_not_found(staff, db):
    assert staff.get(reverse("consultation-responses:answer", args=[999999])).status_code == 404


# --- Reaching the answer page from the proposal list and the proposal --------------------------------------------


def test_the_proposal_list_shows_the_response_state_and_links_the_answer_page(staff, proposal, make_proposal):
    ResponseFactory(proposal=proposal, state=ResponseState.FORWARDED, draft=True)
    make_proposal(title="Noch ohne Antwort")

    html = staff.get(reverse("consultation-proposals:index")).content.decode()

    assert answer_url(proposal) in html
    assert "an die zuständige Stelle weitergeleitet (Entwurf)" in html


def test_the_proposal_inspect_view_links_the_answer_page(staff, proposal):
    html = staff.get(reverse("consultation-proposals:inspect", args=[proposal.pk])).content.decode()

    assert answer_url(proposal) in html
    assert "Antwort verfassen" in html


# --- The list of responses -------------------------------------------------------------------------------------


def test_the_response_list_filters_by_state_and_publication(staff, consultation, make_proposal):
    adopted = ResponseFactory(proposal=make_proposal(title="Übernommen"), state=ResponseState.ADOPTED)
    draft = ResponseFactory(proposal=make_proposal(title="Im Entwurf"), state=ResponseState.ADOPTED, draft=True)
    ResponseFactory(proposal=make_proposal(title="Weitergeleitet"), state=ResponseState.FORWARDED)
    index = reverse("consultation-responses:index")

    by_state = staff.get(index, {"state": ResponseState.ADOPTED}).context["object_list"]
    published = staff.get(index, {"state": ResponseState.ADOPTED, "publication": "published"}).context["object_list"]

    assert {r.pk for r in by_state} == {adopted.pk, draft.pk}
    assert [r.pk for r in published] == [adopted.pk]


def test_the_response_list_leads_to_the_answer_page(staff, proposal):
    response = ResponseFactory(proposal=proposal)

    html = staff.get(reverse("consultation-responses:index")).content.decode()
    edit = staff.get(reverse("consultation-responses:edit", args=[response.pk]))

    assert answer_url(proposal) in html
    assert edit["Location"] == answer_url(proposal)


def test_the_response_list_costs_the_same_queries_for_few_and_many(staff, make_proposal, django_assert_max_num_queries):
    index = reverse("consultation-responses:index")
    for _ in range(3):
        ResponseFactory(proposal=make_proposal())
    staff.get(index)  # warm up sessions and site caches
    with django_assert_max_num_queries(25) as few:
        staff.get(index)
    for _ in range(20):
        ResponseFactory(proposal=make_proposal())

    with django_assert_max_num_queries(len(few.captured_queries)):
        staff.get(index)


# --- Only staff ------------------------------------------------------------------------------------------------

PROPOSAL, RESPONSE = "proposal", "response"
STAFF_URLS = [
    ("consultation-responses:index", None),
    ("consultation-responses:answer", PROPOSAL),
    ("consultation-exports:index", None),
    *[
        ("consultation-exports:download", (name, fmt))
        for name in ("vorschlaege", "kommentare", "veranstaltungen")
        for fmt in ("csv", "xlsx")
    ],
]
# Wagtail's further views of the response list: add and edit lead to the answer page, history shows the log.
MORE_URLS = [
    ("consultation-responses:add", None),
    ("consultation-responses:edit", RESPONSE),
    ("consultation-responses:history", RESPONSE),
    ("consultation-responses:delete", RESPONSE),
]


def resolve(url_name, args, proposal) -> str:
    if args == PROPOSAL:
        return reverse(url_name, args=[proposal.pk])
    if args == RESPONSE:
        response = Response.objects.filter(proposal=proposal).first() or ResponseFactory(proposal=proposal)
        return reverse(url_name, args=[response.pk])
    if args:
        return reverse(url_name, args=args)
    return reverse(url_name)


@pytest.mark.parametrize(("url_name", "args"), STAFF_URLS + MORE_URLS)
def test_anonymous_visitors_are_sent_to_log_in(client, proposal, url_name, args):
    response = client.get(resolve(url_name, args, proposal))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize(("url_name", "args"), STAFF_URLS + MORE_URLS)
def test_participants_are_sent_to_log_in(client_for, user, proposal, url_name, args):
    response = client_for(user).get(resolve(url_name, args, proposal))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize(("url_name", "args"), STAFF_URLS + MORE_URLS)
def test_admin_users_without_the_staff_role_are_refused(client_for, admin_without_rights, proposal, url_name, args):
    response = client_for(admin_without_rights).get(resolve(url_name, args, proposal))

    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home")


@pytest.mark.parametrize(("url_name", "args"), STAFF_URLS)
def test_moderators_reach_every_view(staff, proposal, url_name, args):
    assert staff.get(resolve(url_name, args, proposal)).status_code == 200


@pytest.mark.parametrize("who", ["anonymous", "participant", "admin_without_rights"])
def test_nobody_but_staff_can_post_a_response(
    client_for, user, admin_without_rights, proposal, django_capture_on_commit_callbacks, who
):
    person = {"anonymous": None, "participant": user, "admin_without_rights": admin_without_rights}[who]

    response = answer(client_for(person), proposal, django_capture_on_commit_callbacks)

    assert response.status_code in (302, 403)
    assert not Response.objects.exists()
    assert mail.outbox == []
