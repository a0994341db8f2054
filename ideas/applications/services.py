"""Writes of applicants: drafts, submission, withdrawal, progress reports.

Every service checks its permission predicate itself, so no caller can skip it. Refusals raise `PermissionDenied`
(with the predicate's reason) or `ValidationError` (with a German message on the field it concerns); both leave the
database as it was, because each service is one transaction. Mails go out through the outbox after the commit.
"""

import os
from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from consultation.validators import validate_attachment
from lip import permissions as lip_permissions
from lip.models import Organisation
from lip.numbering import next_yearly_reference

from .. import page_cache, permissions
from ..competitions.selectors import linkable_proposals
from ..models import (
    Application,
    ApplicationAttachment,
    ApplicationCounter,
    ApplicationState,
    CompetitionPage,
    CostItem,
    ProgressReport,
)
from ..notifications import after_commit
from .costs import CostLine, CostPlan, cost_plan

MAX_ATTACHMENTS = 5


def _next_reference(year: int) -> str:
    """Draw the next number of the year (GFZ-2026-0001). Must run inside a transaction."""
    return next_yearly_reference(ApplicationCounter, year, "GFZ")


def _check_organisation(user, organisation: Organisation | None) -> None:
    if organisation is None or not lip_permissions.can_act_for(user, organisation):
        raise ValidationError(
            {"organisation": _("Sie können nur für bestätigte Organisationen handeln, die Sie vertreten.")}
        )


def _check_proposals(competition: CompetitionPage, proposals: Sequence) -> list:
    proposals = list(proposals or [])
    if not proposals:
        return []
    allowed = set(linkable_proposals(competition).filter(pk__in=[p.pk for p in proposals]).values_list("pk", flat=True))
    foreign = [p for p in proposals if p.pk not in allowed]
    if foreign:
        raise ValidationError(
            {
                "proposals": _("Diese Vorschläge gehören nicht zu den Beteiligungen dieses Wettbewerbs: %(refs)s")
                % {"refs": ", ".join(p.reference for p in foreign)}
            }
        )
    return proposals


def _store_attachments(application: Application, uploads: Iterable, remove: Iterable = ()) -> None:
    remove_ids = [getattr(a, "pk", a) for a in remove]
    if remove_ids:
        application.attachments.filter(pk__in=remove_ids).delete()
    uploads = list(uploads or [])
    if not uploads:
        return
    if application.attachments.count() + len(uploads) > MAX_ATTACHMENTS:
        raise ValidationError(
            {"attachments": _("Sie können höchstens %(max)s Anlagen hochladen.") % {"max": MAX_ATTACHMENTS}}
        )
    for upload in uploads:
        validate_attachment(upload)
        name = os.path.basename(upload.name)[:200]
        ApplicationAttachment.objects.create(application=application, file=upload, name=name)


TEXT_FIELDS = ("title", "summary", "goals", "target_groups", "partners", "schedule")


def _fill(application: Application, data: dict, plan: CostPlan) -> None:
    for name in TEXT_FIELDS:
        if name in data:
            setattr(application, name, (data[name] or "").strip())
    application.total_costs = plan.total
    application.own_contribution = plan.own_contribution
    application.requested_amount = plan.requested


def _save_relations(application: Application, data: dict, plan: CostPlan) -> None:
    application.districts.set(data.get("districts") or [])
    application.topics.set(data.get("topics") or [])
    application.proposals.set(_check_proposals(application.competition, data.get("proposals")))
    application.cost_items.all().delete()
    CostItem.objects.bulk_create(
        CostItem(application=application, description=line.description, amount=line.amount, sort_order=index)
        for index, line in enumerate(plan.lines)
    )


@transaction.atomic
def application_create(
    *, competition: CompetitionPage, user, data: dict, cost_items: Iterable, attachments: Iterable = ()
) -> Application:
    """A draft application of an organisation the person represents."""
    permissions.require(permissions.can_apply(user, competition))
    _check_organisation(user, data.get("organisation"))
    if not data.get("topics"):
        raise ValidationError({"topics": _("Bitte wählen Sie mindestens ein Handlungsfeld.")})
    plan = cost_plan(competition=competition, lines=cost_items, own_contribution=data.get("own_contribution"))
    application = Application(competition=competition, organisation=data["organisation"], created_by=user)
    _fill(application, data, plan)
    application.full_clean(exclude=["competition", "organisation", "created_by"])
    application.save()
    _save_relations(application, data, plan)
    _store_attachments(application, attachments)
    return application


