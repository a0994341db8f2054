"""Form fields and a form mixin that every user-facing form of the platform uses.

Text typed or pasted into a form may carry characters that no page, e-mail, PDF or spreadsheet can hold: NUL
(PostgreSQL refuses it), or control characters such as ESC (U+001B) or the vertical tab Word writes for Shift+Enter
(openpyxl refuses those). Input is therefore cleaned where it enters: NUL is refused with a message (Django's
`ProhibitNullCharactersValidator` on every CharField), line-like separators become newlines and the other control
characters are dropped.

Choice fields keyed by a number refuse numbers outside the 64-bit range with their normal "invalid choice" error
(SQLite raises OverflowError for them instead of finding nothing).
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _

DEFAULT_MAX_LENGTH = 50_000
"""Longest text a form takes where neither the form nor the model says otherwise."""

# Separators a text editor means as a line break: vertical tab (Word's Shift+Enter), form feed, the Unicode line and
# paragraph separators, NEL.
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
# Other C0 and C1 controls and DEL; NUL is left in so that the validator refuses it with a message.
_CONTROLS = re.compile("[\x01-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f]")
_ANY_CONTROL = re.compile("[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")

INT64_MAX = 2**63 - 1


def clean_text(value: str) -> str:
    """`value` with line-like separators as "\\n" and other control characters (except tab and NUL) removed."""
    return _CONTROLS.sub("", _LINE_BREAKS.sub("\n", value))


def validate_no_control_characters(value) -> None:
    if isinstance(value, str) and _ANY_CONTROL.search(value):
        raise ValidationError(_("Der Text enthält unzulässige Steuerzeichen."), code="control_characters")


class CleanCharField(forms.CharField):
    """A CharField that refuses NUL, turns line-like separators into newlines and drops other control characters.

    Without an explicit `max_length` it takes at most DEFAULT_MAX_LENGTH characters.
    """

    def __init__(self, *, max_length=None, **kwargs):
        super().__init__(max_length=max_length or DEFAULT_MAX_LENGTH, **kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = clean_text(value)
        return super().to_python(value)


class PlainTextField(CleanCharField):
    """Multi-line plain text in a textarea of `rows` lines whose `maxlength` the browser enforces too. Line breaks
    count as one character, as the browser's maxlength counts them (CleanCharField makes every one a "\\n")."""

    def __init__(self, *, max_length: int, rows: int = 5, **kwargs):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": rows, "maxlength": max_length}))
        super().__init__(max_length=max_length, **kwargs)


def _clean_data(data):
    """A copy of bound form data whose text values are cleaned like CleanCharField does (files untouched)."""
    if isinstance(data, QueryDict | MultiValueDict):
        cleaned = QueryDict(mutable=True) if isinstance(data, QueryDict) else MultiValueDict()
        for key, values in data.lists():
            cleaned.setlist(key, [clean_text(v) if isinstance(v, str) else v for v in values])
        return cleaned
    if isinstance(data, dict):
        return {key: clean_text(v) if isinstance(v, str) else v for key, v in data.items()}
    return data


class CleanFormMixin:
    """Put first in the bases of every user-facing form (plain, model or Wagtail admin form).

    Cleans the submitted text like CleanCharField for every field (also fields the form got from a model or a
    library, such as tag fields), refuses remaining control characters in text fields and gives text fields
    without a limit DEFAULT_MAX_LENGTH.
    """

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(_clean_data(data), *args, **kwargs)
        for field in self.fields.values():
            make_choice_field_safe(field)
            if isinstance(field, forms.CharField):
                if field.max_length is None:
                    field.max_length = DEFAULT_MAX_LENGTH
                    field.validators.append(MaxLengthValidator(DEFAULT_MAX_LENGTH))
                field.validators.append(validate_no_control_characters)


_INTEGER_TYPES = frozenset(
    {
        "AutoField",
        "BigAutoField",
        "SmallAutoField",
        "IntegerField",
        "BigIntegerField",
        "SmallIntegerField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "PositiveBigIntegerField",
    }
)


