"""Writes of the voluntary questionnaire about the person: a profile given online, a paper sheet typed in by staff,
and the city's population figures (the admin's forms save those through Wagtail's generic views).

A profile is stored without any link to the person (`monitoring.models.reach`). For a signed-in person the same
transaction notes *that* they answered (`ReachAnswered`, keyed by the user, nothing else): a second submission – also
one sent at the same moment – fails on that row's primary key and stores nothing.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from consultation.models import Channel, Event
from lip import pagecache

from .. import permissions
from ..models import ReachAnswered, ReachLanguage, ReachProfile

ALREADY_ANSWERED = "already_answered"


def current_month():
    """The first day of this month: the only time a profile keeps."""
    return timezone.localdate().replace(day=1)


def _create(*, data: dict, channel: str, event: Event | None) -> ReachProfile:
    profile = ReachProfile.objects.create(
        age_group=data["age_group"],
        district=data.get("district"),
        migration=data["migration"],
        organisation_kind=data["organisation_kind"],
        month=current_month(),
        channel=channel,
        event=event,
    )
    ReachLanguage.objects.bulk_create(
        ReachLanguage(profile=profile, language=language) for language in sorted(set(data.get("languages") or []))
    )
    pagecache.invalidate(pagecache.tags.STATISTICS)
    return profile


def reach_profile_submit(*, data: dict, user) -> ReachProfile:
    """A profile given online. `data`: the cleaned data of `forms.ReachProfileForm`. A signed-in `user` may give one
    profile; for anonymous visitors the view keeps the once-per-session rule (and the bot check and rate limit)."""
    try:
        with transaction.atomic():
            if user is not None and user.is_authenticated:
                ReachAnswered.objects.create(user=user)  # a second one fails here, before anything is stored
            return _create(data=data, channel=Channel.ONLINE, event=None)
    except IntegrityError:
        raise ValidationError(
            _("Sie haben die Fragen zur Person schon beantwortet. Vielen Dank!"), code=ALREADY_ANSWERED
        ) from None


def reach_sheet_record(*, data: dict, channel: str, event: Event | None, user) -> ReachProfile:
    """A paper sheet typed in by staff: counted like an online profile, with its channel and (optionally) event.
    Who typed it in is not stored either, so that the sheets of one workshop cannot be told apart by it."""
    if not permissions.can_enter_reach_sheets(user):
        raise PermissionDenied(_("Bögen erfassen nur Mitarbeitende des Monitorings."))
    if channel == Channel.ONLINE or channel not in Channel.values:
        raise ValidationError({"channel": _("Bitte wählen Sie einen analogen Weg.")})
    with transaction.atomic():
        return _create(data=data, channel=channel, event=event)
