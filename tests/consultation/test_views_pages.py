"""The consultation page, the index of consultations, event pages, and what the app adds to home and search."""

import re

import pytest

from consultation.models import Channel, Event, EventKind, ProposalState, Response, ResponseState
from tests.consultation.factories import EventFactory


@pytest.fixture
def event(consultation, clock, district, organisation):
    event = EventFactory(
        consultation=consultation,
        title="Zukunftswerkstatt Linden",
        date=clock.now,
        district=district,
        attendees=35,
        minutes="Wir haben viel gesammelt.\n\n<b>Protokoll</b>",
    )
    event.organisations.add(organisation)
    return event


# --- Consultation page -----------------------------------------------------------


def test_consultation_page_shows_teaser_topics_and_citywide(client, clock, consultation):
    response = client.get(consultation.url)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Wie kann Hannover das Deutschlernen besser unterstützen?" in body
    assert "<dd>Sprachförderung</dd>" in body
    assert "<dd>stadtweit</dd>" in body
    assert "lip/css/consultation.css" in body


def test_consultation_page_names_its_districts(client, clock, make_consultation, district, other_district):
    consultation = make_consultation(districts=[district, other_district])
    body = client.get(consultation.url).content.decode()
    assert "<dd>Mitte, Linden-Limmer</dd>" in body
    assert "<dd>stadtweit</dd>" not in body


def test_timeline_marks_the_current_phase_in_words_with_days_left(client, clock, consultation):
    body = client.get(consultation.url).content.decode()
    timeline = body.split('class="phase-timeline"', 1)[1].split("</ol>", 1)[0]
    assert timeline.count("<li") == 6
    current = re.search(r'<li class="phase phase--current" aria-current="step">(.*?)</li>', timeline, re.S).group(1)
    assert "Vorschläge sammeln" in current
    assert "Aktuelle Phase" in current
    assert "noch 5 Tage" in current
    assert timeline.count("abgeschlossen") == 1
    assert timeline.count("kommt noch") == 4


def test_what_you_can_do_now_comes_before_the_timeline_and_names_the_phase(client, clock, consultation):
    body = client.get(consultation.url).content.decode()
    assert body.index('id="now-heading"') < body.index('class="phase-timeline"')
    box = body.split('id="now-heading"', 1)[1].split("</section>", 1)[0]
    assert re.search(r"Aktuelle Phase:</strong> <span>Vorschläge sammeln</span> – noch 5 Tage", box)


def test_past_phases_fold_and_future_ones_show_their_dates(client, clock, consultation):
    timeline = client.get(consultation.url).content.decode().split('class="phase-timeline"', 1)[1].split("</ol>", 1)[0]
    past = re.findall(r'<li class="phase phase--past">(.*?)</li>', timeline, re.S)
    assert len(past) == 1
    assert "<details" in past[0] and "<summary>" in past[0] and "<time datetime=" in past[0].split("</summary>")[1]
    future = re.findall(r'<li class="phase phase--future">(.*?)</li>', timeline, re.S)
    assert len(future) == 4
    assert all("<details" not in item and item.count("<time datetime=") == 2 for item in future)


@pytest.mark.parametrize("time", ["before", "after"])
def test_timeline_without_a_current_phase_says_so(client, clock, consultation, time):
    clock.travel(time)
    body = client.get(consultation.url).content.decode()
    assert 'aria-current="step"' not in body
    assert "Zurzeit läuft keine Phase dieser Beteiligung." in body


def test_what_you_can_do_now_uses_the_predicates(client_for, clock, consultation, user):
    body = client_for(user).get(consultation.url).content.decode()
    box = body.split('id="now-heading"', 1)[1].split("</section>", 1)[0]
    assert f'<a class="button" href="{consultation.url}vorschlaege/neu/">Vorschlag einreichen</a>' in box
    assert f'<a class="button" href="{consultation.url}vorschlaege/">Vorschläge kommentieren</a>' in box
    assert "Vorschläge unterstützen<span" in box
    assert "Das ist ab 1. April 2026 09:00 möglich (Phase „Abstimmen“)." in box


def test_what_you_can_do_now_tells_anonymous_visitors_to_log_in(client, clock, consultation):
    box = client.get(consultation.url).content.decode().split('id="now-heading"', 1)[1].split("</section>", 1)[0]
    assert "Bitte melden Sie sich an, um mitzumachen." in box
    assert "/konto/login/?next=" in box


def test_council_members_see_the_statement_offer(client_for, clock, consultation, council_member, user):
    assert (
        "Stellungnahmen Ihres Integrationsbeirats" in client_for(council_member).get(consultation.url).content.decode()
    )
    assert "Stellungnahmen Ihres Integrationsbeirats" not in client_for(user).get(consultation.url).content.decode()


def test_figures_count_online_and_analog_and_answers(client, clock, consultation, make_proposal, moderator):
    answered = make_proposal(online_votes=3, comment_count=2)
    make_proposal(channel=Channel.PAPER, author=None, recorded_by=moderator, analog_votes=4)
    make_proposal(state=ProposalState.HIDDEN, online_votes=100)
    Response.objects.create(proposal=answered, state=ResponseState.ADOPTED, published_at=clock.now)
    body = client.get(consultation.url).content.decode()
    figures = body.split('class="figures"', 1)[1].split("</dl>", 1)[0]
    assert '<dd>2 <span class="meta">davon 1 analog</span></dd>' in figures
    assert "1 von 2 beantwortet" in figures
    assert "<dd>2</dd>" in figures  # comments
    assert "<dd>7</dd>" in figures  # votes: 3 online + 4 analog; the hidden proposal does not count


