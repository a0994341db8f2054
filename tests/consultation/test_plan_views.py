"""The plan draft's public pages: the overview, a paragraph's page, commenting, amending, statements, and editing,
deleting and reporting a paragraph comment."""

import re

import pytest
from django.utils import timezone

from consultation.counters import mismatches
from consultation.models import (
    AnswerOutcome,
    Channel,
    Comment,
    CommentAnswer,
    CommentState,
    ContentReport,
    ModerationMode,
    PhaseType,
    PlanParagraph,
)
from tests.consultation.factories import ConsultationPageFactory, EventFactory
from tests.consultation.plan_support import make_plan, paragraph_comment, publish_chapters, text_review_schedule
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def paragraphs(page):
    return list(PlanParagraph.objects.filter(page=page).order_by("position"))


def url_of(paragraph, action=""):
    return paragraph.get_absolute_url() + (f"{action}/" if action else "")


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def amend(paragraph, proposed_text: str, **fields):
    """An amendment by someone on the version the paragraph's draft has now."""
    return paragraph_comment(
        paragraph, UserFactory(), proposed_text=proposed_text, version=paragraph.page.versions.get(), **fields
    )


# --- Overview --------------------------------------------------------------------


def test_overview_shows_chapters_paragraphs_and_counts_to_anonymous(client, plan):
    first, _second, _third = paragraphs(plan)
    paragraph_comment(first, UserFactory(), proposed_text="Alle Kinder bekommen früh Sprachförderung.")
    response = client.get(plan.url)
    html = text_of(response)
    assert response.status_code == 200
    assert "Sprachförderung" in html and "Arbeitsmarktintegration" in html
    assert "1.1" in html and "2.1" in html and "Kurse für Erwachsene." in html
    assert "1 Kommentar" in html and "davon 1 Änderungsvorschlag" in html
    assert "Was Sie jetzt tun können" in html
    assert "Jetzt anmelden" in html  # anonymous: the login link with the offer
    assert first.get_absolute_url() in html


def test_overview_leaves_out_removed_paragraphs(client, plan):
    first, _second, third = paragraphs(plan)
    publish_chapters(
        plan, [("Sprachförderung", [(str(first.key), first.text)]), ("Arbeit", [(str(third.key), third.text)])]
    )
    html = text_of(client.get(plan.url))
    assert "Kurse für Erwachsene." not in html
    assert "Fassungen vergleichen" in html  # two versions now


def test_overview_offers_commenting_to_participant_and_statement_to_council(client_for, plan, user, council_member):
    html = text_of(client_for(user).get(plan.url))
    assert "Beim ersten Absatz beginnen" in html and "Jetzt anmelden" not in html
    assert "Stellungnahme Ihres Beirats" not in html
    html = text_of(client_for(council_member).get(plan.url))
    assert "eine Stellungnahme Ihres Beirats veröffentlichen" in html


def test_overview_after_the_text_review_says_why_not(client_for, consultation_index, user):
    consultation = ConsultationPageFactory(phases=text_review_schedule(PhaseType.EVALUATION))
    page = make_plan(consultation)
    html = text_of(client_for(user).get(page.url))
    assert "In der aktuellen Phase ist das nicht möglich." in html
    assert "Beim ersten Absatz beginnen" not in html


def test_overview_before_the_text_review_gives_the_date(client_for, consultation_index, user):
    consultation = ConsultationPageFactory(phases=text_review_schedule(PhaseType.INFORMATION))
    page = make_plan(consultation)
    html = text_of(client_for(user).get(page.url))
    assert "Das ist ab" in html


# --- Paragraph page --------------------------------------------------------------


def test_paragraph_page_for_anonymous_shows_text_neighbours_and_login(client, plan):
    first, second, third = paragraphs(plan)
    html = text_of(client.get(url_of(second)))
    assert "Absatz 1.2" in html and "Kurse für Erwachsene." in html and "Kapitel 1:" in html
    assert url_of(first) in html and url_of(third) in html
    assert "Jetzt anmelden" in html and 'name="text"' not in html


