"""What the idea competition holds about a person (lip.privacy.registry): the applications they wrote or submitted
with their files, progress reports, jury assignments, scores and conflict declarations, and audience votes.

Erase (account deletion), as decided for issue 15:
- an application is always an organisation's (`Application.organisation` is required), drafts included: it stays
  the organisation's, with the tombstoned account as its contact; so no draft is the person's alone to delete;
- audience votes stay and keep counting, linked to the tombstone: `Application.audience_votes` still equals its rows;
- jury: assignments to a competition in which the juror submitted no score are removed (the juror can no longer
  score); submitted scores and conflict declarations stay (the ranking and awards rest on them).
"""

from django.db.models import Exists, OuterRef, Q

from lip.privacy.registry import ExportSection, PersonalDataProvider, register

from .models import (
    Application,
    ApplicationAttachment,
    Assessment,
    AudienceVote,
    ConflictOfInterest,
    JuryAssignment,
    ProgressReport,
)


def _name(application: Application) -> str:
    return application.reference or f"entwurf-{application.pk}"


def _application_row(a: Application, user) -> dict:
    return {
        "nummer": a.reference,
        "wettbewerb": a.competition.title,
        "organisation": a.organisation.name,
        "ansprechperson": a.created_by_id == user.pk,
        "eingereicht_von_mir": a.submitted_by_id == user.pk,
        "projekttitel": a.title,
        "kurzbeschreibung": a.summary,
        "ziele": a.goals,
        "zielgruppen": a.target_groups,
        "kooperationspartner": a.partners,
        "zeitplan": a.schedule,
        "stadtbezirke": sorted(d.name for d in a.districts.all()),
        "handlungsfelder": sorted(t.name for t in a.topics.all()),
        "kostenplan": [{"kostenposition": c.description, "betrag": c.amount} for c in a.cost_items.all()],
        "gesamtkosten": a.total_costs,
        "eigenanteil": a.own_contribution,
        "beantragte_foerderung": a.requested_amount,
        "stand": a.get_state_display(),
        "angelegt_am": a.created_at,
        "eingereicht_am": a.submitted_at,
        "zurueckgezogen_am": a.withdrawn_at,
        "begruendung_zulaessigkeit": a.eligibility_reason,
        "begruendung_foerderentscheidung": a.decision_reason,
        "foerderentscheidung_am": a.decided_at,
    }


def _files(applications: list[Application]) -> list[tuple[str, object]]:
    files: list[tuple[str, object]] = [
        (f"antraege/{_name(a.application)}/{a.name or a.file.name.rsplit('/', 1)[-1]}", a.file)
        for a in ApplicationAttachment.objects.filter(application__in=applications)
        .select_related("application")
        .order_by("application_id", "uploaded_at", "pk")
    ]
    for application in applications:
        award = getattr(application, "award", None)
        if award is not None and award.letter:
            files.append((f"antraege/{_name(application)}/{award.letter.name.rsplit('/', 1)[-1]}", award.letter))
    return files


def _assessments(user) -> list[dict]:
    rows = Assessment.objects.filter(juror=user).select_related("application", "criterion")
    return [
        {
            "antrag": s.application.reference,
            "projekttitel": s.application.title,
            "kriterium": s.criterion.name,
            "punkte": s.score,
            "kommentar": s.comment,
            "bewertet_am": s.created_at,
        }
        for s in rows.order_by("created_at", "pk")
    ]


def _conflicts(user) -> list[dict]:
    rows = ConflictOfInterest.objects.filter(juror=user).select_related("application").order_by("declared_at", "pk")
    return [
        {
            "antrag": c.application.reference,
            "projekttitel": c.application.title,
            "anmerkung": c.note,
            "erklaert_am": c.declared_at,
        }
        for c in rows
    ]


def _audience_votes(user) -> list[dict]:
    votes = AudienceVote.objects.filter(user=user).select_related("application__organisation", "competition")
    return [
        {
            "antrag": v.application.reference,
            "projekttitel": v.application.title,
            "organisation": v.application.organisation.name,
            "wettbewerb": v.competition.title,
            "abgegeben_am": v.created_at,
        }
        for v in votes.order_by("created_at", "pk")
    ]


def export(user) -> ExportSection:
    applications = list(
        Application.objects.filter(Q(created_by=user) | Q(submitted_by=user))
        .select_related("competition", "organisation", "award")
        .prefetch_related("districts", "topics", "cost_items")
        .order_by("created_at", "pk")
    )
    assignments = JuryAssignment.objects.filter(juror=user).select_related("competition").order_by("assigned_at", "pk")
    reports = ProgressReport.objects.filter(created_by=user).select_related("application").order_by("created_at", "pk")
    return ExportSection(
        tables={
            "antraege": [_application_row(a, user) for a in applications],
            "fortschrittsberichte": [
                {
                    "antrag": r.application.reference,
                    "stand": r.get_state_display(),
                    "text": r.text,
                    "datum": r.reported_on,
                }
                for r in reports
            ],
            "jury_zuordnungen": [
                {"wettbewerb": j.competition.title, "zugeordnet_am": j.assigned_at} for j in assignments
            ],
            "jury_bewertungen": _assessments(user),
            "befangenheiten": _conflicts(user),
            "publikumsstimmen": _audience_votes(user),
        },
        files=_files(applications),
    )


def erase(user) -> None:
    """Remove the jury assignments in which the person scored nothing; everything else stays with the tombstone."""
    scored = Assessment.objects.filter(juror=user, application__competition=OuterRef("competition"))
    JuryAssignment.objects.filter(juror=user).exclude(Exists(scored)).delete()


register(PersonalDataProvider(name="ideenwettbewerb", export=export, erase=erase, order=30))
