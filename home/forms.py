"""The site search's query string, read through a form like every other query parameter."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from lip.formfields import CleanCharField, CleanFormMixin

MAX_QUERY_LENGTH = 200
_WORD = re.compile(r"\w+")


class SearchForm(CleanFormMixin, forms.Form):
    q = CleanCharField(label=_("Suchbegriff"), required=False, strip=True)

    def clean_q(self) -> str:
        # Longer input is cut rather than refused: the search box has no limit a person would notice.
        return self.cleaned_data["q"][:MAX_QUERY_LENGTH]

    @property
    def query(self) -> str:
        return self.cleaned_data.get("q", "") if self.is_valid() else ""

    @property
    def page_terms(self) -> str:
        """The query as plain words for the page search: quotes, brackets and operators of the full-text syntax
        (SQLite FTS5, PostgreSQL tsquery) are left out, so no input can be a syntax error."""
        return " ".join(_WORD.findall(self.query))
