"""Writes on measures, indicators and indicator values typed in (the CSV import is in `imports`).

Every service checks `permissions` itself and refuses with `PermissionDenied`; bad input is refused with a
`ValidationError` naming the field, and nothing is stored then.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from lip import pagecache
from lip.relations import set_relations

from .. import page_cache, permissions
from ..models import (
    PROGRESS_MAX,
    PROGRESS_MIN,
    Indicator,
    IndicatorValue,
    Measure,
)
from . import selectors


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


# --- Measures ------------------------------------------------------------------------------------------------------


def _unique_slug(title: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(title)[:180] or "massnahme"
    slug, n = base, 2
    while Measure.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def measure_save(*, measure: Measure, user, districts=None, proposals=None, projects=None) -> Measure:
    """Create or change a measure with its districts, the proposals it came from and the projects implementing it.

    Refused: progress outside 0–100, an end before the start, a second level of sub-measures, proposals whose
    published response did not adopt them, projects that were not funded.
    """
    _require(permissions.is_monitoring_staff(user))
    errors: dict[str, list[str]] = {}
    if measure.progress is not None and not PROGRESS_MIN <= measure.progress <= PROGRESS_MAX:
        errors.setdefault("progress", []).append(_("Der Fortschritt muss zwischen 0 und 100 Prozent liegen."))
    parent = measure.parent
    if parent is not None:
        if measure.pk is not None and parent.pk == measure.pk:
            errors.setdefault("parent", []).append(_("Eine Maßnahme kann nicht Teil von sich selbst sein."))
        elif parent.parent_id is not None:
            errors.setdefault("parent", []).append(
                _("„%(parent)s“ ist selbst eine Teilmaßnahme. Es gibt nur eine Ebene von Teilmaßnahmen.")
                % {"parent": parent}
            )
        elif measure.pk is not None and measure.children.exists():
            errors.setdefault("parent", []).append(
                _("Diese Maßnahme hat Teilmaßnahmen und kann deshalb nicht selbst Teil einer anderen sein.")
            )
    if proposals is not None:
        allowed = set(
            selectors.adopted_proposals().filter(pk__in=[p.pk for p in proposals]).values_list("pk", flat=True)
        )
        refused = [p.reference for p in proposals if p.pk not in allowed]
        if refused:
            errors.setdefault("proposals", []).append(
                _("Diese Vorschläge wurden nicht per veröffentlichter Antwort übernommen: %(refs)s")
                % {"refs": ", ".join(refused)}
            )
    if projects is not None:
        allowed = set(selectors.awarded_projects().filter(pk__in=[a.pk for a in projects]).values_list("pk", flat=True))
        refused = [str(a) for a in projects if a.pk not in allowed]
        if refused:
            errors.setdefault("projects", []).append(
                _("Nur geförderte Projekte können eine Maßnahme umsetzen: %(titles)s") % {"titles": "; ".join(refused)}
            )
    if errors:
        raise ValidationError(errors)
    page_cache.measure_changed(measure)  # the links and the parent as they were
    created = measure.pk is None
    if created or not measure.slug:
        measure.slug = _unique_slug(measure.title, exclude_pk=measure.pk)
    measure.updated_by = user
    measure.full_clean()
    measure.save()
    set_relations(measure, districts=districts, proposals=proposals, projects=projects)
    log(instance=measure, action="wagtail.create" if created else "wagtail.edit", user=user)
    page_cache.measure_changed(measure)  # and as they are now
    return measure


def measure_delete(*, measure: Measure, user) -> None:
    _require(permissions.is_monitoring_staff(user) and user.has_perm("monitoring.delete_measure"))
    if measure.children.exists():
        raise ValidationError(_("Diese Maßnahme hat Teilmaßnahmen. Bitte löschen oder verschieben Sie zuerst diese."))
    log(instance=measure, action="wagtail.delete", user=user)
    page_cache.measure_changed(measure)
    measure.delete()


# --- Indicators and values -----------------------------------------------------------------------------------------


@transaction.atomic
def indicator_save(*, indicator: Indicator, user) -> Indicator:
    _require(permissions.is_monitoring_staff(user))
    created = indicator.pk is None
    indicator.full_clean()
    indicator.save()
    pagecache.invalidate(pagecache.tags.MEASURES)
    log(instance=indicator, action="wagtail.create" if created else "wagtail.edit", user=user)
    return indicator


@transaction.atomic
def indicator_value_save(*, value: IndicatorValue, user) -> IndicatorValue:
    """Enter (or correct) one value; who did it and when is recorded with it."""
    _require(permissions.can_enter_values(user))
    created = value.pk is None
    if value.date and value.date > timezone.localdate():  # a future value would count as "current" in reports
        raise ValidationError({"date": _("Das Datum kann nicht in der Zukunft liegen.")})
    value.entered_by = user
    value.entered_at = timezone.now()
    value.full_clean()
    try:
        with transaction.atomic():
            value.save()
    except IntegrityError as exc:
        raise ValidationError({"date": _("Für diesen Indikator gibt es an diesem Datum schon einen Wert.")}) from exc
    log(instance=value, action="wagtail.create" if created else "wagtail.edit", user=user)
    pagecache.invalidate(pagecache.tags.MEASURES)
    return value
