"""Writes in the idea competition. Every service checks its permission predicate itself, so no caller can skip it.

Refusals raise `PermissionDenied` (with the predicate's reason) or `ValidationError` (with a German message on the
field it concerns); both leave the database as it was, because each service is one transaction. Mails and the award
letter go out through Celery tasks enqueued with `transaction.on_commit`, so nothing is sent for a rolled-back write.
"""

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from consultation import voting
from consultation.validators import validate_attachment
from lip import permissions as lip_permissions
from lip.models import Organisation

from . import permissions
from .models import (
    ZERO,
    Application,
    ApplicationAttachment,
    ApplicationCounter,
    ApplicationState,
    Assessment,
    AudienceVote,
    Award,
    CompetitionPage,
    ConflictOfInterest,
    CostItem,
    Fund,
    JuryAssignment,
    ProgressReport,
)
from .selectors import committed_amount, linkable_proposals

MAX_COST_ITEMS = 30
MAX_ATTACHMENTS = 5
CENT = Decimal("0.01")


def _require(decision: permissions.Decision) -> None:
    if not decision:
        raise PermissionDenied(decision.reason)


def euro(amount: Decimal) -> str:
    """1234.5 → '1.234,50 €' (German notation, used in messages)."""
    from django.utils.numberformat import format as number_format

    text = number_format(amount, ",", decimal_pos=2, grouping=3, thousand_sep=".", force_grouping=True)
    return f"{text}\u00a0€"


def _money(value, field: str) -> Decimal:
    """A non-negative amount with at most two decimal places, or a ValidationError on `field`."""
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError) as exc:
        raise ValidationError({field: _("Bitte geben Sie einen Betrag in Euro an, z. B. 1500,00.")}) from exc
    if not amount.is_finite():
        raise ValidationError({field: _("Bitte geben Sie einen Betrag in Euro an, z. B. 1500,00.")})
    if amount < 0:
        raise ValidationError({field: _("Ein Betrag kann nicht negativ sein.")})
    if amount != amount.quantize(CENT):
        raise ValidationError({field: _("Bitte geben Sie höchstens zwei Nachkommastellen an.")})
    return amount.quantize(CENT)


def _next_reference(year: int) -> str:
    """Draw the next number of the year (GFZ-2026-0001). Must run inside a transaction: locks the counter row."""
    ApplicationCounter.objects.get_or_create(year=year)
    counter = ApplicationCounter.objects.select_for_update().get(year=year)
    counter.last = F("last") + 1
    counter.save(update_fields=["last"])
    counter.refresh_from_db(fields=["last"])
    return f"GFZ-{year}-{counter.last:04d}"


# --- Applications ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CostLine:
    description: str
    amount: Decimal


@dataclass(frozen=True)
class CostPlan:
    lines: tuple[CostLine, ...]
    total: Decimal
    own_contribution: Decimal

    @property
    def requested(self) -> Decimal:
        return self.total - self.own_contribution


