"""The consultation page and its list of proposals."""

from functools import partial

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from lip import http

from .. import page_cache, permissions, selectors
from ..filters import ProposalFilterSet
from ..models import ConsultationPage, PhaseType, PlanDraftPage, SurveyPage
from ..permissions import Action
from . import card_cache, cards
from .common import (
    LATEST_COUNT,
    PAGE_SIZE,
    SAFE_METHODS,
    base_context,
    make_offer,
    prepare_page,
    sort_seed,
    sub_url,
    submit_offer,
)

# --- Consultation page -----------------------------------------------------------


def consultation_overview(request, page: ConsultationPage):
    if request.method not in SAFE_METHODS:
        return http.not_allowed(*SAFE_METHODS)
    prepare_page(page, "topics", "districts")
    page_cache.consultation_page(request, page)
    user = request.user
    now = timezone.now()
    phases = page.phase_list()
    current = page.phase_at(now)
    timeline = [
        {"phase": phase, "state": "current" if phase is current else ("past" if phase.end <= now else "future")}
        for phase in phases
    ]
    list_url = sub_url(request, page, "proposal_list")
    create_url = sub_url(request, page, "proposal_create")
    page_url = http.page_url(request, page)
    # `numchild` comes with the page: a consultation without a draft under it costs no query here.
    actions = _draft_actions(request, page, page_url) if page.pk and page.numchild else []
    actions += _survey_actions(request, page) if page.pk and page.numchild else []
    collects_proposals = _has_proposal_phases(phases)
    if collects_proposals:
        actions += _proposal_actions(request, page, list_url, create_url, page_url)
    saved = page.pk is not None
    vote_state = selectors.vote_state(user, page) if saved and page.vote_budget and user.is_authenticated else None
    latest = []
    if saved:
        recent = selectors.visible_proposals(page).order_by("-created_at", "-id")[:LATEST_COUNT]
        latest = cards.prepare_cards(request, page, recent, state=vote_state)
    context = base_context(
        page,
        timeline=timeline,
        current_phase=current,
        actions=actions,
        collects_proposals=collects_proposals,
        figures=selectors.consultation_figures(page) if saved else None,
        latest_proposals=latest,
        voting_open=cards.voting_open(page),
        events=list(selectors.events_for(page)) if saved else [],
        vote_state=vote_state,
        list_url=list_url,
        topics=list(page.topics.all()),
        districts=list(page.districts.all()),
    )
    return render(request, "consultation/consultation_page.html", context)


PROPOSAL_PHASES = frozenset({PhaseType.SUBMISSION, PhaseType.DISCUSSION, PhaseType.VOTING})


def _has_proposal_phases(phases) -> bool:
    """Whether the consultation collects proposals at all (a consultation only about a draft text does not)."""
    return not phases or any(phase.type in PROPOSAL_PHASES for phase in phases)


def _offered(label: str, url: str, decision, action: Action, *, page: ConsultationPage, next_url: str = "") -> dict:
    """An entry of the page's list of ways to take part: what, where, and whether this person may (or why not); a
    visitor who must sign in first comes back to `next_url` (default: `url`)."""
    offer = make_offer(decision, consultation=page, action=action, next_url=next_url or url)
    return {"label": label, "url": url, "offer": offer}


def _proposal_actions(request, page: ConsultationPage, list_url: str, create_url: str, page_url: str) -> list[dict]:
    user = request.user
    offered = partial(_offered, page=page, next_url=page_url)
    actions = [
        {"label": _("Vorschlag einreichen"), "url": create_url, "offer": submit_offer(request, page)},
        offered(_("Vorschläge kommentieren"), list_url, permissions.can_comment_in(user, page), Action.COMMENT),
        offered(_("Vorschläge unterstützen"), list_url, permissions.can_vote_in(user, page), Action.VOTE),
    ]
    if user.is_authenticated and user.has_perm("lip.state_for_council"):
        label = _("Stellungnahmen Ihres Integrationsbeirats veröffentlichen")
        actions.append(offered(label, list_url, permissions.can_state_in(user, page), Action.STATE))
    return actions


def _draft_actions(request, page: ConsultationPage, page_url: str) -> list[dict]:
    """Commenting on the plan drafts under this consultation (one query), and a council's statements on them."""
    user = request.user
    may_state = user.is_authenticated and user.has_perm("lip.state_for_council")
    actions = []
    for draft in PlanDraftPage.objects.child_of(page).live().specific().order_by("path"):
        url = http.page_url(request, draft)
        title = {"title": draft.title}
        decision = permissions.can_comment_plan(user, draft, consultation=page)
        actions.append(_offered(_("„%(title)s“ kommentieren") % title, url, decision, Action.TEXT_COMMENT, page=page))
        if may_state:
            label = _("Stellungnahme Ihres Integrationsbeirats zu „%(title)s“") % title
            decision = permissions.can_state_plan(user, draft, consultation=page)
            actions.append(_offered(label, url, decision, Action.TEXT_STATE, page=page))
    return actions


# --- Proposal list ---------------------------------------------------------------


def proposal_list(request, page: ConsultationPage):
    if request.method not in SAFE_METHODS:
        return http.not_allowed(*SAFE_METHODS)
    prepare_page(page)
    page_cache.consultation_page(request, page, params=(*ProposalFilterSet.base_filters, "page"))
    seed = sort_seed(request) if request.GET.get("sort") == "random" else 1
    filterset = ProposalFilterSet(request.GET, queryset=selectors.visible_proposals(page), seed=seed, request=request)
    filterset.form.label_suffix = ""
    page_obj = None
    status = 200
    if filterset.is_valid():
        paginator = Paginator(filterset.qs, PAGE_SIZE)
        card_cache.remember_count(request, page, paginator)
        page_obj = paginator.get_page(request.GET.get("page"))
    else:
        status = 400  # forged or impossible filter values: say which, list nothing
    context = base_context(
        page,
        filter=filterset,
        **cards.card_list_context(request, page, page_obj),
        is_filtered=any(value for key, value in request.GET.items() if key not in ("page", "sort")),
        # How many filters are set: the folded filter form on phones says so ("Filter (2)") and opens by itself.
        active_filters=sum(1 for name in ProposalFilterSet.base_filters if name != "sort" and request.GET.get(name)),
        submit_offer=submit_offer(request, page),
        create_url=sub_url(request, page, "proposal_create"),
        list_url=sub_url(request, page, "proposal_list"),
        page_url=http.page_url(request, page),
    )
    context["filter_html"] = card_cache.filter_form(request, context)
    return render(request, "consultation/proposal_list.html", context, status=status)


def _survey_actions(request, page: ConsultationPage) -> list[dict]:
    """Answering the surveys under this consultation (one query): open in its "Umfrage" phases."""
    user = request.user
    actions = []
    for survey in SurveyPage.objects.child_of(page).live().defer_streamfields().order_by("path"):
        url = http.page_url(request, survey)
        decision = permissions.can_answer_survey(user, survey, consultation=page)
        label = _("An der Umfrage „%(title)s“ teilnehmen") % {"title": survey.title}
        actions.append(_offered(label, url, decision, Action.ANSWER, page=page))
    return actions
