"""The public proposal list's filters. Every state is a plain GET query string: shareable, no JavaScript."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lip import reference
from lip.filters import CleanCharFilter

from . import selectors
from .models import ResponseState

SORT_CHOICES = [
    ("newest", _("neueste zuerst")),
    ("votes", _("meiste Stimmen")),
    ("comments", _("meiste Kommentare")),
    ("random", _("zufällig")),
]
CITYWIDE = "stadtweit"


class ProposalFilterSet(django_filters.FilterSet):
    q = CleanCharFilter(label=_("Suche"), method="filter_search", max_length=200)
    # Choices of topic and district: set per filter set from the cached reference data (__init__).
    topic = django_filters.ChoiceFilter(
        label=_("Handlungsfeld"), choices=[], method="filter_topic", empty_label=_("alle")
    )
    district = django_filters.ChoiceFilter(
        label=_("Stadtbezirk"), choices=[], method="filter_district", empty_label=_("alle")
    )
    tag = CleanCharFilter(label=_("Schlagwort"), field_name="tags__slug", max_length=100)
    channel = django_filters.ChoiceFilter(
        label=_("Weg"),
        choices=[("online", _("online")), ("analog", _("analog"))],
        method="filter_channel",
        empty_label=_("alle"),
    )
    statement = django_filters.BooleanFilter(
        label=_("nur mit Stellungnahme eines Integrationsbeirats"),
        method="filter_statement",
        widget=forms.CheckboxInput,
    )
    response = django_filters.ChoiceFilter(
        label=_("Antwort der Verwaltung"),
        choices=[("none", _("noch keine Antwort"))] + list(ResponseState.choices),
        method="filter_response",
        empty_label=_("alle"),
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sortierung"), choices=SORT_CHOICES, method="filter_noop", empty_label=None
    )

    class Meta:
        fields: list[str] = []

    def __init__(self, *args, seed: int = 1, **kwargs):
        super().__init__(*args, **kwargs)
        self.seed = seed
        # Topics and districts from the cache (lip.reference), once: the filter form costs no query.
        self.reference = reference.load()
        self.filters["topic"].extra["choices"] = [(t.slug, t.name) for t in self.reference.topics]
        self.filters["district"].extra["choices"] = [(CITYWIDE, _("stadtweit"))] + [
            (d.slug, d.name) for d in self.reference.districts
        ]

    def filter_search(self, qs, name, value):
        return selectors.proposal_search(qs, value)

    def filter_topic(self, qs, name, value):
        return qs.filter(topic_id__in=[t.pk for t in self.reference.topics if t.slug == value])

    def filter_district(self, qs, name, value):
        if value == CITYWIDE:
            return qs.filter(district__isnull=True)
        return qs.filter(district_id__in=[d.pk for d in self.reference.districts if d.slug == value])

    def filter_channel(self, qs, name, value):
        return qs.filter(channel="online") if value == "online" else qs.exclude(channel="online")

    def filter_statement(self, qs, name, value):
        return qs.filter(statement_count__gt=0) if value else qs

    def filter_response(self, qs, name, value):
        if value == "none":
            return qs.filter(Q(response__isnull=True) | Q(response__published_at__isnull=True))
        return qs.filter(response__state=value, response__published_at__isnull=False)

    def filter_noop(self, qs, name, value):
        return qs

    @property
    def qs(self):
        qs = super().qs
        data = self.form.cleaned_data if self.form.is_valid() else {}
        if data.get("tag"):
            qs = qs.distinct()
        return selectors.order_proposals(qs, data.get("sort") or "newest", seed=self.seed)
