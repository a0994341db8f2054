"""The public page of an event (analog participation) and its minutes."""

import os

from django.core.paginator import Paginator
from django.db.models import Sum
from django.http import Http404
from django.shortcuts import render

from lip import http
from lip.files import serve_private_file

from .. import page_cache, selectors
from ..models import AnalogTally, ConsultationPage, Event, ProposalState
from . import cards
from .common import (
    PAGE_SIZE,
    SAFE_METHODS,
    base_context,
    prepare_page,
)

# --- Events ----------------------------------------------------------------------


def event_minutes(request, page: ConsultationPage, event_id: int):
    """The event's minutes (PDF). Events are public wherever their consultation page is (Wagtail has already checked
    the page's own view restrictions before routing here)."""
    if request.method not in SAFE_METHODS:
        return http.not_allowed(*SAFE_METHODS)
    event = Event.objects.filter(pk=event_id, consultation=page).first()
    if event is None or not event.minutes_file:
        raise Http404
    return serve_private_file(request, event.minutes_file, filename=os.path.basename(event.minutes_file.name))


def event_detail(request, page: ConsultationPage, event_id: int):
    if request.method not in SAFE_METHODS:
        return http.not_allowed(*SAFE_METHODS)
    prepare_page(page)
    page_cache.consultation_page(request, page, params=("page",))
    event = selectors.events_for(page).filter(pk=event_id).first()
    if event is None:
        raise Http404
    proposals = selectors.visible_proposals(page).filter(event=event).order_by("-created_at", "-id")
    page_obj = Paginator(proposals, PAGE_SIZE).get_page(request.GET.get("page"))
    dot_votes = AnalogTally.objects.filter(event=event, proposal__state=ProposalState.PUBLISHED).aggregate(
        total=Sum("count")
    )["total"]
    context = base_context(
        page,
        event=event,
        **cards.card_list_context(request, page, page_obj),
        dot_votes=dot_votes or 0,
        page_url=http.page_url(request, page),
    )
    return render(request, "consultation/event_detail.html", context)
