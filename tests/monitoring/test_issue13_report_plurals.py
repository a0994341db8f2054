"""Issue 13, item 12: every count sentence of the report reads right in the singular ("1 davon wird … gefördert")."""

from datetime import timedelta

from django.urls import reverse

from tests.consultation.factories import ProposalFactory, ResponseFactory
from tests.ideas import factories as idea_factories

from . import pdfs
from .conftest import IN_Q1


def one_of_each(consultation):
    """Q1 2026: one proposal answered in Q1, one application funded (results public before the report)."""
    proposal = ProposalFactory(consultation=consultation, created_at=IN_Q1)
    ResponseFactory(proposal=proposal, published_at=IN_Q1 + timedelta(days=1))
    competition = idea_factories.CompetitionPageFactory(
        parent=consultation.get_parent(),
        submission_start=IN_Q1 - timedelta(days=30),
        submission_end=IN_Q1 + timedelta(days=1),
        results_published_at=IN_Q1 + timedelta(days=20),
    )
    application = idea_factories.ApplicationFactory(competition=competition, state="submitted", submitted_at=IN_Q1)
    idea_factories.award(application, "3500.00")


def test_the_report_speaks_in_the_singular_of_one(consultation, clock, issue):
    one_of_each(consultation)

    flat = " ".join(pdfs.report_text(issue().report).split())

    assert "hatte die Verwaltung 1 von 1 veröffentlichten Vorschlag öffentlich beantwortet (100 %)." in flat
    assert "Im Berichtszeitraum wurde 1 Antwort veröffentlicht." in flat
    assert "Im Berichtszeitraum wurde 1 Antrag eingereicht. 1 davon wird mit 3.500,00 € gefördert." in flat
    assert "davon werden" not in flat and "wurden 1 " not in flat


def test_the_report_speaks_in_the_plural_of_several(consultation, clock, issue):
    one_of_each(consultation)
    one_of_each(consultation)

    flat = " ".join(pdfs.report_text(issue().report).split())

    assert "hatte die Verwaltung 2 von 2 veröffentlichten Vorschlägen öffentlich beantwortet" in flat
    assert "Im Berichtszeitraum wurden 2 Antworten veröffentlicht." in flat
    assert "Im Berichtszeitraum wurden 2 Anträge eingereicht. 2 davon werden mit zusammen 7.000,00 € gefördert." in flat


def test_the_district_comparison_on_the_report_page_is_singular_for_one(consultation, clock, issue, client_for, staff):
    from lip.models import District
    from monitoring.models import Audience

    one_of_each(consultation)
    linden = District.objects.get(slug="linden-limmer")
    report = issue(audiences=[Audience.DISTRICT_COUNCIL], district=linden).report

    html = client_for(staff).get(reverse("monitoring:report_detail", args=[report.pk])).content.decode()
    flat = " ".join(pdfs.text(pdfs.read(report)).split())

    assert "Zum Vergleich stadtweit: 1 Vorschlag, 0 Kommentare," in " ".join(html.split())
    assert "Zum Vergleich die ganze Stadt im selben Zeitraum: 1 Vorschlag, 0 Kommentare, 0 Stimmen" in flat
