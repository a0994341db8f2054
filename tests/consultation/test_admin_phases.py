"""The page editor refuses phases that cannot be: wrong dates, missing dates, overlaps, a wrong order.

The tests post to Wagtail's own page create and edit views with the inline formset data the editor sends, and check
that the error stands on the phase's field and that nothing was stored.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from wagtail.models import Revision
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from consultation.models import ConsultationPage, Phase

BERLIN = ZoneInfo("Europe/Berlin")
DAY = timedelta(days=1)
T0 = datetime(2026, 5, 4, 9, 0, tzinfo=BERLIN)


def _dt(moment: datetime | None) -> str:
    return "" if moment is None else moment.astimezone(BERLIN).strftime("%Y-%m-%d %H:%M")


def phase(type_="submission", title="Vorschläge sammeln", start=T0, end=T0 + 10 * DAY, **extra) -> dict:
    return {"type": type_, "title": title, "description": "", "start": _dt(start), "end": _dt(end), **extra}


def page_post_data(phases: list[dict], *, initial: int = 0, publish: bool = True, **fields) -> dict:
    data = {
        "title": "Sprache und Bildung",
        "slug": "sprache-und-bildung",
        "teaser": "Wie kann Hannover das Deutschlernen besser unterstützen?",
        "body": streamfield([]),
        "vote_budget": "5",
        "moderation_mode": "post",
        "suggested_tags": "Sprachcafé, Kita",
        "phases": inline_formset(phases, initial=initial, min=1),
        "comments": inline_formset([]),
        **fields,
    }
    post = nested_form_data(data)
    if publish:
        post["action-publish"] = "action-publish"
    return post


@pytest.fixture
def editor(client, moderator):
    client.force_login(moderator)
    return client


@pytest.fixture
def add_url(consultation_index):
    return reverse("wagtailadmin_pages:add", args=("consultation", "consultationpage", consultation_index.pk))


def phase_errors(response, index: int) -> dict:
    return response.context["form"].formsets["phases"].forms[index].errors


def assert_refused(response, index: int, field: str, text: str):
    assert response.status_code == 200, "an invalid form is shown again, not saved and redirected"
    errors = phase_errors(response, index)
    assert field in errors, errors
    assert any(text in message for message in errors[field]), errors[field]
    assert text in response.content.decode()


# --- Create --------------------------------------------------------------------------------------------------


def test_valid_phases_are_saved_in_inline_order(editor, add_url):
    phases = [
        phase("information", "Informieren", T0, T0 + 7 * DAY),
        phase("submission", "Vorschläge sammeln", T0 + 7 * DAY, T0 + 21 * DAY),
        phase("voting", "Abstimmen", T0 + 21 * DAY, T0 + 28 * DAY),
    ]
    response = editor.post(add_url, page_post_data(phases))

    assert response.status_code == 302, response.context and response.context["form"].errors
    page = ConsultationPage.objects.get(slug="sprache-und-bildung")
    assert page.live
    stored = list(page.phases.order_by("sort_order").values_list("type", "start", "end"))
    assert stored == [
        ("information", T0, T0 + 7 * DAY),
        ("submission", T0 + 7 * DAY, T0 + 21 * DAY),
        ("voting", T0 + 21 * DAY, T0 + 28 * DAY),
    ]


def test_phase_times_are_read_as_berlin_time(editor, add_url):
    response = editor.post(
        add_url, page_post_data([{**phase(), "start": "2026-07-01 09:00", "end": "2026-07-10 18:00"}])
    )

    assert response.status_code == 302
    stored = Phase.objects.get(page__slug="sprache-und-bildung")
    assert stored.start == datetime(2026, 7, 1, 9, 0, tzinfo=BERLIN)  # summer time: 07:00 UTC
    assert stored.end == datetime(2026, 7, 10, 18, 0, tzinfo=BERLIN)


def test_end_before_start_is_refused_on_the_end_field(editor, add_url):
    response = editor.post(add_url, page_post_data([phase(start=T0, end=T0 - DAY)]))

    assert_refused(response, 0, "end", "Das Ende muss nach dem Beginn der Phase liegen.")
    assert not ConsultationPage.objects.filter(slug="sprache-und-bildung").exists()
    # The model's generic constraint message is not shown in addition.
    assert not phase_errors(response, 0).get("__all__")


def test_end_equal_to_start_is_refused(editor, add_url):
    response = editor.post(add_url, page_post_data([phase(start=T0, end=T0)]))

    assert_refused(response, 0, "end", "Das Ende muss nach dem Beginn der Phase liegen.")
    assert not ConsultationPage.objects.filter(slug="sprache-und-bildung").exists()


def test_start_without_end_is_refused_on_the_end_field(editor, add_url):
    response = editor.post(add_url, page_post_data([phase(start=T0, end=None)]))

    assert_refused(response, 0, "end", "Bitte geben Sie das Ende der Phase an.")
    assert not ConsultationPage.objects.filter(slug="sprache-und-bildung").exists()


def test_end_without_start_is_refused_on_the_start_field(editor, add_url):
    response = editor.post(add_url, page_post_data([phase(start=None, end=T0)]))

    assert_refused(response, 0, "start", "Bitte geben Sie den Beginn der Phase an.")
    assert not ConsultationPage.objects.filter(slug="sprache-und-bildung").exists()


def test_start_without_end_is_refused_also_when_saving_a_draft(editor, add_url):
    response = editor.post(add_url, page_post_data([phase(start=T0, end=None)], publish=False))

    assert_refused(response, 0, "end", "Bitte geben Sie das Ende der Phase an.")
    assert not ConsultationPage.objects.filter(slug="sprache-und-bildung").exists()


def test_overlapping_phases_are_refused_on_the_later_start(editor, add_url):
    phases = [
        phase("submission", "Vorschläge sammeln", T0, T0 + 10 * DAY),
        phase("voting", "Abstimmen", T0 + 9 * DAY, T0 + 20 * DAY),
    ]
    response = editor.post(add_url, page_post_data(phases))

    assert_refused(response, 1, "start", "überschneidet sich mit der Phase „Vorschläge sammeln“")
    assert not phase_errors(response, 0)
    assert not ConsultationPage.objects.filter(slug="sprache-und-bildung").exists()


def test_overlap_with_a_phase_that_is_not_the_neighbour_is_found(editor, add_url):
    phases = [
        phase("information", "Informieren", T0, T0 + 30 * DAY),
        phase("submission", "Vorschläge sammeln", T0 + 30 * DAY, T0 + 40 * DAY),
        phase("voting", "Abstimmen", T0 + 40 * DAY, T0 + 50 * DAY),
        phase("results", "Ergebnisse", T0 + 60 * DAY, T0 + 70 * DAY),
    ]
    phases[1]["start"] = _dt(T0 + 20 * DAY)  # reaches back into "Informieren"
    response = editor.post(add_url, page_post_data(phases))

    assert_refused(response, 1, "start", "überschneidet sich mit der Phase „Informieren“")


def test_adjacent_phases_sharing_a_moment_are_allowed(editor, add_url):
    phases = [
        phase("submission", "Vorschläge sammeln", T0, T0 + 10 * DAY),
        phase("voting", "Abstimmen", T0 + 10 * DAY, T0 + 20 * DAY),
    ]
    response = editor.post(add_url, page_post_data(phases))

    assert response.status_code == 302
    assert Phase.objects.filter(page__slug="sprache-und-bildung").count() == 2


def test_phases_out_of_chronological_order_are_refused(editor, add_url):
    phases = [
        phase("voting", "Abstimmen", T0 + 20 * DAY, T0 + 30 * DAY),
        phase("submission", "Vorschläge sammeln", T0, T0 + 10 * DAY),
    ]
    response = editor.post(add_url, page_post_data(phases))

    assert_refused(response, 1, "start", "Die Phasen müssen in zeitlicher Reihenfolge stehen")
    assert not ConsultationPage.objects.filter(slug="sprache-und-bildung").exists()


def test_the_order_field_decides_the_inline_order(editor, add_url):
    """Forms arrive in any order; ORDER (set when the editor drags a phase) is what counts."""
    phases = [
        phase("voting", "Abstimmen", T0 + 20 * DAY, T0 + 30 * DAY, ORDER="1"),
        phase("submission", "Vorschläge sammeln", T0, T0 + 10 * DAY, ORDER="0"),
    ]
    response = editor.post(add_url, page_post_data(phases))

    assert response.status_code == 302
    page = ConsultationPage.objects.get(slug="sprache-und-bildung")
    assert list(page.phases.order_by("sort_order").values_list("type", flat=True)) == ["submission", "voting"]


def test_a_phase_marked_for_deletion_is_not_checked(editor, add_url):
    phases = [
        phase("submission", "Vorschläge sammeln", T0, T0 + 10 * DAY),
        phase("voting", "Abstimmen", T0 + 5 * DAY, T0 + 1 * DAY, DELETE="on"),
    ]
    response = editor.post(add_url, page_post_data(phases))

    assert response.status_code == 302
    assert list(Phase.objects.filter(page__slug="sprache-und-bildung").values_list("type", flat=True)) == ["submission"]


# --- Edit ----------------------------------------------------------------------------------------------------


def _existing_phases(page) -> list[dict]:
    return [phase(p.type, p.title, p.start, p.end, id=str(p.pk)) for p in page.phases.order_by("sort_order")]


def test_editing_a_phase_to_overlap_is_refused_and_nothing_changes(editor, consultation):
    before = list(consultation.phases.order_by("sort_order").values_list("pk", "start", "end"))
    revisions = Revision.objects.for_instance(consultation).count()
    phases = _existing_phases(consultation)
    phases[3]["start"] = _dt(consultation.phases.get(type="discussion").start)  # voting starts with discussion
    url = reverse("wagtailadmin_pages:edit", args=(consultation.pk,))
    data = page_post_data(phases, initial=len(phases), title=consultation.title, slug=consultation.slug)

    response = editor.post(url, data)

    assert_refused(response, 3, "start", "überschneidet sich mit der Phase „Diskutieren“")
    assert list(consultation.phases.order_by("sort_order").values_list("pk", "start", "end")) == before
    assert Revision.objects.for_instance(consultation).count() == revisions


def test_editing_phases_to_a_valid_schedule_is_saved(editor, consultation):
    phases = _existing_phases(consultation)
    results = consultation.phases.get(type="results")
    phases[-1]["end"] = _dt(results.end + 30 * DAY)
    url = reverse("wagtailadmin_pages:edit", args=(consultation.pk,))
    data = page_post_data(phases, initial=len(phases), title=consultation.title, slug=consultation.slug)

    response = editor.post(url, data)

    assert response.status_code == 302
    results.refresh_from_db()
    assert results.end == datetime.fromisoformat(phases[-1]["end"]).replace(tzinfo=BERLIN)
    assert consultation.phases.count() == 6


def test_the_editor_for_a_new_consultation_renders(editor, add_url):
    response = editor.get(add_url)

    assert response.status_code == 200
    assert "phases-TOTAL_FORMS" in response.content.decode()