def _acceptable_key(field, value) -> bool:
    """Whether `value` can be looked up as a key of the field's model without the database failing."""
    if value in field.empty_values:
        return True
    if getattr(field, "null_label", None) is not None and value == getattr(field, "null_value", None):
        return True  # django-filter's "none of them" choice ("null": e.g. stadtweit), not a key
    text = str(value)
    if "\x00" in text:
        return False
    key = field.to_field_name or "pk"
    meta = field.queryset.model._meta
    model_field = meta.pk if key == "pk" else meta.get_field(key)
    while model_field.is_relation:  # a page's pk is its link to Page
        model_field = model_field.target_field
    if model_field.get_internal_type() not in _INTEGER_TYPES:
        return True
    try:
        return -INT64_MAX <= int(text.strip()) <= INT64_MAX
    except ValueError:
        return False


def _invalid_choice(field, value) -> ValidationError:
    return ValidationError(field.error_messages["invalid_choice"], code="invalid_choice", params={"value": value})


class SafeChoiceMixin:
    """For ModelChoiceField and its subclasses (django-filter's): huge numbers and NUL are an invalid choice.

    A refused value is also not rendered back into the widget (Wagtail's chooser widgets look it up to show it).
    """

    def to_python(self, value):
        if not _acceptable_key(self, value):
            raise _invalid_choice(self, value)
        return super().to_python(value)

    def bound_data(self, data, initial):
        data = super().bound_data(data, initial)
        return data if _acceptable_key(self, data) else initial


class SafeMultipleChoiceMixin:
    def _check_values(self, value):
        try:
            values = frozenset(value)
        except TypeError:
            values = frozenset()  # the parent raises its "invalid list" error
        for item in values:
            if not _acceptable_key(self, item):
                raise _invalid_choice(self, item)
        return super()._check_values(value)

    def bound_data(self, data, initial):
        data = super().bound_data(data, initial)
        if isinstance(data, list | tuple) and not all(_acceptable_key(self, item) for item in data):
            return initial
        return data


class SafeModelChoiceField(SafeChoiceMixin, forms.ModelChoiceField):
    """ModelChoiceField whose lookup never overflows."""


class SafeModelMultipleChoiceField(SafeMultipleChoiceMixin, forms.ModelMultipleChoiceField):
    """ModelMultipleChoiceField whose lookup never overflows: huge numbers and NUL are an invalid choice."""


class ActingForField(SafeModelChoiceField):
    """For whom a person contributes: one of the organisations they represent (radio buttons), or, unless the form
    makes it `required`, only themselves. The form sets the queryset (`lip.selectors.organisations_user_can_act_for`);
    another organisation's id is an invalid choice with a message that says why."""

    def __init__(self, *, label, required: bool = False, error_messages=None, **kwargs):
        from .models import Organisation

        if not required:
            kwargs.setdefault("empty_label", _("nur in meinem Namen"))
            kwargs.setdefault("blank", True)
        super().__init__(
            label=label,
            queryset=Organisation.objects.none(),
            required=required,
            widget=forms.RadioSelect,
            error_messages={
                "invalid_choice": _("Sie können nur für bestätigte Organisationen handeln, die Sie vertreten."),
                **(error_messages or {}),
            },
            **kwargs,
        )


_safe_classes: dict[type, type] = {}


def make_choice_field_safe(field: forms.Field) -> None:
    """Give a model choice field of a form (also one a model form or a library made) the safe lookups.

    The field instance is the form's own copy; its class becomes a subclass with the mixin above, so every
    behaviour of the original class (Wagtail's, django-filter's) stays.
    """
    if isinstance(field, SafeChoiceMixin | SafeMultipleChoiceMixin):
        return
    if isinstance(field, forms.ModelMultipleChoiceField):
        mixin = SafeMultipleChoiceMixin
    elif isinstance(field, forms.ModelChoiceField):
        mixin = SafeChoiceMixin
    else:
        return
    cls = type(field)
    if cls not in _safe_classes:
        _safe_classes[cls] = type(f"Safe{cls.__name__}", (mixin, cls), {"__module__": __name__})
    field.__class__ = _safe_classes[cls]
