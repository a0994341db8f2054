"""Transcribing a workshop's paper forms by keyboard: the origin is remembered, the cursor waits in the title."""

import re

import pytest
from django import forms
from django.urls import reverse
from wagtail.admin.widgets import BaseChooser

from consultation.models import AnalogTally, Channel, Proposal
from consultation.workspace.analog_entry import AnalogProposalForm
from tests.consultation.factories import EventFactory, ProposalFactory

ADD = "consultation-proposals:add"
TALLY_ADD = "consultation-tallies:add"
PAPER_FORMS = [
    ("Sprachcafé im Stadtteilzentrum", "Einmal pro Woche, mit Kinderbetreuung."),
    ("Mehrsprachige Elternabende", "Dolmetschende für die Elternabende an Grundschulen."),
    ("Beratung am Samstag", "Die Migrationsberatung auch samstags öffnen."),
]


@pytest.fixture
def workshop(consultation, district):
    return EventFactory(consultation=consultation, title="Workshop Ankommen in Linden", district=district)


def rendered_form(response) -> str:
    html = response.content.decode()
    return html[html.index('id="w-editor-form"') :]


def autofocused(response) -> list[str]:
    tags = re.findall(r"<(?:input|select|textarea)\b[^>]*>", rendered_form(response))
    return [re.search(r'\sname="([\w-]+)"', tag).group(1) for tag in tags if re.search(r"\sautofocus\b", tag)]


def first_submit_button(response) -> str:
    return re.search(r"<button[^>]*type=\"submit\"[^>]*>", rendered_form(response), re.DOTALL).group(0)


def kept_values(form) -> dict:
    """What the next, empty form already holds – as the browser would send it back."""
    return {name: form[name].value() or "" for name in ("consultation", "channel", "event", "received_at")}


def test_three_paper_proposals_are_entered_in_a_row_keeping_event_and_channel(staff, consultation, topic, workshop):
    page = staff.get(reverse(ADD))
    origin = {"consultation": consultation.pk, "channel": Channel.EVENT, "event": workshop.pk, "received_at": ""}

    for title, text in PAPER_FORMS:
        data = {**origin, "title": title, "text": text, "topic": topic.pk, "on_behalf": "anonymous"}
        response = staff.post(reverse(ADD), {**data, "save-and-add": "1"})
        assert response.status_code == 302
        page = staff.get(response["Location"])
        origin = kept_values(page.context["form"])  # the next entry only adds what changes

    proposals = list(Proposal.objects.order_by("reference"))
    assert [p.title for p in proposals] == [title for title, _text in PAPER_FORMS]
    assert {(p.channel, p.event_id, p.consultation_id) for p in proposals} == {
        (Channel.EVENT, workshop.pk, consultation.pk)
    }
    assert all(p.recorded_by is not None for p in proposals)
    assert origin["event"] == str(workshop.pk) and origin["channel"] == Channel.EVENT


def test_after_save_and_add_the_cursor_waits_in_the_empty_title(staff, consultation, topic, workshop):
    data = {
        "consultation": consultation.pk,
        "channel": Channel.EVENT,
        "event": workshop.pk,
        "title": "Eins",
        "text": "Text",
        "topic": topic.pk,
        "on_behalf": "anonymous",
        "save-and-add": "1",
    }
    next_page = staff.get(staff.post(reverse(ADD), data)["Location"])

    assert autofocused(next_page) == ["title"]
    assert not next_page.context["form"]["title"].value()


def test_the_date_of_receipt_is_remembered_too(staff, consultation, topic, workshop):
    data = {
        "consultation": consultation.pk,
        "channel": Channel.PAPER,
        "received_at": "2026-03-14 10:00",
        "title": "Eins",
        "text": "Text",
        "topic": topic.pk,
        "on_behalf": "anonymous",
        "save-and-add": "1",
    }
    next_form = staff.get(staff.post(reverse(ADD), data)["Location"]).context["form"]

    assert next_form["received_at"].value() == "2026-03-14 10:00"


def test_a_fresh_form_starts_in_the_first_field_still_empty(staff, consultation):
    page = staff.get(reverse(ADD))

    assert autofocused(page) == ["channel"]  # the only running consultation is already chosen


def test_a_refused_entry_puts_the_cursor_on_the_first_error(staff, consultation, topic):
    data = {
        "consultation": consultation.pk,
        "channel": Channel.PAPER,
        "title": "",
        "text": "Text",
        "topic": topic.pk,
        "on_behalf": "anonymous",
        "save-and-add": "1",
    }

    page = staff.post(reverse(ADD), data)

    assert page.status_code == 200
    assert autofocused(page) == ["title"]
    assert not Proposal.objects.exists()


def test_enter_and_ctrl_s_save_and_open_the_next_form(staff, consultation):
    """The first submit button of the form is what Enter in a text field presses; Ctrl/Cmd+S presses it too."""
    button = first_submit_button(staff.get(reverse(ADD)))

    assert 'name="save-and-add"' in button
    assert 'data-w-kbd-key-value="mod+s"' in button


@pytest.mark.parametrize("url_name", [ADD, TALLY_ADD, "consultation-events:add"])
def test_the_forms_use_plain_fields_and_no_choosers(staff, consultation, url_name):
    form = staff.get(reverse(url_name)).context["form"]

    choosers = [name for name, field in form.fields.items() if isinstance(field.widget, BaseChooser)]
    assert choosers == []
    for name in ("consultation", "channel", "event", "topic", "district", "organisation"):
        if name in form.fields:
            assert isinstance(form.fields[name].widget, forms.Select), name


def test_the_proposal_form_asks_origin_then_content_then_author(staff, consultation):
    html = rendered_form(staff.get(reverse(ADD)))
    order = AnalogProposalForm.Meta.fields
    assert order.index("channel") < order.index("title") < order.index("author_name")

    positions = [html.index(f'name="{name}"') for name in order]

    assert positions == sorted(positions)


def test_tallies_are_entered_in_a_row_keeping_the_event(staff, consultation, workshop):
    proposals = [ProposalFactory(consultation=consultation) for _ in range(3)]
    event = workshop.pk

    for count, proposal in enumerate(proposals, start=5):
        response = staff.post(
            reverse(TALLY_ADD), {"event": event, "proposal": proposal.reference, "count": count, "save-and-add": "1"}
        )
        page = staff.get(response["Location"])
        assert autofocused(page) == ["proposal"]
        event = page.context["form"]["event"].value()

    assert sorted(AnalogTally.objects.values_list("count", flat=True)) == [5, 6, 7]
    assert set(AnalogTally.objects.values_list("event_id", flat=True)) == {workshop.pk}


def test_a_new_event_form_starts_in_its_first_field(staff, db):
    assert autofocused(staff.get(reverse("consultation-events:add"))) == ["consultation"]
