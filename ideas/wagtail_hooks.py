"""Admin wiring of the idea competition: the fund's workspace ("Ideenwettbewerb") in the Wagtail menu."""

from django.shortcuts import redirect
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from .applications.admin import ApplicationViewSet, DecisionsOnlyPolicy
from .funds.admin import FundViewSet
from .jury.admin import JuryAssignmentViewSet, RankingViewSet
from .models import Application, CompetitionPage

# Before any view asks for the model's policy (Wagtail would otherwise create the default one).
register_permission_policy(Application, DecisionsOnlyPolicy(Application))


class IdeasGroup(ModelViewSetGroup):
    """The staff workspace of the fund: applications with their decisions, funds, jury assignments, the ranking."""

    menu_label = _("Ideenwettbewerb")
    menu_icon = "pick"
    menu_order = 245
    items = (
        ApplicationViewSet("ideas-applications"),
        FundViewSet("ideas-funds"),
        JuryAssignmentViewSet("ideas-jury"),
        RankingViewSet(),
    )


@hooks.register("register_admin_viewset")
def register_ideas_workspace():
    return IdeasGroup()


@hooks.register("before_delete_page")
def keep_competitions_with_applications(request, page):
    """Applications are records of the fund: a competition that has any is unpublished, not deleted."""
    if issubclass(page.specific_class, CompetitionPage) and Application.objects.filter(competition_id=page.pk).exists():
        messages.error(
            request,
            gettext(
                "Dieser Wettbewerb hat bereits Anträge und kann nicht gelöscht werden. Sie können ihn depublizieren."
            ),
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action("ideas.application.submit", _("Antrag eingereicht"), _("Antrag eingereicht"))
    actions.register_action("ideas.application.withdraw", _("Antrag zurückgezogen"), _("Antrag zurückgezogen"))
    actions.register_action("ideas.application.eligible", _("Als zulässig eingestuft"), _("Als zulässig eingestuft"))
    actions.register_action(
        "ideas.application.not_eligible", _("Als nicht zulässig eingestuft"), _("Als nicht zulässig eingestuft")
    )
    actions.register_action("ideas.application.award", _("Förderung bewilligt"), _("Förderung bewilligt"))
    actions.register_action("ideas.application.decline", _("Förderung abgelehnt"), _("Förderung abgelehnt"))
    actions.register_action("ideas.application.conflict", _("Befangenheit erklärt"), _("Befangenheit erklärt"))


@hooks.register("register_api_viewsets")
def register_api_viewsets():
    from .api.views import CompetitionViewSet, ProjectViewSet

    return [("projects", ProjectViewSet, "project"), ("competitions", CompetitionViewSet, "competition")]


@hooks.register("register_open_datasets")
def register_open_datasets():
    from .api.datasets import datasets

    return datasets()
