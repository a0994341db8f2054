"""The FilterSets of the consultation's endpoints. An invalid value is a 400 with a message (django-filter's
DjangoFilterBackend raises a ValidationError), never a 500; drf-spectacular documents each filter from here."""

import django_filters as filters
from django.db.models import Q

from lip.api.filters import StrictBooleanFilter, range_filters, slug_filter
from lip.models import District, Topic

from ..models import Channel, Comment, ConsultationPage, Event, EventKind, Proposal, ResponseState
from ..selectors import proposal_search
from .serializers import CHANNEL_KINDS, CommentKind


def consultation_q(prefix: str, value: str) -> Q:
    """A consultation named by its id or by its slug."""
    field = f"{prefix}__" if prefix else ""
    if value.isascii() and value.isdigit() and len(value) < 19:  # a 64-bit id; anything longer names no row
        return Q(**{f"{field}pk": int(value)})
    return Q(**{f"{field}slug": value})


class ConsultationFilter(filters.FilterSet):
    topic = slug_filter(Topic, "topics")
    district = slug_filter(District, "districts")

    class Meta:
        model = ConsultationPage
        fields = ["topic", "district"]


class ProposalFilter(filters.FilterSet):
    consultation = filters.CharFilter(method="filter_consultation", help_text="Id or slug of the consultation.")
    topic = slug_filter(Topic)
    district = slug_filter(District)
    channel = filters.ChoiceFilter(choices=Channel.choices)
    channel_kind = filters.ChoiceFilter(choices=CHANNEL_KINDS, method="filter_channel_kind")
    has_response = StrictBooleanFilter(method="filter_has_response", help_text="Has a published official response.")
    response_state = filters.ChoiceFilter(
        choices=ResponseState.choices, method="filter_response_state", help_text="State of the published response."
    )
    created_after, created_before = range_filters("created_at")
    q = filters.CharFilter(method="filter_search", help_text="Full-text search in title and text, or a reference.")

    class Meta:
        model = Proposal
        fields = ["consultation", "topic", "district", "channel"]

    def filter_consultation(self, queryset, name, value):
        return queryset.filter(consultation_q("consultation", value))

    def filter_channel_kind(self, queryset, name, value):
        if value == "online":
            return queryset.filter(channel=Channel.ONLINE)
        return queryset.exclude(channel=Channel.ONLINE)

    def filter_has_response(self, queryset, name, value):
        return queryset.filter(response__published_at__isnull=value != "true")  # a method gets the raw choice

    def filter_response_state(self, queryset, name, value):
        return queryset.filter(response__published_at__isnull=False, response__state=value)

    def filter_search(self, queryset, name, value):
        return proposal_search(queryset, value)


class CommentFilter(filters.FilterSet):
    proposal = filters.CharFilter(field_name="proposal__reference", help_text="Reference of the proposal.")
    kind = filters.ChoiceFilter(choices=CommentKind.choices, method="filter_kind")
    consultation = filters.CharFilter(method="filter_consultation", help_text="Id or slug of the consultation.")
    created_after, created_before = range_filters("created_at")

    class Meta:
        model = Comment
        fields = ["proposal", "kind", "consultation"]

    def filter_kind(self, queryset, name, value):
        if value == CommentKind.STATEMENT:
            return queryset.filter(statement_district__isnull=False)
        amendments = queryset.filter(statement_district__isnull=True)
        if value == CommentKind.AMENDMENT:
            return amendments.exclude(proposed_text="")
        return amendments.filter(proposed_text="")

    def filter_consultation(self, queryset, name, value):
        page = ConsultationPage.objects.filter(consultation_q("", value)).only("path").first()
        if page is None:
            return queryset.none()
        # Plan drafts are child pages of their consultation.
        drafts = Q(paragraph__page__path__startswith=page.path) | Q(chapter__page__path__startswith=page.path)
        return queryset.filter(Q(proposal__consultation_id=page.pk) | drafts)


class EventFilter(filters.FilterSet):
    consultation = filters.CharFilter(method="filter_consultation", help_text="Id or slug of the consultation.")
    kind = filters.ChoiceFilter(choices=EventKind.choices)
    district = slug_filter(District)
    date_after, date_before = range_filters("date")

    class Meta:
        model = Event
        fields = ["consultation", "kind", "district"]

    def filter_consultation(self, queryset, name, value):
        return queryset.filter(consultation_q("consultation", value))
