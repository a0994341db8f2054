"""Linked proposals chosen by search, without JavaScript: the application form's search button re-renders the form
with what was entered and a list of matching proposals as checkboxes; chosen ones stay checked. Typing proposal
numbers keeps working. Only published proposals of the competition's consultations can be found or chosen.

`ProposalLinksMixin` goes into the application form (fields `proposal_query`, `proposal_ids` and `proposals`);
`form_for_search` turns a submitted form into an unbound one showing the same input, so that a search never shows
validation errors of a half-filled form.
"""

from django import forms

from ..competitions.selectors import search_linkable_proposals

SEARCH_BUTTON = "search_proposals"
MAX_MATCHES = 10
_MAX_ID_DIGITS = 18


def _ids(values) -> list[int]:
    ids = []
    for value in values or []:
        value = str(getattr(value, "pk", value)).strip()
        if value.isdigit() and len(value) <= _MAX_ID_DIGITS and int(value) not in ids:
            ids.append(int(value))
    return ids


class ProposalLinksMixin:
    """The proposals an application builds on: chosen by checkbox (found by search) and typed as numbers."""

    proposal_search_run = False

    def _chosen_ids(self) -> list[int]:
        if self.is_bound:
            return _ids(self.data.getlist(self.add_prefix("proposal_ids")) if hasattr(self.data, "getlist") else [])
        return _ids(self.initial.get("proposal_ids"))

    def proposal_query(self) -> str:
        value = self["proposal_query"].value() or ""
        return str(value).strip()[: self.fields["proposal_query"].max_length]

    def proposal_options(self, *, search: bool = False) -> list[dict]:
        """The chosen proposals (checked) and, after a search, up to MAX_MATCHES further matches (unchecked)."""
        queryset = self.fields["proposal_ids"].queryset
        chosen_ids = self._chosen_ids()
        chosen = list(queryset.filter(pk__in=chosen_ids).order_by("reference")) if chosen_ids else []
        options = [{"proposal": p, "checked": True} for p in chosen]
        query = self.proposal_query()
        if search and query:
            self.proposal_search_run = True
            known = {p.pk for p in chosen}
            for proposal in search_linkable_proposals(queryset, query, limit=MAX_MATCHES + len(known)):
                if proposal.pk not in known and len(options) - len(chosen) < MAX_MATCHES:
                    options.append({"proposal": proposal, "checked": False})
        return options

    def merge_linked_proposals(self, cleaned: dict) -> None:
        """The checked and the typed proposals together, each once (checked first)."""
        if "proposals" in self.errors or "proposal_ids" in self.errors:
            return
        merged = list(cleaned.get("proposal_ids") or [])
        for proposal in cleaned.get("proposals") or []:
            if proposal not in merged:
                merged.append(proposal)
        cleaned["proposals"] = merged


def form_for_search(form_class, data, **kwargs):
    """An unbound form showing what `data` holds (files are not kept: a browser cannot be given them back)."""
    bound = form_class(data, **kwargs)
    initial = {}
    for name, field in bound.fields.items():
        if isinstance(field, forms.FileField):
            continue
        initial[name] = field.widget.value_from_datadict(bound.data, {}, bound.add_prefix(name))
    return form_class(initial=initial, **kwargs)


def formset_rows(formset_class_factory, data) -> list[dict]:
    """The cost lines typed so far (non-blank rows), as initial data for an unbound cost plan."""
    bound = formset_class_factory(data)
    rows = []
    try:
        forms_ = bound.forms
    except forms.ValidationError:  # a forged management form: start again with empty lines
        return rows
    for row in forms_:
        description = row["description"].value() or ""
        amount = row["amount"].value() or ""
        if str(description).strip() or str(amount).strip():
            rows.append({"description": description, "amount": amount})
    return rows
