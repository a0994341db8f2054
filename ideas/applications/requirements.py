"""What an applicant will need ("Was Sie brauchen"), told before they sign in or register an organisation.

Read from the configuration that the form, the cost plan, the services and the file validator apply, so the list
never says something else than what is then checked: the form's fields and their limits, the cost plan's number of
lines and the competition's maximum grant, whether the own contribution is required, the attachments' types, size
and number, and how long the city usually takes to verify an organisation (`LIP_ORGANISATION_VERIFICATION_DAYS`).
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.urls import reverse
from django.utils.translation import ngettext

from consultation import validators

from ..models import CompetitionPage
from . import costs, services
from .forms import ApplicationForm

# Asked elsewhere in the list (organisation, cost plan, attachments) or not a question (removing attachments).
_LISTED_APART = {"organisation", "own_contribution", "attachments", "remove_attachments"}
_TRAILING_REMARK = re.compile(r"\s*\([^()]*\)\s*$")
# The search and its checkboxes are one entry with the typed proposal numbers ("proposals").
_SEARCH_ONLY = {"proposal_query", "proposal_ids"}


@dataclass(frozen=True)
class Field:
    label: str
    max_length: int | None
    required: bool


@dataclass(frozen=True)
class Requirements:
    fields: tuple[Field, ...]
    max_cost_lines: int
    max_grant: Decimal
    own_contribution_required: bool
    attachment_types: tuple[str, ...]
    attachment_max_megabytes: int
    attachment_max_count: int
    verification_days: int
    register_url: str
    organisations_url: str

    @property
    def verification_time(self) -> str:
        days = self.verification_days
        return ngettext("in der Regel %(days)s Werktag", "in der Regel %(days)s Werktage", days) % {"days": days}


def application_requirements(competition: CompetitionPage) -> Requirements:
    """What the application form of `competition` asks (in memory: `competition.consultations` prefetched)."""
    links_proposals = bool(competition.consultations.all())
    fields = []
    for name, field in ApplicationForm.base_fields.items():
        if name in _LISTED_APART or name in _SEARCH_ONLY:
            continue
        if name == "proposals" and not links_proposals:
            continue
        label = str(ApplicationForm.base_fields["proposal_ids"].label if name == "proposals" else field.label)
        if not field.required:  # "Kooperationspartner (optional)": the list says "freiwillig" itself
            label = _TRAILING_REMARK.sub("", label)
        fields.append(Field(label, getattr(field, "max_length", None), field.required))
    return Requirements(
        fields=tuple(fields),
        max_cost_lines=costs.MAX_COST_ITEMS,
        max_grant=competition.max_grant,
        own_contribution_required=ApplicationForm.base_fields["own_contribution"].required,
        attachment_types=tuple(validators.ALLOWED_ATTACHMENT_TYPES.values()),
        attachment_max_megabytes=validators.MAX_ATTACHMENT_BYTES // (1024 * 1024),
        attachment_max_count=services.MAX_ATTACHMENTS,
        verification_days=settings.LIP_ORGANISATION_VERIFICATION_DAYS,
        register_url=reverse("lip:organisation_register"),
        organisations_url=reverse("lip:organisation_list"),
    )