def test_paragraph_page_for_participant_has_comment_form_with_current_text(client_for, plan, user):
    first = paragraphs(plan)[0]
    html = text_of(client_for(user).get(url_of(first)))
    assert 'name="text"' in html and 'name="proposed_text"' in html
    assert "Aktueller Text des Absatzes zum Vergleich" in html
    assert 'name="organisation"' not in html  # represents no organisation
    assert 'name="stellungnahme-text"' not in html


def test_paragraph_page_offers_organisation_to_representative(client_for, plan, representative, organisation):
    html = text_of(client_for(representative).get(url_of(paragraphs(plan)[0])))
    assert 'name="organisation"' in html and organisation.name in html


def test_paragraph_page_for_council_member_has_statement_form(client_for, plan, council_member, district):
    html = text_of(client_for(council_member).get(url_of(paragraphs(plan)[0])))
    assert 'name="stellungnahme-text"' in html
    assert f"Stellungnahme des Integrationsbeirats {district.name}" in html


def test_amendment_is_shown_as_change_against_current_text(client, plan):
    first = paragraphs(plan)[0]
    amend(first, "Alle Kinder erhalten vor der Einschulung kostenlose Sprachförderung.", text="Früher anfangen.")
    paragraph_comment(first, UserFactory(), text="Kürzer.", proposed_text="Alle Kinder erhalten Sprachförderung.")
    html = text_of(client.get(url_of(first)))
    assert "Formulierungsvorschlag" in html and "Änderungsvorschlag" in html
    assert '<ins><span class="visually-hidden">[eingefügt: </span>kostenlose' in html
    assert '<del><span class="visually-hidden">[gelöscht: </span>vor der Einschulung' in html
    assert "zu der der Vorschlag gemacht wurde" not in html  # made on the current version


def test_amendment_on_an_older_version_is_also_shown_against_that_version(client, plan):
    first = paragraphs(plan)[0]
    amend(first, "Alle Kinder erhalten ab drei Jahren Sprachförderung.")
    publish_chapters(
        plan, [("Sprachförderung", [(str(first.key), "Alle Kinder erhalten kostenlose Sprachförderung.")])]
    )
    html = text_of(client.get(url_of(first)))
    assert "Änderungen gegenüber Fassung 1, zu der der Vorschlag gemacht wurde" in html
    assert "[gelöscht: </span>kostenlose" in html  # against the current text


def test_statement_analog_comment_and_answers_with_golden_thread(client, plan, council_member, district):
    first = paragraphs(plan)[0]
    event = EventFactory(consultation=plan.get_parent().specific, title="Workshop Linden")
    statement = paragraph_comment(
        first, council_member, text="Der Beirat unterstützt das.", statement_district=district
    )
    analog = paragraph_comment(first, None, text="Vom Papierbogen.", channel=Channel.PAPER, event=event, author_name="")
    CommentAnswer.objects.create(comment=analog, outcome=AnswerOutcome.ADOPTED, reasoning="Wird übernommen.")
    CommentAnswer.objects.create(comment=statement, outcome=AnswerOutcome.NOTED, reasoning="Danke.")
    html = text_of(client.get(url_of(first)))
    assert f"Stellungnahme des Integrationsbeirats {district.name}" in html and "comment--statement" in html
    assert "Einzelperson" in html and "analog (Papierformular)" in html and "Workshop Linden" in html
    assert "Antwort der Verwaltung" in html and "Wird übernommen." in html and "zur Kenntnis genommen" in html
    thread = html.split("Diese Beiträge haben den Absatz geprägt")[1].split("</section>")[0]
    assert f"#kommentar-{analog.pk}" in thread and f"#kommentar-{statement.pk}" not in thread


def test_pending_comment_is_seen_only_by_author_and_moderators(client_for, plan, user, moderator):
    first = paragraphs(plan)[0]
    paragraph_comment(first, user, text="Noch nicht frei.", state=CommentState.PENDING)
    assert "Noch nicht frei." in text_of(client_for(user).get(url_of(first)))
    assert "Noch nicht frei." in text_of(client_for(moderator).get(url_of(first)))
    assert "Noch nicht frei." not in text_of(client_for(UserFactory()).get(url_of(first)))
    assert "Noch nicht frei." not in text_of(client_for(None).get(url_of(first)))


