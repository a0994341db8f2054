"""Public forms of a consultation: submitting and editing a proposal, commenting.

The forms check input (lengths, choices, file content); the services decide permissions and store.
"""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lip.files import PrivateFileInput
from lip.formfields import ActingForField, CleanCharField, CleanFormMixin, PlainTextField, SafeModelChoiceField
from lip.models import District, Organisation, Topic
from lip.selectors import organisations_user_can_act_for

from .models import ConsultationPage, Proposal
from .validators import validate_attachment

TITLE_MAX = 120
TEXT_MAX = 5000
COMMENT_MAX = 2000
TAG_MAX = 50
TAGS_MAX_COUNT = 10


class ProposalForm(CleanFormMixin, forms.Form):
    title = CleanCharField(
        label=_("Titel"),
        max_length=TITLE_MAX,
        help_text=_("Höchstens 120 Zeichen."),
        widget=forms.TextInput(attrs={"maxlength": TITLE_MAX}),
    )
    text = PlainTextField(
        label=_("Beschreibung"),
        max_length=TEXT_MAX,
        rows=12,
        help_text=_("Was schlagen Sie vor, und warum? Höchstens 5.000 Zeichen. Leerzeilen trennen Absätze."),
    )
    topic = SafeModelChoiceField(
        label=_("Handlungsfeld"),
        queryset=Topic.objects.none(),
        empty_label=_("Bitte wählen"),
        error_messages={"invalid_choice": _("Bitte wählen Sie ein Handlungsfeld aus der Liste.")},
    )
    district = SafeModelChoiceField(
        label=_("Stadtbezirk"),
        queryset=District.objects.none(),
        required=False,
        empty_label=_("stadtweit"),
        help_text=_("Leer lassen, wenn der Vorschlag die ganze Stadt betrifft."),
        error_messages={"invalid_choice": _("Bitte wählen Sie einen Stadtbezirk aus der Liste.")},
    )
    suggested_tags = forms.MultipleChoiceField(
        label=_("Schlagworte"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Bitte wählen Sie nur Schlagworte aus der Liste.")},
    )
    extra_tags = CleanCharField(
        label=_("Weitere Schlagworte"),
        required=False,
        max_length=300,
        help_text=_("Durch Kommas getrennt, zum Beispiel: Nachbarschaft, Ehrenamt"),
    )
    attachment = forms.FileField(
        label=_("Anhang (optional)"),
        required=False,
        validators=[validate_attachment],
        help_text=_("PDF, JPEG oder PNG, höchstens 10 MB."),
        widget=PrivateFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"}),
    )
    organisation = ActingForField(label=_("Einreichen als"))

    def __init__(self, *args, consultation: ConsultationPage, user, proposal: Proposal | None = None, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.consultation = consultation
        self.proposal = proposal
        topics = list(consultation.topics.all())
        self.fields["topic"].queryset = (
            Topic.objects.filter(pk__in=[t.pk for t in topics]) if topics else Topic.objects.all()
        )
        districts = list(consultation.districts.all())
        self.fields["district"].queryset = (
            District.objects.filter(pk__in=[d.pk for d in districts]) if districts else District.objects.all()
        )
        suggested = [tag.name for tag in consultation.suggested_tags.all()]
        if suggested:
            self.fields["suggested_tags"].choices = [(name, name) for name in suggested]
        else:
            del self.fields["suggested_tags"]
            self.fields["extra_tags"].label = _("Schlagworte")

        # Acting for an organisation: only those the person represents (and, when editing, the one already set).
        acts_for = Q(pk__in=organisations_user_can_act_for(user).values("pk"))
        if proposal is not None and proposal.organisation_id:
            acts_for |= Q(pk=proposal.organisation_id)
        self.has_organisations = False
        if proposal is not None and proposal.author_id != user.pk:
            del self.fields["organisation"]  # a moderator editing someone's proposal does not change for whom it is
        else:
            # Kept even when the person represents no organisation: a forged value then gets a field error.
            self.fields["organisation"].queryset = Organisation.objects.filter(acts_for).order_by("name")
            self.has_organisations = self.fields["organisation"].queryset.exists()

        if proposal is not None:
            self.initial.update(
                title=proposal.title,
                text=proposal.text,
                topic=proposal.topic_id,
                district=proposal.district_id,
                organisation=proposal.organisation_id,
                attachment=proposal.attachment or None,
            )
            self.fields["attachment"].widget.download_url = proposal.get_absolute_url() + "anhang/"
            names = [tag.name for tag in proposal.tags.all()]
            self.initial["suggested_tags"] = [n for n in names if n in suggested]
            self.initial["extra_tags"] = ", ".join(n for n in names if n not in suggested)

    def clean_title(self) -> str:
        return self.cleaned_data["title"].strip()

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Bitte beschreiben Sie Ihren Vorschlag."))
        return text

    def clean_extra_tags(self) -> list[str]:
        tags = [tag.strip() for tag in self.cleaned_data.get("extra_tags", "").split(",") if tag.strip()]
        if any(len(tag) > TAG_MAX for tag in tags):
            raise forms.ValidationError(
                _("Ein Schlagwort darf höchstens %(max)s Zeichen lang sein."), params={"max": TAG_MAX}
            )
        return tags

    def clean(self):
        cleaned = super().clean()
        tags = set(cleaned.get("suggested_tags") or []) | set(cleaned.get("extra_tags") or [])
        if len(tags) > TAGS_MAX_COUNT:
            self.add_error(
                "extra_tags", _("Bitte vergeben Sie höchstens %(max)s Schlagworte.") % {"max": TAGS_MAX_COUNT}
            )
        cleaned["tags"] = sorted(tags)
        return cleaned

    def service_data(self) -> dict:
        """The cleaned values in the shape the services take."""
        data = {key: self.cleaned_data.get(key) for key in ("title", "text", "topic", "district", "attachment")}
        data["tags"] = self.cleaned_data["tags"]
        if "organisation" in self.fields:
            data["organisation"] = self.cleaned_data.get("organisation")
        elif self.proposal is None:
            data["organisation"] = None
        return data


class CommentEditForm(CleanFormMixin, forms.Form):
    text = PlainTextField(
        label=_("Kommentar"),
        max_length=COMMENT_MAX,
        help_text=_("Höchstens 2.000 Zeichen."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Bitte schreiben Sie einen Kommentar."))
        return text


class CommentForm(CommentEditForm):
    """A new comment: the text of the edit form, and optionally the comment it answers or the statement flag."""

    parent = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    as_statement = forms.BooleanField(label=_("als Stellungnahme veröffentlichen"), required=False)

    def __init__(self, *args, statement_district=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].label = _("Ihr Kommentar")
        if statement_district is not None:
            self.fields["as_statement"].label = _(
                "als Stellungnahme des Integrationsbeirats %(district)s veröffentlichen"
            ) % {"district": statement_district}
