"""Forms of the plan draft's staff side: the filter of the Abwägung list, the answer form, the analog entry form."""

import django_filters
from django import forms
from django.db.models import Q
from django.template.defaultfilters import truncatechars
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateTimeInput

from lip.formfields import CleanFormMixin, SafeModelChoiceField
from lip.models import District, Organisation

from ..models import AnswerOutcome, Channel, Comment, Event, PlanDraftPage, PlanParagraph
from ..models.plan import PARAGRAPH_MAX
from ..workspace.analog_entry import ANALOG_CHANNEL_CHOICES
from .answers import REASONING_MAX, TEXT_MAX

# --- The list's filter -------------------------------------------------------------------------------------------

OPEN, ANSWERED = "open", "answered"
COMMENT, AMENDMENT, STATEMENT = "comment", "amendment", "statement"
ONLINE, ANALOG = "online", "analog"


class AnswerFilterSet(django_filters.FilterSet):
    """Unanswered/answered, chapter, kind and channel; unknown values are form errors, never a failing query."""

    answered = django_filters.ChoiceFilter(
        label=_("Abwägung"),
        choices=[(OPEN, _("noch nicht abgewogen")), (ANSWERED, _("abgewogen"))],
        method="filter_answered",
        empty_label=_("alle"),
    )
    chapter = django_filters.ChoiceFilter(
        label=_("Kapitel"), choices=[], method="filter_chapter", empty_label=_("alle")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Art"),
        choices=[(COMMENT, _("Kommentare")), (AMENDMENT, _("Änderungsvorschläge")), (STATEMENT, _("Stellungnahmen"))],
        method="filter_kind",
        empty_label=_("alle"),
    )
    channel = django_filters.ChoiceFilter(
        label=_("Weg"),
        choices=[(ONLINE, _("online")), (ANALOG, _("analog (alle Wege)"))],
        method="filter_channel",
        empty_label=_("alle"),
    )

    class Meta:
        model = Comment
        fields = ["answered", "chapter", "kind", "channel"]

    def __init__(self, *args, page: PlanDraftPage, **kwargs):
        super().__init__(*args, **kwargs)
        chapters = (
            PlanParagraph.objects.filter(page=page, removed_in__isnull=True)
            .order_by("chapter_number")
            .values_list("chapter_number", "chapter_title")
            .distinct()
        )
        self.filters["chapter"].extra["choices"] = [(str(n), f"{n}. {title}") for n, title in chapters]

    def filter_answered(self, queryset, name, value):
        return queryset.filter(answer__isnull=value == OPEN)

    def filter_chapter(self, queryset, name, value):
        number = int(value)
        return queryset.filter(Q(paragraph__chapter_number=number) | Q(chapter__number=number))

    def filter_kind(self, queryset, name, value):
        if value == STATEMENT:
            return queryset.filter(statement_district__isnull=False)
        if value == AMENDMENT:
            return queryset.filter(statement_district__isnull=True).exclude(proposed_text="")
        return queryset.filter(Q(statement_district__isnull=True) & Q(proposed_text=""))

    def filter_channel(self, queryset, name, value):
        if value == ANALOG:
            return queryset.exclude(channel=Channel.ONLINE)
        return queryset.filter(channel=Channel.ONLINE)


# --- Answering ---------------------------------------------------------------------------------------------------


class AnswerForm(CleanFormMixin, forms.Form):
    outcome = forms.ChoiceField(label=_("Ergebnis"), choices=AnswerOutcome.choices, widget=forms.RadioSelect)
    reasoning = forms.CharField(
        label=_("Begründung"),
        max_length=REASONING_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Wird mit dem Beitrag veröffentlicht und steht in der Abwägungstabelle."),
    )


# --- Analog comments ---------------------------------------------------------------------------------------------


class ParagraphChoiceField(SafeModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.label} – {truncatechars(obj.text, 70)}"


class AnalogCommentForm(CleanFormMixin, forms.Form):
    """A comment, amendment or council statement on a paragraph that reached the city outside the platform."""

    paragraph = ParagraphChoiceField(label=_("Absatz"), queryset=PlanParagraph.objects.none())
    channel = forms.ChoiceField(label=_("Eingangsweg"), choices=ANALOG_CHANNEL_CHOICES)
    event = SafeModelChoiceField(
        label=_("Veranstaltung"),
        queryset=Event.objects.none(),
        required=False,
        help_text=_("Die Veranstaltung oder Sitzung, aus der der Beitrag stammt (falls es eine gibt)."),
    )
    received_at = forms.DateTimeField(
        label=_("Eingegangen am"),
        required=False,
        widget=AdminDateTimeInput,
        help_text=_(
            "Leer lassen: Bei Beiträgen aus einer Veranstaltung gilt deren Datum, sonst der Zeitpunkt der Erfassung."
        ),
    )
    author_name = forms.CharField(
        label=_("Name (analog)"),
        max_length=200,
        required=False,
        help_text=_("Die Person oder Organisation, so wie sie genannt werden darf; leer = Einzelperson."),
    )
    organisation = SafeModelChoiceField(
        label=_("im Namen von"), queryset=Organisation.objects.order_by("name"), required=False
    )
    statement_district = SafeModelChoiceField(
        label=_("Stellungnahme des Integrationsbeirats"),
        queryset=District.objects.order_by("name"),
        required=False,
        help_text=_("Nur für die Stellungnahme eines Integrationsbeirats, etwa aus seiner Sitzung."),
    )
    text = forms.CharField(label=_("Beitrag"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 5}))
    proposed_text = forms.CharField(
        label=_("Formulierungsvorschlag"),
        max_length=PARAGRAPH_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Nur wenn eine neue Formulierung des Absatzes vorgeschlagen wurde: der ganze Absatz, wie er lauten soll."
        ),
    )

    def __init__(self, *args, page: PlanDraftPage, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["paragraph"].queryset = PlanParagraph.objects.filter(page=page, removed_in__isnull=True).order_by(
            "position"
        )
        self.fields["event"].queryset = Event.objects.filter(consultation_id=page.get_parent().pk).order_by("-date")

    def clean(self):
        data = super().clean()
        received_at = data.get("received_at")
        if received_at and received_at > timezone.now():
            self.add_error("received_at", _("Das Eingangsdatum kann nicht in der Zukunft liegen."))
        return data

    def service_data(self) -> dict:
        data = self.cleaned_data
        return {
            "channel": data["channel"],
            "event": data.get("event"),
            "author_name": data.get("author_name", ""),
            "organisation": data.get("organisation"),
            "statement_district": data.get("statement_district"),
            "text": data["text"],
            "proposed_text": data.get("proposed_text", ""),
            "created_at": data.get("received_at"),
        }
