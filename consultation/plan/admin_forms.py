"""Forms of the plan draft's staff side: the filter of the Abwägung list, the answer form, the analog entry form."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import BLANK_CHOICE_DASH, Q
from django.template.defaultfilters import truncatechars
from django.utils.translation import gettext_lazy as _

from lip.admin_forms_support import show_validation_error
from lip.formfields import CleanFormMixin, SafeModelChoiceField
from lip.models import District, Organisation

from ..models import AnswerOutcome, Channel, Comment, PlanChapter, PlanDraftPage, PlanParagraph
from ..models.plan import PARAGRAPH_MAX
from ..workspace.fields import AnalogChannelField, ConsultationEventField, ReceivedAtField
from .answers import REASONING_MAX, TEXT_MAX, check_chapter_contribution

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


CHAPTER_VALUE = "kapitel-"  # the value of a whole chapter in the target field: "kapitel-<pk>"; a paragraph's is its pk


class DraftTargetField(forms.ChoiceField):
    """What an analog contribution is about: a paragraph of the draft's current text or a whole chapter, one group
    per chapter, opened by the chapter as a whole ("Kapitel 2 (insgesamt)"). Cleans to the PlanParagraph or
    PlanChapter; anything not offered (another draft's, a removed one, a forged value) is the "invalid choice" error.
    """

    default_error_messages = {"invalid_choice": _("Bitte wählen Sie einen Absatz oder ein Kapitel aus der Liste.")}

    def __init__(self, **kwargs):
        super().__init__(choices=[], **kwargs)
        self.targets: dict[str, PlanParagraph | PlanChapter] = {}

    def offer(self, page: PlanDraftPage) -> None:
        """Offer the draft's current chapters and paragraphs (two queries)."""
        self.targets = {}  # a new dict: the form's copy of the field shares the declared field's
        groups: dict[int, tuple[str, list]] = {}
        for chapter in PlanChapter.objects.filter(page=page, removed_in__isnull=True).order_by("number"):
            value = f"{CHAPTER_VALUE}{chapter.pk}"
            self.targets[value] = chapter
            groups[chapter.number] = (
                chapter.title,
                [(value, _("Kapitel %(number)s (insgesamt)") % {"number": chapter.number})],
            )
        paragraphs = PlanParagraph.objects.filter(page=page, removed_in__isnull=True).order_by("position")
        for paragraph in paragraphs:
            value = str(paragraph.pk)
            self.targets[value] = paragraph
            options = groups.setdefault(paragraph.chapter_number, (paragraph.chapter_title, []))[1]
            options.append((value, f"{paragraph.label} – {truncatechars(paragraph.text, 70)}"))
        self.choices = BLANK_CHOICE_DASH + [
            (f"{number}. {title}", options) for number, (title, options) in sorted(groups.items())
        ]

    def clean(self, value):
        value = super().clean(value)
        return self.targets.get(value)


class AnalogCommentForm(CleanFormMixin, forms.Form):
    """A comment, amendment or council statement on a paragraph, or a council's statement on a whole chapter, that
    reached the city outside the platform."""

    target = DraftTargetField(
        label=_("Absatz oder Kapitel"),
        help_text=_(
            "Ein ganzes Kapitel nur für die Stellungnahme eines Integrationsbeirats (ohne Formulierungsvorschlag)."
        ),
    )
    channel = AnalogChannelField()
    event = ConsultationEventField(
        help_text=_("Die Veranstaltung oder Sitzung, aus der der Beitrag stammt (falls es eine gibt)."),
    )
    received_at = ReceivedAtField(
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
        self.fields["target"].offer(page)
        self.fields["event"].offer(page.get_parent().pk)

    def clean(self):
        data = super().clean()
        if isinstance(data.get("target"), PlanChapter):
            try:
                check_chapter_contribution(
                    statement_district=data.get("statement_district"), proposed_text=data.get("proposed_text", "")
                )
            except ValidationError as error:
                show_validation_error(self, error)
        return data

    def service_target(self) -> dict:
        """The paragraph or the chapter, as `answers.record_analog_comment` takes it."""
        target = self.cleaned_data["target"]
        return {"chapter" if isinstance(target, PlanChapter) else "paragraph": target}

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