def cost_plan(*, competition: CompetitionPage, lines: Iterable, own_contribution) -> CostPlan:
    """Check a cost plan and compute its totals. The requested amount is total costs − own contribution."""
    checked = []
    for index, line in enumerate(lines):
        description = (line.description if isinstance(line, CostLine) else line["description"]).strip()
        amount = line.amount if isinstance(line, CostLine) else line["amount"]
        if not description:
            raise ValidationError({"cost_items": _("Bitte benennen Sie jede Kostenposition.")})
        try:
            checked.append(CostLine(description[:200], _money(amount, "cost_items")))
        except ValidationError as exc:
            message = " ".join(exc.message_dict["cost_items"])
            raise ValidationError(
                {"cost_items": _("Zeile %(line)s: %(message)s") % {"line": index + 1, "message": message}}
            ) from exc
    if not checked:
        raise ValidationError({"cost_items": _("Bitte geben Sie mindestens eine Kostenposition an.")})
    if len(checked) > MAX_COST_ITEMS:
        raise ValidationError({"cost_items": _("Bitte fassen Sie die Kosten in höchstens %(max)s Positionen zusammen.") % {"max": MAX_COST_ITEMS}})
    own = _money(own_contribution or ZERO, "own_contribution")
    total = sum((line.amount for line in checked), ZERO)
    if own > total:
        raise ValidationError(
            {"own_contribution": _("Der Eigenanteil (%(own)s) kann nicht höher sein als die Gesamtkosten (%(total)s).") % {"own": euro(own), "total": euro(total)}}
        )
    plan = CostPlan(tuple(checked), total, own)
    if plan.requested > competition.max_grant:
        raise ValidationError(
            {
                "cost_items": _(
                    "Die beantragte Förderung (Gesamtkosten minus Eigenanteil) beträgt %(requested)s und übersteigt die Höchstförderung von %(max)s."
                )
                % {"requested": euro(plan.requested), "max": euro(competition.max_grant)}
            }
        )
    return plan


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
        raise ValidationError({"attachments": _("Sie können höchstens %(max)s Anlagen hochladen.") % {"max": MAX_ATTACHMENTS}})
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
    _require(permissions.can_apply(user, competition))
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
    application = Application.objects.select_for_update(of=("self",)).select_related("competition", "organisation").get(pk=application.pk)
    _require(permissions.can_edit_application(user, application))
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
    _require(permissions.can_submit_application(user, application))
    competition = application.competition
    # The stored totals are re-derived from the lines in the database, so a stale draft cannot slip through.
    plan = cost_plan(
        competition=competition,
        lines=[CostLine(i.description, i.amount) for i in application.cost_items.all()],
        own_contribution=application.own_contribution,
    )
    if plan.requested <= 0:
        raise ValidationError(_("Bitte beantragen Sie eine Förderung: Die Gesamtkosten müssen höher sein als der Eigenanteil."))
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
    _after_commit("send_submission_confirmation", application.pk)
    return application


@transaction.atomic
def application_withdraw(*, application: Application, user) -> Application:
    application = Application.objects.select_for_update(of=("self",)).select_related("organisation").get(pk=application.pk)
    _require(permissions.can_withdraw_application(user, application))
    application.state = ApplicationState.WITHDRAWN
    application.withdrawn_at = timezone.now()
    application.save(update_fields=["state", "withdrawn_at", "updated_at"])
    log(instance=application, action="ideas.application.withdraw", user=user)
    return application


@transaction.atomic
def progress_report_add(*, application: Application, user, data: dict) -> ProgressReport:
    application = Application.objects.select_for_update(of=("self",)).select_related("organisation").get(pk=application.pk)
    _require(permissions.can_report_progress(user, application))
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
    return report


# --- Staff decisions ---------------------------------------------------------------------------------------------