def test_removed_paragraph_stays_readable_but_closed(client_for, plan, user):
    first, second, _third = paragraphs(plan)
    paragraph_comment(second, UserFactory(), text="Alter Kommentar.")
    publish_chapters(plan, [("Sprachförderung", [(str(first.key), first.text)])])
    client = client_for(user)
    html = text_of(client.get(url_of(second)))
    assert "nicht mehr im Entwurf enthalten" in html and "Alter Kommentar." in html
    assert "Dieser Absatz ist in der aktuellen Fassung nicht mehr enthalten." in html
    response = client.post(url_of(second, "kommentieren"), {"text": "Noch etwas."})
    assert response.status_code == 403
    assert Comment.objects.filter(paragraph=second).count() == 1


# --- Writing ---------------------------------------------------------------------


def test_participant_comments_on_a_paragraph(client_for, plan, user):
    first = paragraphs(plan)[0]
    response = client_for(user).post(url_of(first, "kommentieren"), {"text": "Sehr gut."})
    comment = Comment.objects.get(paragraph=first)
    assert response.status_code == 302 and response["Location"].endswith(f"#kommentar-{comment.pk}")
    assert (comment.author, comment.text, comment.version.number, comment.proposed_text) == (user, "Sehr gut.", 1, "")
    first.refresh_from_db()
    assert (first.comment_count, first.amendment_count, first.statement_count) == (1, 0, 0)
    assert mismatches() == []