def test_latest_proposals_link_to_the_full_list(client, clock, consultation, make_proposal):
    proposals = [make_proposal(title=f"Vorschlag {i}") for i in range(7)]
    body = client.get(consultation.url).content.decode()
    latest = body.split('id="latest-heading"', 1)[1].split("</section>", 1)[0]
    assert latest.count('class="proposal-item"') == 5
    assert proposals[-1].reference in latest and proposals[0].reference not in latest
    assert f'href="{consultation.url}vorschlaege/">Alle 7 Vorschläge ansehen' in latest


def test_events_are_listed_and_have_a_page(client, clock, consultation, event, make_proposal, moderator):
    from consultation import services

    analog = make_proposal(
        channel=Channel.EVENT, author=None, event=event, recorded_by=moderator, title="Aus dem Workshop"
    )
    services.tally_record(proposal=analog, event=event, count=17, recorded_by=moderator)
    body = client.get(consultation.url).content.decode()
    event_url = f"{consultation.url}veranstaltungen/{event.pk}/"
    assert f'<a href="{event_url}">Zukunftswerkstatt Linden</a>' in body
    assert "1 Vorschlag" in body and "35 Teilnehmende" in body

    response = client.get(event_url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Zukunftswerkstatt Linden</h1>" in page
    assert "Freizeitheim Linden" in page and "Workshop" in page
    assert "&lt;b&gt;Protokoll&lt;/b&gt;" in page
    assert analog.reference in page
    assert "<dd>17</dd>" in page  # dot votes


def test_event_of_another_consultation_is_404(client, clock, consultation, other_consultation):
    foreign = Event.objects.create(
        consultation=other_consultation, kind=EventKind.INFO_STAND, title="Stand", date=clock.now, place="Kröpcke"
    )
    assert client.get(f"{consultation.url}veranstaltungen/{foreign.pk}/").status_code == 404
    assert client.get(f"{consultation.url}veranstaltungen/999999/").status_code == 404


# --- Index, home, search ---------------------------------------------------------


def test_index_lists_consultations_with_their_current_phase(client, clock, consultation, consultation_index):
    body = client.get(consultation_index.url).content.decode()
    assert consultation.title in body
    assert "Aktuelle Phase:</span> Vorschläge sammeln – noch 5 Tage" in body


def test_index_says_when_no_phase_runs(client, clock, consultation, consultation_index):
    clock.travel("after")
    body = client.get(consultation_index.url).content.decode()
    assert "Zurzeit keine laufende Phase (Zeitraum: 2. März 2026 bis 1. Mai 2026)" in body


def test_home_page_shows_running_consultations(client, clock, consultation, home_page):
    body = client.get(home_page.url).content.decode()
    assert "Laufende Beteiligungen" in body
    assert f'<a href="{consultation.url}">{consultation.title}</a>' in body
    clock.travel("after")
    body = client.get(home_page.url).content.decode()
    assert "Gerade läuft keine Beteiligung." in body


def test_site_search_finds_proposals_by_reference_and_word(client, clock, proposal, home_page):
    from django.urls import reverse

    for query in (proposal.reference, "Stadtteilbibliotheken"):
        body = client.get(reverse("search"), {"q": query}).content.decode()
        assert f'href="{proposal.get_absolute_url()}">{proposal.reference}: {proposal.title}</a>' in body


def test_pages_reject_post(client, clock, consultation, proposal, consultation_index):
    assert client.post(consultation.url).status_code == 405
    assert client.post(proposal.get_absolute_url()).status_code == 405


def test_consultation_page_shows_image_and_body(client, clock, make_consultation):
    import json
    from io import BytesIO

    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images import get_image_model

    buffer = BytesIO()
    PILImage.new("RGB", (40, 20), "red").save(buffer, "PNG")
    image = get_image_model().objects.create(title="Workshop im Freizeitheim", file=ImageFile(buffer, name="w.png"))
    body = json.dumps([{"type": "paragraph", "value": "<p>Hannover schreibt den Plan neu.</p>"}])
    consultation = make_consultation(image=image, body=body)
    page = client.get(consultation.url).content.decode()
    assert '<figure class="consultation__image"><img' in page
    assert 'alt="Workshop im Freizeitheim"' in page
    assert "Hannover schreibt den Plan neu." in page


def test_preview_of_an_unsaved_consultation_renders(rf, clock, consultation_index):
    """Wagtail's preview serves a page whose phases exist only in memory."""
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.db import SessionStore

    from consultation.models import ConsultationPage, Phase
    from consultation.views.overview import consultation_overview

    from .conftest import phase_end, phase_start

    page = ConsultationPage(title="Entwurf", slug="entwurf", teaser="Noch nicht veröffentlicht.")
    page.phases = [
        Phase(type=t, title=f"Phase {t}", start=phase_start(t), end=phase_end(t)) for t in ("submission", "voting")
    ]
    request = rf.get("/")
    request.user = AnonymousUser()
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    response = consultation_overview(request, page)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Entwurf" in body
    assert "Phase submission" in body and "Aktuelle Phase" in body