@transaction.atomic
def application_decide_eligibility(*, application: Application, user, eligible: bool, reason: str = "") -> Application:
    """Staff check the formal requirements. Not eligible needs a reason; the applicant is told either way."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    _require(permissions.can_decide_eligibility(user, application))
    reason = (reason or "").strip()
    if not eligible and not reason:
        raise ValidationError({"reason": _("Bitte begründen Sie, warum der Antrag nicht zulässig ist.")})
    application.state = ApplicationState.ELIGIBLE if eligible else ApplicationState.NOT_ELIGIBLE
    application.eligibility_reason = reason
    application.eligibility_decided_at = timezone.now()
    application.eligibility_decided_by = user
    application.full_clean(exclude=["competition", "organisation", "created_by"])
    application.save()
    log(
        instance=application,
        action="ideas.application.eligible" if eligible else "ideas.application.not_eligible",
        user=user,
        data={"reason": reason},
    )
    _after_commit("send_eligibility_notice", application.pk)
    return application


@transaction.atomic
def award_grant(*, application: Application, user, amount, conditions: str = "") -> Award:
    """Grant `amount` to an eligible application, within the fund's remaining budget.

    The fund's row is locked first (SELECT ... FOR UPDATE), so that awards from the same fund run one after the
    other: each sees the sum of all awards committed before it, and the budget can never be exceeded. Every path
    that locks a fund and an application locks the fund first (no deadlocks).
    """
    _require(permissions.can_award(user, application))
    fund_id = CompetitionPage.objects.filter(pk=application.competition_id).values_list("fund_id", flat=True).get()
    fund = Fund.objects.select_for_update().get(pk=fund_id)
    application = Application.objects.select_for_update(of=("self",)).select_related("competition").get(pk=application.pk)
    _require(permissions.can_award(user, application))  # again on the locked row: a parallel decision may have won
    amount = _money(amount, "amount")
    if amount <= 0:
        raise ValidationError({"amount": _("Die Fördersumme muss größer als 0 € sein.")})
    if amount > application.requested_amount:
        raise ValidationError(
            {"amount": _("Die Fördersumme kann nicht höher sein als die beantragte Förderung von %(requested)s.") % {"requested": euro(application.requested_amount)}}
        )
    if amount > application.competition.max_grant:
        raise ValidationError(
            {"amount": _("Die Fördersumme kann nicht höher sein als die Höchstförderung von %(max)s.") % {"max": euro(application.competition.max_grant)}}
        )
    remaining = fund.budget - committed_amount(fund.pk)
    if amount > remaining:
        raise ValidationError(
            {
                "amount": _("Die Fördersumme von %(amount)s übersteigt das verbleibende Budget des Fonds „%(fund)s“ von %(remaining)s.")
                % {"amount": euro(amount), "fund": fund.name, "remaining": euro(remaining)}
            }
        )
    now = timezone.now()
    award = Award.objects.create(
        application=application, fund=fund, amount=amount, conditions=(conditions or "").strip(), decided_at=now, decided_by=user
    )
    application.state = ApplicationState.AWARDED
    application.decided_at = now
    application.save(update_fields=["state", "decided_at", "updated_at"])
    log(instance=application, action="ideas.application.award", user=user, data={"amount": str(amount)})
    _after_commit("issue_award_letter", award.pk)
    return award


@transaction.atomic
def application_decline(*, application: Application, user, reason: str = "") -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    _require(permissions.can_decline(user, application))
    application.state = ApplicationState.DECLINED
    application.decision_reason = (reason or "").strip()
    application.decided_at = timezone.now()
    application.full_clean(exclude=["competition", "organisation", "created_by"])
    application.save()
    log(instance=application, action="ideas.application.decline", user=user)
    _after_commit("send_decline_notice", application.pk)
    return application


@transaction.atomic
def fund_save(*, fund: Fund, user) -> Fund:
    """Create or change a fund. Its budget cannot fall below what is already awarded from it."""
    if not permissions.is_fund_staff(user):
        raise PermissionDenied
    if fund.pk is not None:
        Fund.objects.select_for_update().filter(pk=fund.pk).first()
        committed = committed_amount(fund.pk)
        if fund.budget is not None and fund.budget < committed:
            raise ValidationError(
                {"budget": _("Das Budget kann nicht unter die bereits bewilligten %(committed)s sinken.") % {"committed": euro(committed)}}
            )
    fund.full_clean()
    fund.save()
    return fund


@transaction.atomic
def jury_assign(*, competition: CompetitionPage, juror, user) -> JuryAssignment:
    if not permissions.is_fund_staff(user):
        raise PermissionDenied
    if not permissions.is_juror(juror):
        raise ValidationError({"juror": _("Nur Mitglieder der Gruppe „Jury“ können einer Jury angehören.")})
    try:
        with transaction.atomic():
            assignment = JuryAssignment.objects.create(competition=competition, juror=juror, assigned_by=user)
    except IntegrityError as exc:
        raise ValidationError({"juror": _("Diese Person gehört der Jury dieses Wettbewerbs bereits an.")}) from exc
    log(instance=assignment, action="wagtail.create", user=user)
    return assignment


# --- Jury --------------------------------------------------------------------------------------------------------


@transaction.atomic
def assessment_submit(*, application: Application, juror, scores: dict[int, tuple[int, str]]) -> list[Assessment]:
    """A juror's scores for every criterion (not yet scored) of an application, all at once and then final.

    `scores` maps criterion ids to (score 0–5, comment). The unique constraint (application, juror, criterion) and
    the check constraint 0..5 hold even if a request bypasses this function's checks.
    """
    application = Application.objects.select_for_update(of=("self",)).select_related("competition").get(pk=application.pk)
    _require(permissions.can_score(juror, application))
    criteria = application.competition.criterion_list()
    scored = set(Assessment.objects.filter(application=application, juror=juror).values_list("criterion_id", flat=True))
    open_criteria = [c for c in criteria if c.pk not in scored]
    unknown = set(scores) - {c.pk for c in open_criteria}
    if unknown:
        raise ValidationError(_("Bitte bewerten Sie nur die Kriterien dieses Wettbewerbs."))
    errors = {}
    rows = []
    for criterion in open_criteria:
        value = scores.get(criterion.pk)
        score, comment = value if value is not None else (None, "")
        if score is None or score == "":
            errors[f"score_{criterion.pk}"] = _("Bitte bewerten Sie „%(name)s“.") % {"name": criterion.name}
            continue
        try:
            score = int(score)
        except (TypeError, ValueError):
            score = -1
        if not 0 <= score <= 5 or str(score) != str(value[0]).strip():
            errors[f"score_{criterion.pk}"] = _("Bitte vergeben Sie für „%(name)s“ 0 bis 5 Punkte.") % {"name": criterion.name}
            continue
        rows.append(
            Assessment(
                application=application, juror=juror, criterion=criterion, score=score, comment=(comment or "").strip()[:2000]
            )
        )
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            created = Assessment.objects.bulk_create(rows)
    except IntegrityError as exc:
        raise ValidationError(_("Sie haben diesen Antrag bereits bewertet.")) from exc
    return created


@transaction.atomic
def conflict_declare(*, application: Application, juror, note: str = "") -> ConflictOfInterest:
    """Declare a conflict of interest. Scores the juror gave this application before no longer count: removed."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    _require(permissions.can_declare_conflict(juror, application))
    try:
        with transaction.atomic():
            conflict = ConflictOfInterest.objects.create(application=application, juror=juror, note=(note or "").strip()[:1000])
    except IntegrityError as exc:
        raise ValidationError(_("Sie haben Ihre Befangenheit bereits erklärt.")) from exc
    Assessment.objects.filter(application=application, juror=juror).delete()
    log(instance=application, action="ideas.application.conflict", user=juror)
    return conflict


