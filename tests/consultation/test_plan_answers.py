"""The staff side of the plan draft: answering every comment, amendment and statement (the Abwägung) and entering
analog comments, through the services and through the Wagtail admin."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from consultation import counters
from consultation.models import (
    AnswerOutcome,
    Channel,
    Comment,
    CommentAnswer,
    CommentState,
    Event,
    EventKind,
    PlanParagraph,
    PlanVersion,
)
from consultation.plan import answers, selectors
from consultation.plan.answers import AnswerLogAction
from tests import factories
from tests.consultation.factories import CommentFactory
from tests.consultation.plan_support import make_plan, paragraph_comment, publish_chapters
from tests.helpers import assert_constant_queries

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("counters_agree")]


@pytest.fixture
def paragraphs(plan):
    return list(PlanParagraph.objects.filter(page=plan).order_by("position"))


@pytest.fixture
def comment(paragraphs):
    return paragraph_comment(paragraphs[0], factories.UserFactory(), "Bitte auch Eltern einbeziehen.")


def list_url(plan, **params) -> str:
    url = reverse("plan-answers:list", args=[plan.pk])
    if params:
        url += "?" + "&".join(f"{k}={v}" for k, v in params.items())
    return url


def answer_url(plan, comment) -> str:
    return reverse("plan-answers:answer", args=[plan.pk, comment.pk])


def analog_url(plan) -> str:
    return reverse("plan-answers:analog", args=[plan.pk])


def make_event(plan, **fields) -> Event:
    fields.setdefault("kind", EventKind.WORKSHOP)
    return Event.objects.create(
        consultation=plan.get_parent().specific,
        title=fields.pop("title", "Werkstatt Sprache"),
        date=timezone.now() - timedelta(days=2),
        place="Stadtteilzentrum",
        **fields,
    )


# --- answer_comment ----------------------------------------------------------------------------------------------


def test_an_answer_is_stored_logged_and_marked_with_the_next_version(plan, paragraphs, comment, moderator):
    answer = answers.answer_comment(
        comment=comment, user=moderator, outcome=AnswerOutcome.ADOPTED, reasoning="  Wird ergänzt.  "
    )
    assert (answer.outcome, answer.reasoning, answer.answered_by) == (AnswerOutcome.ADOPTED, "Wird ergänzt.", moderator)
    assert answer.resulting_version is None
    entry = ModelLogEntry.objects.get(action=AnswerLogAction.ANSWER, object_id=str(comment.pk))
    assert entry.data["reason"] == "Wird ergänzt." and entry.user == moderator

    first = paragraphs[0]
    publish_chapters(plan, [("Sprachförderung", [(str(first.key), first.text + " Eltern werden einbezogen.")])])
    answer.refresh_from_db()
    assert answer.resulting_version == PlanVersion.objects.get(page=plan, number=2)


def test_a_corrected_answer_keeps_the_version_it_led_to(plan, paragraphs, comment, moderator):
    answers.answer_comment(comment=comment, user=moderator, outcome=AnswerOutcome.ADOPTED, reasoning="Ja.")
    first = paragraphs[0]
    publish_chapters(plan, [("Sprachförderung", [(str(first.key), "Ein neuer Text.")])])
    answer = answers.answer_comment(
        comment=comment, user=moderator, outcome=AnswerOutcome.PARTLY, reasoning="Nur teilweise."
    )
    assert CommentAnswer.objects.count() == 1
    assert (answer.outcome, answer.resulting_version.number) == (AnswerOutcome.PARTLY, 2)
    assert ModelLogEntry.objects.filter(action=AnswerLogAction.CHANGE, object_id=str(comment.pk)).count() == 1


@pytest.mark.parametrize("role", ["participant", "council"])
def test_only_staff_answer(comment, user, council_member, role):
    person = user if role == "participant" else council_member
    with pytest.raises(PermissionDenied):
        answers.answer_comment(comment=comment, user=person, outcome=AnswerOutcome.NOTED, reasoning="Gelesen.")
    assert not CommentAnswer.objects.exists()


@pytest.mark.parametrize(
    ("outcome", "reasoning", "field"),
    [("adopted", "   ", "reasoning"), ("adopted", "x" * 5001, "reasoning"), ("vielleicht", "Gut.", "outcome")],
)
def test_an_answer_needs_a_known_outcome_and_a_reasoning(comment, moderator, outcome, reasoning, field):
    with pytest.raises(ValidationError) as error:
        answers.answer_comment(comment=comment, user=moderator, outcome=outcome, reasoning=reasoning)
    assert field in error.value.message_dict
    assert not CommentAnswer.objects.exists()


def test_comments_on_proposals_are_not_answered_here(moderator, consultation_index):
    proposal_comment = CommentFactory()
    with pytest.raises(ValidationError):
        answers.answer_comment(comment=proposal_comment, user=moderator, outcome="noted", reasoning="Gelesen.")
    assert not CommentAnswer.objects.exists()


# --- record_analog_comment ---------------------------------------------------------------------------------------


def analog(paragraph, recorded_by, **data) -> Comment:
    return answers.record_analog_comment(paragraph=paragraph, recorded_by=recorded_by, data=data)


def test_an_analog_amendment_from_a_workshop_counts_at_once(plan, paragraphs, moderator, organisation):
    event = make_event(plan)
    comment = analog(
        paragraphs[1],
        moderator,
        channel=Channel.EVENT,
        event=event,
        text="Kurse auch am Abend.",
        proposed_text="Kurse für Erwachsene, auch am Abend.",
        organisation=organisation,
    )
    assert comment.state == CommentState.PUBLISHED and comment.reviewed_by == moderator
    assert comment.version == PlanVersion.objects.get(page=plan, number=1)
    assert comment.created_at == event.date and comment.recorded_by == moderator and comment.author is None
    paragraph = PlanParagraph.objects.get(pk=paragraphs[1].pk)
    assert (paragraph.comment_count, paragraph.amendment_count, paragraph.statement_count) == (1, 1, 0)
    assert counters.mismatches() == []
    assert selectors.contributor_label(comment) == organisation.name


def test_a_council_statement_from_its_meeting_counts_as_a_statement(plan, paragraphs, moderator, district):
    event = make_event(plan, kind=EventKind.COUNCIL_MEETING, title="Sitzung Linden-Limmer")
    comment = analog(
        paragraphs[0],
        moderator,
        channel=Channel.COUNCIL_MEETING,
        event=event,
        text="Wir stimmen zu.",
        statement_district=district,
    )
    paragraph = PlanParagraph.objects.get(pk=paragraphs[0].pk)
    assert (paragraph.comment_count, paragraph.statement_count) == (1, 1)
    assert selectors.contributor_label(comment) == f"Integrationsbeirat {district.name}"
    assert selectors.kind_label(comment) == "Stellungnahme"


def test_a_letter_without_a_name_is_from_an_individual(paragraphs, moderator):
    comment = analog(paragraphs[0], moderator, channel=Channel.PAPER, text="Mehr Kitaplätze.")
    assert selectors.contributor_label(comment) == "Einzelperson"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"channel": Channel.ONLINE, "text": "Online?"}, "channel"),
        ({"channel": Channel.PAPER, "text": "  "}, "text"),
        ({"channel": Channel.PAPER, "text": "Gleich.", "proposed_text": "Kurse für Erwachsene."}, "proposed_text"),
    ],
)
def test_analog_entry_refuses_bad_input(paragraphs, moderator, data, field):
    with pytest.raises(ValidationError) as error:
        analog(paragraphs[1], moderator, **data)
    assert field in error.value.message_dict
    assert not Comment.objects.exists()


def test_an_event_of_another_consultation_is_refused(plan, paragraphs, moderator):
    other = make_plan(title="Anderer Entwurf", slug="anderer-entwurf")
    event = make_event(other)
    with pytest.raises(ValidationError) as error:
        analog(paragraphs[0], moderator, channel=Channel.EVENT, event=event, text="x")
    assert "event" in error.value.message_dict
    assert not Comment.objects.exists()


def test_only_staff_enter_analog_comments(paragraphs, user):
    with pytest.raises(PermissionDenied):
        analog(paragraphs[0], user, channel=Channel.PAPER, text="x")
    assert not Comment.objects.exists()


def test_a_removed_paragraph_takes_no_analog_comment(plan, paragraphs, moderator):
    first = paragraphs[0]
    publish_chapters(plan, [("Sprachförderung", [(str(first.key), first.text)])])
    with pytest.raises(ValidationError):
        analog(paragraphs[1], moderator, channel=Channel.PAPER, text="x")


# --- The admin: list, answer form, analog form -------------------------------------------------------------------


@pytest.fixture
def mixed(plan, paragraphs, moderator, organisation, district):
    """A comment, an amendment by an organisation, an analog council statement, one of them answered."""
    plain = paragraph_comment(paragraphs[0], factories.UserFactory(), "Mehr Sprachkurse in Kitas.")
    amendment = paragraph_comment(
        paragraphs[2],
        factories.UserFactory(),
        "Schneller anerkennen.",
        proposed_text="Abschlüsse werden binnen drei Monaten anerkannt.",
        organisation=organisation,
    )
    statement = analog(
        paragraphs[1],
        moderator,
        channel=Channel.COUNCIL_MEETING,
        text="Der Beirat unterstützt das.",
        statement_district=district,
    )
    answers.answer_comment(comment=plain, user=moderator, outcome=AnswerOutcome.NOTED, reasoning="Schon vorgesehen.")
    return {"plain": plain, "amendment": amendment, "statement": statement}


def test_the_list_shows_every_contribution_with_who_and_answer(staff, plan, mixed, organisation, district):
    page = staff.get(list_url(plan)).content.decode()
    assert "Mehr Sprachkurse in Kitas." in page and "Einzelperson" in page
    assert "Abschlüsse werden binnen drei Monaten anerkannt." in page and organisation.name in page
    assert f"Integrationsbeirat {district.name}" in page
    assert "Schon vorgesehen." in page and "zur Kenntnis genommen" in page
    assert "Analogen Beitrag erfassen" in page


@pytest.mark.parametrize(
    ("params", "shown", "hidden"),
    [
        ({"answered": "open"}, ["Schneller anerkennen.", "Der Beirat"], ["Mehr Sprachkurse"]),
        ({"answered": "answered"}, ["Mehr Sprachkurse"], ["Schneller anerkennen.", "Der Beirat"]),
        ({"kind": "amendment"}, ["Schneller anerkennen."], ["Mehr Sprachkurse", "Der Beirat"]),
        ({"kind": "statement"}, ["Der Beirat"], ["Mehr Sprachkurse", "Schneller anerkennen."]),
        ({"kind": "comment"}, ["Mehr Sprachkurse"], ["Schneller anerkennen.", "Der Beirat"]),
        ({"channel": "analog"}, ["Der Beirat"], ["Mehr Sprachkurse", "Schneller anerkennen."]),
        ({"channel": "online"}, ["Mehr Sprachkurse", "Schneller anerkennen."], ["Der Beirat"]),
        ({"chapter": "2"}, ["Schneller anerkennen."], ["Mehr Sprachkurse", "Der Beirat"]),
    ],
)
def test_the_list_filters(staff, plan, mixed, params, shown, hidden):
    page = staff.get(list_url(plan, **params)).content.decode()
    for text in shown:
        assert text in page
    for text in hidden:
        assert text not in page


@pytest.mark.parametrize("params", [{"chapter": "99"}, {"chapter": "x"}, {"kind": "<b>"}, {"p": "999"}, {"p": "-1"}])
def test_odd_filter_values_are_no_error(staff, plan, mixed, params):
    response = staff.get(list_url(plan, **params))
    assert response.status_code == 200


def test_answering_through_the_admin_returns_to_the_filtered_list(staff, plan, mixed, moderator):
    back = list_url(plan, answered="open", kind="amendment")
    amendment = mixed["amendment"]
    form = staff.get(answer_url(plan, amendment) + "?next=" + back.replace("?", "%3F").replace("&", "%26"))
    assert form.status_code == 200
    assert "binnen drei Monaten" in form.content.decode()
    response = staff.post(
        answer_url(plan, amendment), {"outcome": "partly", "reasoning": "Frist: sechs Monate.", "next": back}
    )
    assert response.status_code == 302 and response["Location"] == back
    answer = CommentAnswer.objects.get(comment=amendment)
    assert (answer.outcome, answer.reasoning, answer.answered_by) == ("partly", "Frist: sechs Monate.", moderator)


def test_a_foreign_next_address_is_not_followed(staff, plan, mixed):
    response = staff.post(
        answer_url(plan, mixed["amendment"]),
        {"outcome": "noted", "reasoning": "Gelesen.", "next": "https://example.com/"},
    )
    assert response["Location"] == list_url(plan)


def test_an_answer_without_reasoning_shows_the_error_and_stores_nothing(staff, plan, mixed):
    response = staff.post(answer_url(plan, mixed["amendment"]), {"outcome": "adopted", "reasoning": ""})
    assert response.status_code == 400
    assert "Es wurde nichts gespeichert" in response.content.decode()
    assert not CommentAnswer.objects.filter(comment=mixed["amendment"]).exists()


def test_forged_ids_are_not_found(staff, plan, mixed, consultation_index):
    other = make_plan(title="Anderer Entwurf", slug="anderer-entwurf")
    proposal_comment = CommentFactory()
    assert staff.get(reverse("plan-answers:list", args=[999999])).status_code == 404
    huge = "99999999999999999999999"
    assert staff.get(f"/admin/plan-answers/{huge}/").status_code == 404
    assert staff.get(f"/admin/plan-answers/{plan.pk}/abwaegen/{huge}/").status_code == 404
    assert staff.get(f"/admin/plan-answers/{huge}/analog/").status_code == 404
    assert staff.get(reverse("plan-answers:list", args=[plan.get_parent().pk])).status_code == 404
    assert staff.get(reverse("plan-answers:answer", args=[other.pk, mixed["plain"].pk])).status_code == 404
    assert staff.get(reverse("plan-answers:answer", args=[plan.pk, proposal_comment.pk])).status_code == 404
    response = staff.post(reverse("plan-answers:answer", args=[plan.pk, 2**62]), {"outcome": "noted", "reasoning": "x"})
    assert response.status_code == 404
    assert CommentAnswer.objects.count() == 1


def test_people_without_staff_rights_are_refused(client_for, user, admin_without_rights, plan, mixed):
    urls = [list_url(plan), answer_url(plan, mixed["amendment"]), analog_url(plan), reverse("plan-answers:index")]
    for url in urls:
        refused = client_for(admin_without_rights).get(url)
        assert refused.status_code in (302, 403)
        if refused.status_code == 302:
            assert refused["Location"] == reverse("wagtailadmin_home"), "Wagtail's answer to PermissionDenied"
        response = client_for(user).get(url)
        assert response.status_code == 302 and "login" in response["Location"]
    client_for(admin_without_rights).post(answer_url(plan, mixed["amendment"]), {"outcome": "noted", "reasoning": "x"})
    client_for(user).post(analog_url(plan), {"target": mixed["plain"].paragraph_id, "channel": "paper", "text": "x"})
    assert CommentAnswer.objects.count() == 1
    assert Comment.objects.count() == 3


def test_the_analog_form_records_and_keeps_the_origin_for_the_next(staff, plan, paragraphs):
    event = make_event(plan)
    form = staff.get(analog_url(plan)).content.decode()
    assert "1.1 – Alle Kinder erhalten" in form
    response = staff.post(
        analog_url(plan),
        {
            "target": paragraphs[2].pk,
            "channel": "event",
            "event": event.pk,
            "text": "Schneller!",
            "save-and-add": "1",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == analog_url(plan) + f"?channel=event&event={event.pk}"
    comment = Comment.objects.get()
    assert (comment.paragraph_id, comment.event, comment.channel) == (paragraphs[2].pk, event, "event")


def test_the_analog_form_refuses_a_paragraph_of_another_draft(staff, plan, paragraphs):
    other = make_plan(title="Anderer Entwurf", slug="anderer-entwurf")
    foreign = PlanParagraph.objects.filter(page=other).first()
    response = staff.post(analog_url(plan), {"target": foreign.pk, "channel": "paper", "text": "x"})
    assert response.status_code == 400
    assert "Es wurde nichts gespeichert" in response.content.decode()
    huge = staff.post(analog_url(plan), {"target": "9" * 23, "channel": "paper", "event": "9" * 23, "text": "x"})
    assert huge.status_code == 400
    assert not Comment.objects.exists()


def test_the_draft_page_admin_links_to_the_abwaegung(staff, plan, mixed):
    edit = staff.get(reverse("wagtailadmin_pages:edit", args=[plan.pk])).content.decode()
    assert list_url(plan) in edit
    index = staff.get(reverse("plan-answers:index")).content.decode()
    assert list_url(plan) in index and plan.title in index


def test_the_list_costs_the_same_queries_for_20_and_200_comments(staff, plan, paragraphs, moderator, organisation):
    people = [factories.UserFactory() for _ in range(3)]

    def build(n):
        have = Comment.objects.count()
        for i in range(have, n):
            comment = paragraph_comment(
                paragraphs[i % 3],
                people[i % 3],
                f"Beitrag {i}",
                proposed_text=f"Neu {i}" if i % 4 == 0 else "",
                organisation=organisation if i % 2 else None,
            )
            if i % 3 == 0:
                CommentAnswer.objects.create(
                    comment=comment, outcome="noted", reasoning="Gelesen.", answered_by=moderator
                )

    count = assert_constant_queries(build, lambda: staff.get(list_url(plan)), sizes=(20, 200))
    assert count <= 20
