"""Forms of moderation: the participants' report form and the moderators' reason forms.

The forms check input; the services in `moderation.services` decide permissions, check the reason again and store.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..forms import PlainTextField
from ..models import ReportReason
from .services import REASON_MAX, REPORT_TEXT_MAX


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Warum melden Sie diesen Beitrag?"),
        choices=ReportReason.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Bitte wählen Sie einen Grund."),
            "invalid_choice": _("Bitte wählen Sie einen Grund aus der Liste."),
        },
    )
    text = PlainTextField(
        label=_("Erläuterung (freiwillig)"),
        required=False,
        max_length=REPORT_TEXT_MAX,
        rows=4,
        help_text=_("Was genau ist das Problem? Höchstens 1.000 Zeichen. Nur die Moderation liest das."),
    )


class ReasonForm(forms.Form):
    """A moderator's reason for a decision. Required for hiding and blocking: the person concerned is told."""

    reason = forms.CharField(
        label=_("Begründung"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": REASON_MAX}),
        help_text=_("Wird im Verlauf gespeichert und der betroffenen Person per E-Mail mitgeteilt."),
        error_messages={"required": _("Bitte geben Sie einen Grund an. Er wird der betroffenen Person mitgeteilt.")},
    )

    def __init__(self, *args, required: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = required
        if not required:
            self.fields["reason"].label = _("Begründung (freiwillig)")