# --- Mail and the award letter (called by the tasks) -------------------------------------------------------------


# --- Audience prize ------------------------------------------------------------------------------------------------


@transaction.atomic
def audience_vote_cast(*, application: Application, user) -> AudienceVote:
    """Support an application for the audience prize, with the consultation's vote mechanism and its guarantees
    (one vote per person, budget per competition, exact counter under concurrency)."""
    _require(permissions.can_audience_vote(user, application))
    competition = application.competition
    return voting.cast(
        vote_model=AudienceVote,
        item=application,
        item_field="application",
        counter_field="audience_votes",
        user=user,
        budget=competition.audience_vote_budget,
        budget_votes=AudienceVote.objects.filter(user=user, competition=competition),
        extra={"competition_id": competition.pk},
        already_voted_message=_("Sie unterstützen diesen Antrag bereits."),
    )


@transaction.atomic
def audience_vote_withdraw(*, application: Application, user) -> None:
    _require(permissions.can_audience_vote(user, application))
    voting.withdraw(
        vote_model=AudienceVote,
        item=application,
        item_field="application",
        counter_field="audience_votes",
        user=user,
        not_voted_message=_("Sie unterstützen diesen Antrag nicht."),
    )


def _after_commit(task_name: str, pk: int) -> None:
    """Store the task in the outbox with this transaction; it is sent once the transaction commits (lip/outbox)."""
    from lip.outbox.services import outbox_enqueue

    from . import tasks

    outbox_enqueue(getattr(tasks, task_name), pk)


