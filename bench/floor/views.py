"""The floor's pages: a ListView (20 per page, ordered as our list), a DetailView and the bare vote transaction."""

import os

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views import View
from django.views.generic import DetailView, ListView

from .models import Proposal, User, Vote

CONSULTATION = int(os.environ.get("BENCH_CONSULTATION_ID", "0"))
BUDGET = int(os.environ.get("BENCH_VOTE_BUDGET", "0"))


def _published():
    return Proposal.objects.filter(consultation_id=CONSULTATION, state="published")


class ProposalList(ListView):
    template_name = "floor/list.html"
    paginate_by = 20

    def get_queryset(self):
        return _published().order_by("-created_at", "-id")


class ProposalDetail(DetailView):
    template_name = "floor/detail.html"
    slug_field = slug_url_kwarg = "reference"

    def get_queryset(self):
        return _published()


class VoteView(LoginRequiredMixin, View):
    """The transaction of our vote service in a bare view: lock the person's row, refuse a second vote and a vote over
    the budget, insert the vote row (the unique constraint has the last word) and move the counter in the same
    transaction."""

    raise_exception = True

    def post(self, request, reference):
        proposal = get_object_or_404(_published(), reference=reference)
        with transaction.atomic():
            User.objects.select_for_update().filter(pk=request.user.pk).first()
            mine = Vote.objects.filter(user=request.user, consultation_id=proposal.consultation_id)
            if mine.filter(proposal=proposal).exists():
                return HttpResponse("already voted", status=409)
            if BUDGET and mine.exclude(proposal__state="withdrawn").count() >= BUDGET:
                return HttpResponse("budget used up", status=409)
            try:
                with transaction.atomic():
                    Vote.objects.create(
                        proposal=proposal,
                        user=request.user,
                        consultation_id=proposal.consultation_id,
                        created_at=timezone.now(),
                    )
            except IntegrityError:
                return HttpResponse("already voted", status=409)
            Proposal.objects.filter(pk=proposal.pk).update(online_votes=F("online_votes") + 1)
        return HttpResponseRedirect(f"/vorschlaege/{reference}/#stimmen")
