"""Public forms of the plan draft: a comment on a paragraph (with an optional rewording and, for representatives,
the organisation it speaks for) and a district integration council's statement on a paragraph or a chapter. The forms check the input; the
service (`consultation.plan.services`) decides permissions and stores."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lip.formfields import CleanFormMixin, PlainTextField, SafeModelChoiceField
from lip.models import Organisation
from lip.selectors import organisations_user_can_act_for

from ..forms import COMMENT_MAX
from ..models.plan import PARAGRAPH_MAX


class ChapterStatementForm(CleanFormMixin, forms.Form):
    """A council's statement on a whole chapter: its text only (a rewording is proposed for a paragraph)."""

    text = PlainTextField(
        label=_("Stellungnahme"),
        max_length=COMMENT_MAX,
        help_text=_("Höchstens 2.000 Zeichen."),
    )
    empty_text_message = _("Bitte schreiben Sie eine Stellungnahme.")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["text"].error_messages["required"] = self.empty_text_message

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(self.empty_text_message)
        return text


class StatementForm(ChapterStatementForm):
    """A council's statement on a paragraph, optionally with a rewording."""

    proposed_text = PlainTextField(
        label=_("Formulierungsvorschlag (freiwillig)"),
        required=False,
        max_length=PARAGRAPH_MAX,
        help_text=_(
            "Wenn Sie eine andere Formulierung vorschlagen: schreiben Sie hier den ganzen Absatz so, wie er lauten "
            "soll. Höchstens 5.000 Zeichen."
        ),
        rows=6,
    )

    def clean_proposed_text(self) -> str:
        return self.cleaned_data["proposed_text"].strip()


class ParagraphCommentForm(StatementForm):
    """A comment on a paragraph, optionally with a rewording, in one's own name or for an organisation one
    represents (as in the proposal form)."""

    organisation = SafeModelChoiceField(
        label=_("Kommentieren als"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("nur in meinem Namen"),
        blank=True,
        widget=forms.RadioSelect,
        error_messages={
            "invalid_choice": _("Sie können nur für bestätigte Organisationen handeln, die Sie vertreten.")
        },
    )
    empty_text_message = _("Bitte schreiben Sie einen Kommentar.")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].label = _("Ihr Kommentar")
        # Kept even when the person represents no organisation: a forged value then gets a field error.
        organisations = list(organisations_user_can_act_for(user))
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=[o.pk for o in organisations]
        ).order_by("name")
        self.has_organisations = bool(organisations)