def _recipients(application: Application) -> list:
    people = [p for p in (application.created_by, application.submitted_by) if p is not None and p.email]
    unique = {p.pk: p for p in people}
    return list(unique.values())


def _site_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _mail(template: str, application: Application, *, context: dict | None = None, attachments=()) -> bool:
    recipients = _recipients(application)
    if not recipients:
        return False
    language = recipients[0].preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        ctx = {
            "application": application,
            "competition": application.competition,
            "organisation": application.organisation,
            "application_url": _site_url(reverse("ideas:application_detail", args=[application.pk])),
            "my_applications_url": _site_url(reverse("ideas:my_applications")),
            **(context or {}),
        }
        subject = " ".join(render_to_string(f"ideas/email/{template}_subject.txt", ctx).split())
        body = render_to_string(f"ideas/email/{template}_body.txt", ctx)
    message = EmailMessage(subject=subject, body=body, to=[p.email for p in recipients])
    for name, content, mimetype in attachments:
        message.attach(name, content, mimetype)
    message.send()
    return True


def _send_once(application_id: int, flag: str, template: str, *, states: Sequence[str]) -> bool:
    with transaction.atomic():
        application = (
            Application.objects.select_for_update(of=("self",))
            .select_related("competition", "organisation", "created_by", "submitted_by")
            .filter(pk=application_id)
            .first()
        )
        if application is None or getattr(application, flag) is not None or application.state not in states:
            return False
        sent = _mail(template, application)
        if sent:
            setattr(application, flag, timezone.now())
            application.save(update_fields=[flag])
        return sent


def application_confirmation_send(*, application_id: int) -> bool:
    return _send_once(
        application_id, "confirmation_sent_at", "submission_confirmation", states=ApplicationState.submitted_states()
    )


def eligibility_notice_send(*, application_id: int) -> bool:
    return _send_once(
        application_id,
        "eligibility_notice_sent_at",
        "eligibility_notice",
        states=[ApplicationState.ELIGIBLE, ApplicationState.NOT_ELIGIBLE],
    )


def decline_notice_send(*, application_id: int) -> bool:
    return _send_once(application_id, "decline_notice_sent_at", "decline_notice", states=[ApplicationState.DECLINED])


def award_letter_issue(*, award: Award) -> Award:
    """Render and store the award letter PDF unless it exists. Idempotent."""
    from .pdf import render_award_letter

    if award.letter:
        return award
    pdf = render_award_letter(award)
    award.letter.save(f"Foerderbescheid-{award.application.reference}.pdf", ContentFile(pdf), save=False)
    award.save(update_fields=["letter"])
    return award


def award_letter_deliver(*, award_id: int) -> bool:
    """Make the award letter (once) and mail it to the applicant (once)."""
    with transaction.atomic():
        award = (
            Award.objects.select_for_update(of=("self",))
            .select_related(
                "fund",
                "decided_by",
                "application",
                "application__competition",
                "application__organisation",
                "application__created_by",
                "application__submitted_by",
            )
            .filter(pk=award_id)
            .first()
        )
        if award is None:
            return False
        award_letter_issue(award=award)
        if award.letter_sent_at is not None:
            return False
        with award.letter.open("rb") as handle:
            content = handle.read()
        sent = _mail(
            "award_letter",
            award.application,
            context={"award": award},
            attachments=[(os.path.basename(award.letter.name), content, "application/pdf")],
        )
        if sent:
            award.letter_sent_at = timezone.now()
            award.save(update_fields=["letter_sent_at"])
        return sent
