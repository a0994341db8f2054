"""The shared vocabulary of the platform: people, organisations, districts and topics."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from .files import private_upload_path
from .model_parts import acting_user, optional_link, unique_ignoring_case


class District(index.Indexed, models.Model):
    """One of the 13 Stadtbezirke of Hannover."""

    number = models.PositiveSmallIntegerField(_("Nummer"), unique=True)
    name = models.CharField(_("Name"), max_length=80, unique=True)
    slug = models.SlugField(_("Kurzname"), max_length=80, unique=True)

    panels = [FieldPanel("number"), FieldPanel("name"), FieldPanel("slug")]
    # Filter fields: the admin lists sort search results by them (else Wagtail's search raises OrderByFieldError).
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("number"),
        index.FilterField("name"),
    ]

    class Meta:
        ordering = ["number"]
        verbose_name = _("Stadtbezirk")
        verbose_name_plural = _("Stadtbezirke")

    def __str__(self) -> str:
        return self.name


class TopicIcon(models.TextChoices):
    """The platform's own line icons for the fields of action (symbols in lip/static/lip/img/topics.svg, drawn by
    `{% topic_icon %}`); the value is the symbol's id without the prefix "topic-"."""

    GENERIC = "generic", _("allgemein")
    LANGUAGE = "language", _("Sprache")
    EDUCATION = "education", _("Bildung")
    WORK = "work", _("Arbeit")
    HOUSING = "housing", _("Wohnen")
    HEALTH = "health", _("Gesundheit")
    PARTICIPATION = "participation", _("Teilhabe")
    VOLUNTEERING = "volunteering", _("Engagement")
    CULTURE = "culture", _("Kultur und Religion")
    ANTIDISCRIMINATION = "antidiscrimination", _("Antidiskriminierung")
    SPORT = "sport", _("Sport")
    CHILDREN = "children", _("Kinder und Jugend")
    SENIORS = "seniors", _("Ältere Menschen")
    WOMEN = "women", _("Frauen")
    NEIGHBOURHOOD = "neighbourhood", _("Stadtteil und Nachbarschaft")


