"""Draft → review → issue of a report: the explicit state machine of a run before it is generated.

    draft ──run_submit──> in_review ──run_approve (a second person)──> queued ──(generation)──> done
      ^                       │
      └──────run_return───────┘

A run requested in the admin (`services.run_request`) or made by a schedule (`services.run_for_schedule`) starts as a
draft. While it is a draft, staff write its texts and may name another signer (`run_texts_save`). Someone submits
it for review; a second person with the permission `monitoring.review_report`, not the one who submitted it, approves
it, and only then is it queued and generated as before (`generation`): the texts and the signer are copied into the
snapshot and the issued report is immutable (`immutability`). Who did what and when is on the run and in Wagtail's
audit log. The rules are in `monitoring.permissions`; each service checks them itself.

Why not Wagtail's workflows: a run is not a snippet edited through revisions but an order whose generation is
a Celery chord, and its texts become part of an immutable snapshot; four states and two people are plain to write
and to test, and Wagtail's audit log still records every step.
"""

from collections.abc import Callable
from typing import NamedTuple

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from lip.permissions import require

from .. import permissions
from ..models import ReportRun, ReportStatus, SignatureFormula, TableState
from .texts import ASSESSED_SECTIONS, TEXT_MAX_LENGTH, clean_text


def _locked(run: ReportRun) -> ReportRun:
    return ReportRun.objects.select_for_update().get(pk=run.pk)


@transaction.atomic
def run_texts_save(
    *,
    run: ReportRun,
    user,
    introduction: str = "",
    assessments: dict[str, str] | None = None,
    conclusion: str = "",
    signer_name: str = "",
    signer_function: str = "",
    signer_formula: str = "",
    attachments=None,
) -> ReportRun:
    """Store the texts of a draft (an assessment only for a chapter the report has), its signer, if another than
    the setting's, and the issued Abwägungstabellen it carries as further „Anlagen“ (None: leave them)."""
    run = _locked(run)
    require(permissions.can_edit_report_texts(user, run))
    errors: dict[str, list[str]] = {}
    texts = {"introduction": clean_text(introduction), "conclusion": clean_text(conclusion)}
    chosen = {
        key: clean_text(text)
        for key, text in (assessments or {}).items()
        if key in ASSESSED_SECTIONS and key in run.sections and clean_text(text)
    }
    for field, text in [*texts.items(), *((f"assessment_{k}", t) for k, t in chosen.items())]:
        if len(text) > TEXT_MAX_LENGTH:
            errors[field] = [_("Bitte kürzen Sie den Text auf höchstens %(n)s Zeichen.") % {"n": TEXT_MAX_LENGTH}]
    if signer_formula and signer_formula not in SignatureFormula.values:
        errors["signer_formula"] = [_("Diese Zeichnung gibt es nicht.")]
    if errors:
        raise ValidationError(errors)
    run.introduction, run.conclusion, run.assessments = texts["introduction"], texts["conclusion"], chosen
    run.signer_name, run.signer_function = (signer_name or "").strip()[:120], (signer_function or "").strip()[:120]
    run.signer_formula = signer_formula or ""
    run.save(
        update_fields=[
            "introduction",
            "conclusion",
            "assessments",
            "signer_name",
            "signer_function",
            "signer_formula",
        ]
    )
    if attachments is not None:
        run.attachments.set([table for table in attachments if table.state == TableState.READY])
    log(instance=run, action="wagtail.edit", user=user)
    return run


class _Step(NamedTuple):
    """A step of the state machine: who may take it (the rule), where it leads, its audit log action."""

    rule: Callable
    status: str
    action: str


SUBMIT = _Step(permissions.can_submit_report, ReportStatus.IN_REVIEW, "monitoring.report.submit")
APPROVE = _Step(permissions.can_review_report, ReportStatus.QUEUED, "monitoring.report.approve")
RETURN = _Step(permissions.can_return_report, ReportStatus.DRAFT, "monitoring.report.return")


def _take(step: _Step, run: ReportRun, user, **changes) -> ReportRun:
    """Lock the run, check the step's rule, set its status and what goes with it, save those fields, log the step."""
    run = _locked(run)
    require(step.rule(user, run))
    run.status = step.status
    for field, value in changes.items():
        setattr(run, field, value)
    run.save(update_fields=["status", *changes])
    log(instance=run, action=step.action, user=user)
    return run


@transaction.atomic
def run_submit(*, run: ReportRun, user) -> ReportRun:
    """Hand the draft to a second person for review."""
    return _take(SUBMIT, run, user, submitted_by=user, submitted_at=timezone.now(), approved_by=None, approved_at=None)


@transaction.atomic
def run_approve(*, run: ReportRun, user) -> ReportRun:
    """A second person approves the draft: the run is queued and generated (its texts go into the snapshot)."""
    from .services import _enqueue

    # The generation is asked for now: the wait for the queue counts from here (`services.run_can_be_retried`); when
    # the draft was made stays in the audit log.
    now = timezone.now()
    run = _take(APPROVE, run, user, approved_by=user, approved_at=now, requested_at=now)
    _enqueue(run.pk)
    return run


@transaction.atomic
def run_return(*, run: ReportRun, user) -> ReportRun:
    """Back to the draft (changes wanted, or the submitter withdraws it)."""
    return _take(RETURN, run, user)


# --- Telling the report editors that a scheduled draft waits -------------------------------------------------------


def report_editors():
    """Active people who may issue reports (the Moderation and Administration roles, and superusers)."""
    perm = Permission.objects.get(codename="issue_report", content_type__app_label="monitoring")
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__permissions=perm) | Q(user_permissions=perm))
        .distinct()
        .order_by("pk")
    )


def run_draft_notify(*, run_id: int) -> int:
    """E-mail the report editors that a scheduled report waits as a draft for its texts and review, once each."""
    from django.conf import settings
    from django.core.mail import EmailMessage
    from django.template.loader import render_to_string
    from django.urls import reverse
    from django.utils import translation

    from lip.mail import once, site_url

    run = ReportRun.objects.filter(pk=run_id, status=ReportStatus.DRAFT).first()
    if run is None:
        return 0
    sent = 0
    for person in report_editors():
        if not person.email:
            continue

        def send(person=person):
            with translation.override(person.preferred_language or settings.LANGUAGE_CODE):
                context = {
                    "run": run,
                    "name": str(person),
                    "edit_url": site_url(reverse("monitoring-runs:texts", args=[run.pk])),
                }
                subject = " ".join(render_to_string("monitoring/email/report_draft_subject.txt", context).split())
                body = render_to_string("monitoring/email/report_draft_body.txt", context)
            EmailMessage(subject=subject, body=body, to=[person.email]).send()

        if once(f"monitoring:report-draft-mail:{run.pk}:user:{person.pk}", send):
            sent += 1
    return sent
