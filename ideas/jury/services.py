"""Writes of the jury: assignments (by staff), scores, declared conflicts of interest."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .. import permissions
from ..models import Application, Assessment, CompetitionPage, ConflictOfInterest, JuryAssignment


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


@transaction.atomic
def assessment_submit(*, application: Application, juror, scores: dict[int, tuple[int, str]]) -> list[Assessment]:
    """A juror's scores for every criterion (not yet scored) of an application, all at once and then final.

    `scores` maps criterion ids to (score 0–5, comment). The unique constraint (application, juror, criterion) and
    the check constraint 0..5 hold even if a request bypasses this function's checks.
    """
    application = (
        Application.objects.select_for_update(of=("self",)).select_related("competition").get(pk=application.pk)
    )
    permissions.require(permissions.can_score(juror, application))
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
            errors[f"score_{criterion.pk}"] = _("Bitte vergeben Sie für „%(name)s“ 0 bis 5 Punkte.") % {
                "name": criterion.name
            }
            continue
        rows.append(
            Assessment(
                application=application,
                juror=juror,
                criterion=criterion,
                score=score,
                comment=(comment or "").strip()[:2000],
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
    permissions.require(permissions.can_declare_conflict(juror, application))
    try:
        with transaction.atomic():
            conflict = ConflictOfInterest.objects.create(
                application=application, juror=juror, note=(note or "").strip()[:1000]
            )
    except IntegrityError as exc:
        raise ValidationError(_("Sie haben Ihre Befangenheit bereits erklärt.")) from exc
    Assessment.objects.filter(application=application, juror=juror).delete()
    log(instance=application, action="ideas.application.conflict", user=juror)
    return conflict