class Topic(index.Indexed, models.Model):
    """A field of action (Handlungsfeld) of the integration plan."""

    name = models.CharField(_("Name"), max_length=120, unique=True)
    slug = models.SlugField(_("Kurzname"), max_length=120, unique=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("Reihenfolge"), default=100)
    icon = models.CharField(
        _("Symbol"),
        max_length=32,
        choices=TopicIcon.choices,
        default=TopicIcon.GENERIC,
        help_text=_("Das Symbol, das Listen neben dem Handlungsfeld zeigen."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("icon"),
        FieldPanel("sort_order"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("sort_order"),
        index.FilterField("name"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("Handlungsfeld")
        verbose_name_plural = _("Handlungsfelder")

    def __str__(self) -> str:
        return self.name


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


# How a deleted account appears wherever its name would be shown.
DELETED_ACCOUNT_NAME = _("gelöschtes Konto")


class User(AbstractUser):
    """A person. Logs in with the e-mail address; appears under the display name."""

    username = None
    email = models.EmailField(_("E-Mail-Adresse"), unique=True)
    display_name = models.CharField(
        _("Anzeigename"), max_length=80, blank=True, help_text=_("So erscheinen Sie öffentlich auf der Plattform.")
    )
    preferred_language = models.CharField(
        _("Bevorzugte Sprache"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    council_district = optional_link(
        District,
        _("Integrationsbeirat (Stadtbezirk)"),
        related_name="council_members",
        help_text=_("Nur für Mitglieder eines Integrationsbeirats: der Stadtbezirk ihres Beirats."),
    )

    blocked_at = models.DateTimeField(_("gesperrt am"), null=True, blank=True)
    blocked_reason = models.TextField(_("Grund der Sperre"), blank=True)
    blocked_by = optional_link("self", _("gesperrt von"))
    # Which e-mails the person receives (chosen in the profile).
    notify_moderation = models.BooleanField(_("Entscheidungen der Moderation über meine Beiträge"), default=True)
    notify_responses = models.BooleanField(
        _("Antworten der Verwaltung auf meine und von mir unterstützte Vorschläge"), default=True
    )
    notify_digest = models.BooleanField(
        _("Tägliche Übersicht neuer Vorschläge aus meinem Stadtbezirk (Integrationsbeiräte)"), default=True
    )
    notify_reports = models.BooleanField(_("Neue Meldungen von Beiträgen (Moderation)"), default=True)
    # Set by lip.privacy.deletion.delete_account: the row stays as a tombstone without personal data, so that the
    # person's public contributions, votes and reports keep their author ("gelöschtes Konto") and every count.
    deleted_at = models.DateTimeField(_("gelöscht am"), null=True, blank=True, editable=False)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("Person")
        verbose_name_plural = _("Personen")
        constraints = [
            unique_ignoring_case(
                "email", "lip_user_email_ci_unique", _("Es ist bereits jemand mit dieser E-Mail-Adresse registriert.")
            )
        ]
        permissions = [
            ("moderate_participation", _("Kann Beteiligung moderieren und analoge Beiträge erfassen")),
            ("state_for_council", _("Kann Stellungnahmen für einen Integrationsbeirat veröffentlichen")),
            ("score_applications", _("Kann Anträge im Ideenwettbewerb bewerten")),
            ("read_council_reports", _("Kann nicht freigegebene Berichte an die Ratsgremien lesen")),
        ]

    def __str__(self) -> str:
        return self.get_full_name()

    @property
    def is_blocked(self) -> bool:
        return self.blocked_at is not None

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    def get_full_name(self) -> str:
        if self.deleted_at is not None:
            return str(DELETED_ACCOUNT_NAME)
        return self.display_name or self.email

    def get_short_name(self) -> str:
        return self.get_full_name()


class OrganisationType(models.TextChoices):
    MIGRANT = "migrant", _("Migrant*innenselbstorganisation")
    ASSOCIATION = "association", _("Verein oder Verband")
    WELFARE = "welfare", _("Wohlfahrtsverband")
    RELIGIOUS = "religious", _("Religionsgemeinschaft")
    UNION = "union", _("Gewerkschaft")
    POLITICAL = "political", _("Politische Gruppe")
    VOLUNTEER = "volunteer", _("Ehrenamtliche Initiative")
    ADMINISTRATION = "administration", _("Öffentliche Verwaltung")
    OTHER = "other", _("Sonstige")


class Organisation(index.Indexed, models.Model):
    name = models.CharField(_("Name"), max_length=200)
    slug = models.SlugField(_("Kurzname"), max_length=200, unique=True)
    type = models.CharField(_("Art"), max_length=20, choices=OrganisationType.choices)
    district = optional_link(
        District,
        _("Stadtbezirk"),
        related_name="organisations",
        help_text=_("Leer lassen, wenn die Organisation stadtweit tätig ist."),
    )
    website = models.URLField(_("Website"), blank=True)
    description = models.TextField(_("Kurzbeschreibung"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    created_by = acting_user()
    verified_at = models.DateTimeField(_("bestätigt am"), null=True, blank=True)
    verified_by = acting_user(_("bestätigt von"))
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="Membership",
        through_fields=("organisation", "user"),
        related_name="organisations",
    )
    # Set when the organisation's last active representative deleted their account (lip.privacy.deletion); staff
    # find these organisations in the admin (filter "ohne Vertretung") and on the dashboard. Cleared when a new
    # representative is approved (lip.services.membership_decide).
    needs_representative_since = models.DateTimeField(_("ohne Vertretung seit"), null=True, blank=True, editable=False)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("type"),
        FieldPanel("district"),
        FieldPanel("website"),
        FieldPanel("description"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.FilterField("type")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("Organisation")
        verbose_name_plural = _("Organisationen")
        constraints = [
            unique_ignoring_case(
                "name",
                "lip_organisation_name_ci_unique",
                _("Eine Organisation mit diesem Namen ist bereits registriert."),
            )
        ]
        permissions = [("verify_organisation", _("Kann Organisationen bestätigen"))]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("lip:organisation_detail", kwargs={"slug": self.slug})

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None


class MembershipRole(models.TextChoices):
    REPRESENTATIVE = "representative", _("Vertretung")
    MEMBER = "member", _("Mitglied")


class MembershipStatus(models.TextChoices):
    REQUESTED = "requested", _("angefragt")
    ACTIVE = "active", _("aktiv")
    REJECTED = "rejected", _("abgelehnt")


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Person"), on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("Organisation"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("Rolle"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER)
    status = models.CharField(
        _("Status"), max_length=20, choices=MembershipStatus.choices, default=MembershipStatus.REQUESTED
    )
    message = models.TextField(_("Nachricht"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("angefragt am"), auto_now_add=True)
    decided_at = models.DateTimeField(_("entschieden am"), null=True, blank=True)
    decided_by = acting_user(_("entschieden von"))

    panels = [FieldPanel("user"), FieldPanel("organisation"), FieldPanel("role"), FieldPanel("status")]

    class Meta:
        ordering = ["organisation__name", "user__email"]
        verbose_name = _("Mitgliedschaft")
        verbose_name_plural = _("Mitgliedschaften")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="lip_membership_unique_per_person"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"

    @property
    def is_active(self) -> bool:
        return self.status == MembershipStatus.ACTIVE

    @property
    def is_representative(self) -> bool:
        return self.is_active and self.role == MembershipRole.REPRESENTATIVE


from .outbox.models import OutboxMessage  # noqa: E402, F401 - the outbox's model belongs to this app


def _data_export_path(instance, filename: str) -> str:
    return private_upload_path("privacy/exports", filename)


class DataExportStatus(models.TextChoices):
    PENDING = "pending", _("wird erstellt")
    READY = "ready", _("bereit")
    FAILED = "failed", _("fehlgeschlagen")


class DataExport(models.Model):
    """A person's request for their own data (GDPR art. 15/20): built in the background, downloadable by the
    person alone until `expires_at`, then deleted with its file (`lip.privacy.export.delete_expired_exports`)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Person"), on_delete=models.CASCADE, related_name="data_exports"
    )
    status = models.CharField(
        _("Status"), max_length=20, choices=DataExportStatus.choices, default=DataExportStatus.PENDING
    )
    created_at = models.DateTimeField(_("angefordert am"), auto_now_add=True)
    finished_at = models.DateTimeField(_("fertig am"), null=True, blank=True)
    expires_at = models.DateTimeField(_("verfällt am"))
    file = models.FileField(_("Archiv"), upload_to=_data_export_path, max_length=255, blank=True)
    error = models.TextField(_("Fehler"), blank=True)
    notified_at = models.DateTimeField(_("benachrichtigt am"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("Datenauskunft")
        verbose_name_plural = _("Datenauskünfte")
        indexes = [models.Index(fields=["expires_at"], name="lip_dataexport_expires")]

    def __str__(self) -> str:
        return f"{self.user} – {self.created_at:%Y-%m-%d %H:%M}"
