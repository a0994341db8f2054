"""What `lip` holds about a person, for the data export: the account, its preferences and notification settings,
e-mail addresses, second factors (their kind and dates, never their secrets), roles, memberships and organisations
registered, and the moderation's decisions about the account (blocking).

Erasing these is the account deletion's own work (`lip.privacy.deletion`), so the provider has no erase hook.
"""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from wagtail.models import ModelLogEntry

from lip.models import DataExport, Membership, Organisation

from .registry import ExportSection, PersonalDataProvider, register

NOTIFICATION_FIELDS = ("notify_moderation", "notify_responses", "notify_digest", "notify_reports")
ACCOUNT_LOG_ACTIONS = {"lip.user.block": _("gesperrt"), "lip.user.unblock": _("entsperrt")}


def _profile(user) -> dict:
    return {
        "id": user.pk,
        "e_mail": user.email,
        "anzeigename": user.display_name,
        "vorname": user.first_name,
        "nachname": user.last_name,
        "bevorzugte_sprache": user.preferred_language,
        "integrationsbeirat": user.council_district.name if user.council_district_id else None,
        "registriert_am": user.date_joined,
        "letzte_anmeldung": user.last_login,
        "aktiv": user.is_active,
        "mitarbeitende_der_verwaltung": user.is_staff,
        "rollen": sorted(user.groups.values_list("name", flat=True)),
        "gesperrt_am": user.blocked_at,
        "grund_der_sperre": user.blocked_reason,
    }


def _notifications(user) -> list[dict]:
    fields = {field.name: field for field in get_user_model()._meta.fields}
    return [
        {"einstellung": name, "bezeichnung": str(fields[name].verbose_name), "aktiv": getattr(user, name)}
        for name in NOTIFICATION_FIELDS
    ]


def _admin_preferences(user) -> list[dict]:
    profile = getattr(user, "wagtail_userprofile", None)
    if profile is None:
        return []
    return [
        {
            "sprache_der_verwaltungsoberflaeche": profile.preferred_language,
            "zeitzone": profile.current_time_zone,
            "darstellung": getattr(profile, "theme", ""),
        }
    ]


def _email_addresses(user) -> list[dict]:
    return [
        {"e_mail": a.email, "bestaetigt": a.verified, "hauptadresse": a.primary}
        for a in EmailAddress.objects.filter(user=user).order_by("pk")
    ]


def _second_factors(user) -> list[dict]:
    return [
        {"art": a.get_type_display(), "eingerichtet_am": a.created_at, "zuletzt_benutzt": a.last_used_at}
        for a in Authenticator.objects.filter(user=user).order_by("pk")
    ]


def _memberships(user) -> list[dict]:
    return [
        {
            "organisation": m.organisation.name,
            "rolle": m.get_role_display(),
            "status": m.get_status_display(),
            "nachricht": m.message,
            "angefragt_am": m.created_at,
            "entschieden_am": m.decided_at,
        }
        for m in Membership.objects.filter(user=user).select_related("organisation").order_by("pk")
    ]


def _organisations_registered(user) -> list[dict]:
    return [
        {"organisation": o.name, "kurzname": o.slug, "angelegt_am": o.created_at, "bestaetigt_am": o.verified_at}
        for o in Organisation.objects.filter(created_by=user).order_by("pk")
    ]


def _account_decisions(user) -> list[dict]:
    entries = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(get_user_model()),
        object_id=str(user.pk),
        action__in=list(ACCOUNT_LOG_ACTIONS),
    ).order_by("timestamp", "pk")
    return [
        {
            "datum": e.timestamp,
            "entscheidung": str(ACCOUNT_LOG_ACTIONS[e.action]),
            "begruendung": (e.data or {}).get("reason", ""),
        }
        for e in entries
    ]


def _exports(user) -> list[dict]:
    return [
        {"angefordert_am": e.created_at, "status": e.get_status_display(), "verfaellt_am": e.expires_at}
        for e in DataExport.objects.filter(user=user).order_by("pk")
    ]


def export(user) -> ExportSection:
    return ExportSection(
        tables={
            "profil": [_profile(user)],
            "benachrichtigungen": _notifications(user),
            "einstellungen_verwaltung": _admin_preferences(user),
            "e_mail_adressen": _email_addresses(user),
            "zwei_faktor_anmeldung": _second_factors(user),
            "mitgliedschaften": _memberships(user),
            "registrierte_organisationen": _organisations_registered(user),
            "entscheidungen_ueber_das_konto": _account_decisions(user),
            "datenauskuenfte": _exports(user),
        }
    )


register(PersonalDataProvider(name="konto", export=export, order=10))