@transaction.atomic
def application_update(
    *,
    application: Application,
    user,
    data: dict,
    cost_items: Iterable,
    attachments: Iterable = (),
    remove_attachments: Iterable = (),
) -> Application:
    """Change a draft. A submitted application is locked (PermissionDenied)."""
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("competition", "organisation")
        .get(pk=application.pk)
    )
    permissions.require(permissions.can_edit_application(user, application))
    if "organisation" in data and data["organisation"] != application.organisation:
        _check_organisation(user, data["organisation"])
        application.organisation = data["organisation"]
    if "topics" in data and not data["topics"]:
        raise ValidationError({"topics": _("Bitte wählen Sie mindestens ein Handlungsfeld.")})
    plan = cost_plan(
        competition=application.competition, lines=cost_items, own_contribution=data.get("own_contribution")
    )
    _fill(application, data, plan)
    application.full_clean(exclude=["competition", "organisation", "created_by"])
    application.save()
    _save_relations(application, data, plan)
    _store_attachments(application, attachments, remove_attachments)
    return application


@transaction.atomic
def application_submit(*, application: Application, user) -> Application:
    """Submit a draft before the deadline: it gets its reference number and is locked from now on."""
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("competition", "competition__fund", "organisation")
        .get(pk=application.pk)
    )
    permissions.require(permissions.can_submit_application(user, application))
    competition = application.competition
    # The stored totals are re-derived from the lines in the database, so a stale draft cannot slip through.
    plan = cost_plan(
        competition=competition,
        lines=[CostLine(i.description, i.amount) for i in application.cost_items.all()],
        own_contribution=application.own_contribution,
    )
    if plan.requested <= 0:
        raise ValidationError(
            _("Bitte beantragen Sie eine Förderung: Die Gesamtkosten müssen höher sein als der Eigenanteil.")
        )
    if not application.topics.exists():
        raise ValidationError(_("Bitte wählen Sie mindestens ein Handlungsfeld."))
    now = timezone.now()
    application.total_costs, application.requested_amount = plan.total, plan.requested
    application.reference = _next_reference(competition.fund.year)
    application.state = ApplicationState.SUBMITTED
    application.submitted_at = now
    application.submitted_by = user
    application.save()
    log(instance=application, action="ideas.application.submit", user=user)
    page_cache.application_changed(application)
    after_commit("send_submission_confirmation", application.pk)
    return application


@transaction.atomic
def application_withdraw(*, application: Application, user) -> Application:
    application = (
        Application.objects.select_for_update(of=("self",)).select_related("organisation").get(pk=application.pk)
    )
    permissions.require(permissions.can_withdraw_application(user, application))
    application.state = ApplicationState.WITHDRAWN
    application.withdrawn_at = timezone.now()
    application.save(update_fields=["state", "withdrawn_at", "updated_at"])
    log(instance=application, action="ideas.application.withdraw", user=user)
    page_cache.application_changed(application)
    return application


@transaction.atomic
def progress_report_add(*, application: Application, user, data: dict) -> ProgressReport:
    application = (
        Application.objects.select_for_update(of=("self",)).select_related("organisation").get(pk=application.pk)
    )
    permissions.require(permissions.can_report_progress(user, application))
    report = ProgressReport(
        application=application,
        state=data["state"],
        text=(data.get("text") or "").strip(),
        reported_on=data.get("reported_on") or timezone.localdate(),
        created_by=user,
    )
    if report.reported_on > timezone.localdate():
        raise ValidationError({"reported_on": _("Das Datum kann nicht in der Zukunft liegen.")})
    report.full_clean(exclude=["application", "created_by"])
    report.save()
    page_cache.application_changed(application)  # the results page shows the progress
    return report
