"""Who took part (voluntary): the anonymous profiles of the short questionnaire about the person, and the city's
population figures they are compared with (`monitoring.reach`).

The privacy promise is in the schema: a `ReachProfile` has no link to a person (no user, no IP address, no
timestamp – only the month it was given, the channel and optionally the event it was collected at); its primary key
is random, so the order of rows says nothing either. `ReachAnswered` only notes that a signed-in person has answered
(to ask each person once); it has no link to their profile, not even a date. Once given, a profile can therefore be
neither shown to nor withdrawn by the person: nobody can tell which one is theirs.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from consultation.models import Channel, Event
from lip.model_parts import optional_link
from lip.models import District

NO_ANSWER = "keine_angabe"
NO_ANSWER_LABEL = _("keine Angabe")


class AgeGroup(models.TextChoices):
    UNDER_18 = "unter_18", _("unter 18 Jahre")
    FROM_18 = "18_29", _("18 bis 29 Jahre")
    FROM_30 = "30_44", _("30 bis 44 Jahre")
    FROM_45 = "45_64", _("45 bis 64 Jahre")
    FROM_65 = "65_plus", _("65 Jahre und älter")
    NO_ANSWER = NO_ANSWER, NO_ANSWER_LABEL


class MigrationHistory(models.TextChoices):
    OWN = "eigene", _("ja, selbst zugewandert")
    PARENTS = "eltern", _("ja, mindestens ein Elternteil ist zugewandert")
    NONE = "keine", _("nein")
    NO_ANSWER = NO_ANSWER, NO_ANSWER_LABEL


class OrganisationKind(models.TextChoices):
    MIGRANT_ORGANISATION = "migrantenorganisation", _("Selbstorganisation von Migrant*innen")
    ASSOCIATION = "verein", _("Verein oder Initiative")
    UNION = "gewerkschaft", _("Gewerkschaft")
    WELFARE = "wohlfahrt", _("Wohlfahrtsverband")
    RELIGIOUS = "religioes", _("Religionsgemeinschaft")
    INTEGRATION_COUNCIL = "integrationsbeirat", _("Integrationsbeirat eines Stadtbezirks")
    ADMINISTRATION = "verwaltung", _("Verwaltung oder Politik")
    OTHER = "andere", _("andere Organisation")
    INDIVIDUAL = "keine", _("keine – ich mache als Einzelperson mit")
    NO_ANSWER = NO_ANSWER, NO_ANSWER_LABEL


class Language(models.TextChoices):
    """The main languages of the city (the platform's languages and the largest other communities), plus „andere“."""

    GERMAN = "de", _("Deutsch")
    TURKISH = "tr", _("Türkisch")
    ARABIC = "ar", _("Arabisch")
    RUSSIAN = "ru", _("Russisch")
    UKRAINIAN = "uk", _("Ukrainisch")
    PERSIAN = "fa", _("Persisch (Farsi/Dari)")
    POLISH = "pl", _("Polnisch")
    KURDISH = "ku", _("Kurdisch")
    ENGLISH = "en", _("Englisch")
    OTHER = "andere", _("andere Sprache")
    NO_ANSWER = NO_ANSWER, NO_ANSWER_LABEL


class ReachProfile(models.Model):
    """One answered questionnaire. Deliberately without user, address or timestamp (see the module docstring)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    age_group = models.CharField(_("Altersgruppe"), max_length=20, choices=AgeGroup.choices, default=NO_ANSWER)
    district = optional_link(District, _("Stadtbezirk"), help_text=_("leer: keine Angabe"))
    migration = models.CharField(
        _("Migrationsgeschichte"), max_length=20, choices=MigrationHistory.choices, default=NO_ANSWER
    )
    organisation_kind = models.CharField(
        _("Art der Organisation"), max_length=30, choices=OrganisationKind.choices, default=NO_ANSWER
    )
    month = models.DateField(_("Monat"), help_text=_("immer der Erste des Monats, in dem die Angaben gemacht wurden"))
    channel = models.CharField(_("Weg"), max_length=20, choices=Channel.choices, default=Channel.ONLINE)
    event = optional_link(Event, _("Veranstaltung"))

    class Meta:
        verbose_name = _("Angaben zur Person (freiwillig)")
        verbose_name_plural = _("Angaben zur Person (freiwillig)")
        constraints = [
            models.CheckConstraint(condition=models.Q(month__day=1), name="reach_profile_month_first_day"),
        ]

    def __str__(self) -> str:
        return str(_("Angaben zur Person (anonym)"))


class ReachLanguage(models.Model):
    """One language a respondent speaks (several per profile)."""

    profile = models.ForeignKey(ReachProfile, on_delete=models.CASCADE, related_name="languages")
    language = models.CharField(_("Sprache"), max_length=20, choices=Language.choices)

    class Meta:
        verbose_name = _("Sprache")
        verbose_name_plural = _("Sprachen")
        constraints = [models.UniqueConstraint(fields=["profile", "language"], name="reach_language_once")]

    def __str__(self) -> str:
        return self.get_language_display()


class ReachAnswered(models.Model):
    """That a signed-in person has answered the questionnaire: nothing else, and no link to the answers."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, primary_key=True, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("Fragebogen zur Person beantwortet")
        verbose_name_plural = _("Fragebogen zur Person beantwortet")

    def __str__(self) -> str:
        return str(_("beantwortet"))


class PopulationDimension(models.TextChoices):
    DISTRICT = "district", _("Stadtbezirk")
    AGE_GROUP = "age_group", _("Altersgruppe")
    MIGRATION = "migration", _("Migrationsgeschichte")
    LANGUAGE = "language", _("Sprachen")


class PopulationFigure(models.Model):
    """The city's share of one category of a dimension (e.g. residents of Linden-Limmer, aged 18 to 29), in percent
    of all residents, for a year and from a source. Entered by staff in the admin."""

    dimension = models.CharField(_("Merkmal"), max_length=20, choices=PopulationDimension.choices)
    category = models.CharField(
        _("Ausprägung"),
        max_length=80,
        help_text=_("beim Stadtbezirk dessen Kurzname, sonst der Schlüssel der Antwort im Fragebogen"),
    )
    share = models.DecimalField(
        _("Anteil an der Bevölkerung (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    year = models.PositiveSmallIntegerField(_("Jahr"), validators=[MinValueValidator(1990), MaxValueValidator(2100)])
    source = models.CharField(_("Quelle"), max_length=200)

    class Meta:
        verbose_name = _("Bevölkerungszahl")
        verbose_name_plural = _("Bevölkerungszahlen")
        ordering = ["dimension", "-year", "category"]
        constraints = [
            models.UniqueConstraint(fields=["dimension", "category", "year"], name="population_figure_once"),
        ]

    def __str__(self) -> str:
        return f"{self.get_dimension_display()}: {self.category} ({self.year})"