def test_participant_proposes_a_rewording(client_for, plan, user):
    first = paragraphs(plan)[0]
    client = client_for(user)
    response = client.post(
        url_of(first, "kommentieren"),
        {"text": "Früher.", "proposed_text": "Alle Kinder erhalten ab drei Jahren Sprachförderung."},
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.amendment_count == 1
    html = text_of(client.get(url_of(first)))
    assert "Ihr Kommentar mit Formulierungsvorschlag ist veröffentlicht." in html
    assert "[eingefügt: </span>ab" in html


def test_amendment_equal_to_current_text_is_refused(client_for, plan, user):
    first = paragraphs(plan)[0]
    response = client_for(user).post(
        url_of(first, "kommentieren"), {"text": "Gleich.", "proposed_text": "  " + first.text.replace(" ", "  ")}
    )
    assert response.status_code == 400
    assert "Ihr Formulierungsvorschlag ist gleich dem aktuellen Text." in response.content.decode()
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "data, message",
    [
        ({"text": "   "}, "Bitte schreiben Sie einen Kommentar."),
        ({"text": "x" * 2001}, "höchstens 2000 Zeichen"),
        ({"text": "Gut.", "proposed_text": "y" * 5001}, "höchstens 5000 Zeichen"),
        ({"text": "Gut.", "organisation": "99999999999999999999"}, "bestätigte Organisationen"),
    ],
)
def test_bad_comment_input_shows_errors_and_stores_nothing(client_for, plan, user, data, message):
    response = client_for(user).post(url_of(paragraphs(plan)[0], "kommentieren"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Bitte korrigieren Sie die folgenden Angaben" in html and message in html
    assert not Comment.objects.exists()


def test_representative_comments_for_the_organisation(client_for, plan, representative, organisation):
    first = paragraphs(plan)[0]
    response = client_for(representative).post(
        url_of(first, "kommentieren"), {"text": "Unser Verein stimmt zu.", "organisation": organisation.pk}
    )
    assert response.status_code == 302
    assert Comment.objects.get(paragraph=first).organisation == organisation


def test_someone_elses_organisation_is_refused(client_for, plan, user, organisation):
    response = client_for(user).post(
        url_of(paragraphs(plan)[0], "kommentieren"), {"text": "Fremd.", "organisation": organisation.pk}
    )
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_council_member_publishes_a_statement(client_for, plan, council_member, district):
    first = paragraphs(plan)[0]
    response = client_for(council_member).post(
        url_of(first, "stellungnahme"),
        {"stellungnahme-text": "Der Beirat empfiehlt das.", "stellungnahme-proposed_text": ""},
    )
    assert response.status_code == 302
    comment = Comment.objects.get(paragraph=first)
    assert comment.statement_district == district
    first.refresh_from_db()
    assert (first.comment_count, first.statement_count) == (1, 1)


def test_empty_statement_shows_error(client_for, plan, council_member):
    response = client_for(council_member).post(url_of(paragraphs(plan)[0], "stellungnahme"), {"stellungnahme-text": ""})
    assert response.status_code == 400
    assert "Bitte schreiben Sie eine Stellungnahme." in response.content.decode()
    assert not Comment.objects.exists()


def test_statement_by_participant_is_forbidden(client_for, plan, user):
    response = client_for(user).post(url_of(paragraphs(plan)[0], "stellungnahme"), {"stellungnahme-text": "Ich."})
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_anonymous_post_is_sent_to_login(client, plan):
    response = client.post(url_of(paragraphs(plan)[0], "kommentieren"), {"text": "Hallo."})
    assert response.status_code == 302 and "next=" in response["Location"]
    assert not Comment.objects.exists()


@pytest.mark.parametrize("phase", [PhaseType.INFORMATION, PhaseType.EVALUATION])
def test_post_outside_text_review_is_forbidden(client_for, consultation_index, user, phase):
    page = make_plan(ConsultationPageFactory(phases=text_review_schedule(phase)))
    first = paragraphs(page)[0]
    client = client_for(user)
    assert client.post(url_of(first, "kommentieren"), {"text": "Zu spät."}).status_code == 403
    assert not Comment.objects.exists()
    html = text_of(client.get(url_of(first)))
    assert 'name="text"' not in html and "zurzeit nicht möglich" in html


def test_moderator_may_comment_outside_the_phase(client_for, consultation_index, moderator):
    page = make_plan(ConsultationPageFactory(phases=text_review_schedule(PhaseType.EVALUATION)))
    assert (
        client_for(moderator).post(url_of(paragraphs(page)[0], "kommentieren"), {"text": "Hinweis."}).status_code == 302
    )


def test_pre_moderated_comment_waits_and_is_not_counted(client_for, consultation_index, user):
    consultation = ConsultationPageFactory(phases=text_review_schedule(), moderation_mode=ModerationMode.PRE)
    first = paragraphs(make_plan(consultation))[0]
    client = client_for(user)
    client.post(url_of(first, "kommentieren"), {"text": "Wartet."})
    comment = Comment.objects.get(paragraph=first)
    assert comment.state == CommentState.PENDING
    first.refresh_from_db()
    assert first.comment_count == 0
    assert "wartet auf Freigabe durch die Moderation" in text_of(client.get(url_of(first)))
    assert "Wartet." not in text_of(client_for(UserFactory()).get(url_of(first)))


# --- Forged addresses ------------------------------------------------------------


def test_unknown_or_malformed_paragraph_keys_are_404(client_for, plan, user):
    client = client_for(user)
    base = plan.url
    assert client.get(base + "absatz/" + "-" * 36 + "/").status_code == 404
    assert client.get(base + "absatz/00000000-0000-0000-0000-000000000000/").status_code == 404
    assert client.post(base + "absatz/" + "a" * 36 + "/kommentieren/", {"text": "x"}).status_code == 404


def test_paragraph_of_another_draft_is_404(client_for, consultation_index, plan, user):
    other = paragraphs(make_plan())[0]
    url = plan.url + f"absatz/{other.key}/"
    assert client_for(user).get(url).status_code == 404
    assert client_for(user).post(url + "kommentieren/", {"text": "x"}).status_code == 404


def test_unknown_action_is_404_and_get_on_post_action_is_405(client_for, plan, user):
    first = paragraphs(plan)[0]
    client = client_for(user)
    assert client.post(url_of(first, "abstimmen"), {}).status_code == 404
    assert client.get(url_of(first, "kommentieren")).status_code == 405
    assert client.post(first.get_absolute_url(), {"text": "x"}).status_code == 405
    assert client.post(plan.url, {}).status_code == 405


def test_comment_actions_with_forged_ids_are_404(client_for, consultation_index, plan, user):
    other_plan = make_plan()
    foreign = paragraph_comment(paragraphs(other_plan)[0], user)
    hidden = paragraph_comment(paragraphs(plan)[0], UserFactory(), state=CommentState.HIDDEN)
    client = client_for(user)
    assert client.get(plan.url + f"kommentare/{foreign.pk}/bearbeiten/").status_code == 404
    assert client.get(plan.url + f"kommentare/{hidden.pk}/melden/").status_code == 404
    assert client.get(plan.url + "kommentare/999999/loeschen/").status_code == 404
    own = paragraph_comment(paragraphs(plan)[0], user)
    assert client.get(plan.url + f"kommentare/{own.pk}/verschieben/").status_code == 404


# --- Edit, delete, report --------------------------------------------------------


def test_author_edits_a_paragraph_comment(client_for, plan, user):
    first = paragraphs(plan)[0]
    comment = paragraph_comment(first, user, text="Vorher.")
    client = client_for(user)
    url = plan.url + f"kommentare/{comment.pk}/bearbeiten/"
    page = text_of(client.get(url))
    assert "zu Absatz 1.1 des Entwurfs" in page and url_of(first) in page
    response = client.post(url, {"text": "Nachher."})
    assert response.status_code == 302 and response["Location"] == url_of(first) + f"#kommentar-{comment.pk}"
    comment.refresh_from_db()
    assert comment.text == "Nachher." and comment.edited_at is not None


def test_author_deletes_a_paragraph_comment(client_for, plan, user):
    first = paragraphs(plan)[0]
    comment = paragraph_comment(first, user, proposed_text="Neu.")
    client = client_for(user)
    url = plan.url + f"kommentare/{comment.pk}/loeschen/"
    assert "Nein, zurück zum Absatz" in text_of(client.get(url))
    assert client.post(url).status_code == 302
    comment.refresh_from_db()
    first.refresh_from_db()
    assert comment.is_deleted and (first.comment_count, first.amendment_count) == (0, 0)
    assert mismatches() == []


def test_participant_reports_a_paragraph_comment(client_for, plan, user):
    first = paragraphs(plan)[0]
    comment = paragraph_comment(first, UserFactory(), text="Unfreundlich.")
    client = client_for(user)
    html = text_of(client.get(url_of(first)))
    url = plan.url + f"kommentare/{comment.pk}/melden/"
    assert url in html
    assert "zu Absatz 1.1 des Entwurfs" in text_of(client.get(url))
    response = client.post(url, {"reason": "offensive", "text": ""})
    assert response.status_code == 302 and response["Location"] == url_of(first) + f"#kommentar-{comment.pk}"
    assert ContentReport.objects.filter(comment=comment, reporter=user).exists()
    assert url not in text_of(client.get(url_of(first)))  # reported once


def test_other_people_cannot_edit_or_delete(client_for, plan, user):
    comment = paragraph_comment(paragraphs(plan)[0], UserFactory(), text="Fremd.")
    client = client_for(user)
    assert client.post(plan.url + f"kommentare/{comment.pk}/bearbeiten/", {"text": "Gehackt."}).status_code == 403
    assert client.post(plan.url + f"kommentare/{comment.pk}/loeschen/").status_code == 403
    comment.refresh_from_db()
    assert comment.text == "Fremd." and not comment.is_deleted


def test_edit_after_the_window_is_refused(client_for, plan, user):
    comment = paragraph_comment(
        paragraphs(plan)[0], user, text="Alt.", created_at=timezone.now() - timezone.timedelta(hours=1)
    )
    response = client_for(user).post(plan.url + f"kommentare/{comment.pk}/bearbeiten/", {"text": "Neu."})
    assert response.status_code == 403
