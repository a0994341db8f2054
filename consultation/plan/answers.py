"""The staff side of the plan draft: the administration's answer to each comment, amendment and statement (the
Abwägung), and comments that reached the city on paper or at a workshop, entered by staff (a district integration
council's statement from its meeting also on a whole chapter).

Writes are services (`answer_comment`, `record_analog_comment`) that check their predicate, work on locked rows in
one transaction and leave an entry in Wagtail's audit log; reads for the admin are the selectors below.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .. import counters, page_cache, permissions
from ..models import (
    AnswerOutcome,
    Channel,
    Comment,
    CommentAnswer,
    CommentState,
    Event,
    PlanChapter,
    PlanDraftPage,
    PlanParagraph,
    PlanVersion,
)

REASONING_MAX = 5000
TEXT_MAX = 2000


class AnswerLogAction:
    """The audit log actions of the Abwägung (registered with their labels in wagtail_hooks.py)."""

    ANSWER = "consultation.plan.answer"
    CHANGE = "consultation.plan.answer_change"


# --- Answers (Abwägung) ------------------------------------------------------------------------------------------


def _reasoning(reasoning: str) -> str:
    reasoning = (reasoning or "").strip()
    if not reasoning:
        raise ValidationError({"reasoning": _("Bitte begründen Sie die Abwägung.")})
    if len(reasoning) > REASONING_MAX:
        raise ValidationError(
            {"reasoning": _("Die Begründung darf höchstens %(max)s Zeichen lang sein.") % {"max": REASONING_MAX}}
        )
    return reasoning


@transaction.atomic
def answer_comment(*, comment: Comment, user, outcome: str, reasoning: str) -> CommentAnswer:
    """Write or correct the administration's position on a comment, amendment or statement on the plan draft.

    A corrected answer keeps its `resulting_version`: the version published after it stays the one it led to.
    """
    if not permissions.can_answer_comments(user):
        raise PermissionDenied(_("Abwägungen schreibt die Verwaltung."))
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if comment.paragraph_id is None and comment.chapter_id is None:
        raise ValidationError(_("Nur Beiträge zum Planentwurf werden abgewogen."))
    if comment.is_deleted:
        raise ValidationError(_("Gelöschte Beiträge werden nicht abgewogen."))
    if outcome not in AnswerOutcome.values:
        raise ValidationError({"outcome": _("Bitte wählen Sie ein Ergebnis aus der Liste.")})
    reasoning = _reasoning(reasoning)
    answer = CommentAnswer.objects.filter(comment=comment).first()
    action = AnswerLogAction.CHANGE if answer is not None else AnswerLogAction.ANSWER
    if answer is None:
        answer = CommentAnswer(comment=comment)
    answer.outcome, answer.reasoning = outcome, reasoning
    answer.answered_at, answer.answered_by = timezone.now(), user
    answer.full_clean(exclude=["comment"])
    answer.save()
    log(instance=comment, action=action, user=user, data={"reason": reasoning, "outcome": outcome})
    page_cache.comment_changed(comment, shows_in_figures=False)
    return answer


# --- Analog comments ---------------------------------------------------------------------------------------------


def _analog_event(part: PlanParagraph | PlanChapter, event: Event | None) -> Event | None:
    if event is not None and event.consultation_id != part.page.get_parent().pk:
        raise ValidationError({"event": _("Diese Veranstaltung gehört zu einer anderen Beteiligung.")})
    return event


def check_chapter_contribution(*, statement_district, proposed_text: str) -> None:
    """On a whole chapter only a district integration council's statement is made, and it proposes no wording (that
    is for a paragraph): the model's constraints, as messages for the form that enters it."""
    errors = {}
    if statement_district is None:
        errors["statement_district"] = _(
            "Zu einem ganzen Kapitel werden nur Stellungnahmen eines Integrationsbeirats erfasst. Bitte wählen Sie "
            "den Integrationsbeirat oder einen Absatz."
        )
    if (proposed_text or "").strip():
        errors["proposed_text"] = _(
            "Ein Formulierungsvorschlag gilt einem Absatz. Bitte wählen Sie den Absatz oder lassen Sie das Feld leer."
        )
    if errors:
        raise ValidationError(errors)


def _locked_part(paragraph: PlanParagraph | None, chapter: PlanChapter | None) -> PlanParagraph | PlanChapter:
    """The paragraph or chapter as it is now (a publication may have removed it), locked against a publication."""
    if (paragraph is None) == (chapter is None):
        raise TypeError("record_analog_comment takes either a paragraph or a chapter")
    part = paragraph or chapter
    part = type(part).objects.select_for_update().select_related("page").get(pk=part.pk)
    if part.is_removed:
        if isinstance(part, PlanChapter):
            raise ValidationError(_("Dieses Kapitel ist in der aktuellen Fassung nicht mehr enthalten."))
        raise ValidationError(_("Dieser Absatz ist in der aktuellen Fassung nicht mehr enthalten."))
    return part


@transaction.atomic
def record_analog_comment(
    *, recorded_by, data: dict, paragraph: PlanParagraph | None = None, chapter: PlanChapter | None = None
) -> Comment:
    """Staff transcribe a comment on a paragraph from a workshop, a letter, an e-mail, a call or a council meeting,
    or a district integration council's statement on a whole `chapter` (exactly one of `paragraph` and `chapter`).

    `data`: channel (analog), text, optional event (of the draft's consultation), author_name, organisation,
    proposed_text (an amendment; on a paragraph only), statement_district (a council's statement made in its
    meeting; required on a chapter), created_at. Published and reviewed at once; it counts like an online comment.
    """
    if not permissions.can_record_analog(recorded_by):
        raise PermissionDenied(_("Analoge Beiträge erfasst die Verwaltung."))
    part = _locked_part(paragraph, chapter)
    channel = data.get("channel")
    if channel not in Channel.analog():
        raise ValidationError({"channel": _("Bitte wählen Sie einen analogen Weg.")})
    event = _analog_event(part, data.get("event"))
    text = (data.get("text") or "").strip()
    if not text:
        raise ValidationError({"text": _("Bitte geben Sie den Beitrag ein.")})
    proposed_text = (data.get("proposed_text") or "").strip()
    if isinstance(part, PlanChapter):
        check_chapter_contribution(statement_district=data.get("statement_district"), proposed_text=proposed_text)
    elif proposed_text and proposed_text == part.text.strip():
        raise ValidationError(
            {"proposed_text": _("Der Formulierungsvorschlag ist derselbe wie der aktuelle Text des Absatzes.")}
        )
    now = timezone.now()
    comment = Comment(
        paragraph=part if isinstance(part, PlanParagraph) else None,
        chapter=part if isinstance(part, PlanChapter) else None,
        version=PlanVersion.objects.filter(page_id=part.page_id).order_by("-number").first(),
        text=text,
        proposed_text=proposed_text,
        channel=channel,
        event=event,
        author_name=(data.get("author_name") or "").strip(),
        organisation=data.get("organisation"),
        statement_district=data.get("statement_district"),
        recorded_by=recorded_by,
        state=CommentState.PUBLISHED,
        reviewed_at=now,
        reviewed_by=recorded_by,
        created_at=data.get("created_at") or (min(event.date, now) if event is not None else now),
    )
    comment.full_clean(exclude=["author", "parent"])
    comment.save()
    counters.move_comment_counters(comment, +1)
    page_cache.comment_changed(comment)
    log(instance=comment, action="wagtail.create", user=recorded_by)
    return comment


# --- Reads for the admin -----------------------------------------------------------------------------------------


def on_draft(page_or_pages, *, prefix: str = "") -> Q:
    """Comments on the paragraphs or chapters of a draft (`page_or_pages`: a page, or pages with `__in`)."""
    lookup = "page__in" if isinstance(page_or_pages, list | tuple | QuerySet) else "page"
    return Q(**{f"{prefix}paragraph__{lookup}": page_or_pages}) | Q(**{f"{prefix}chapter__{lookup}": page_or_pages})


def in_text_order(queryset: QuerySet[Comment]) -> QuerySet[Comment]:
    """Contributions in the order of the text: by chapter, a chapter's statements before its paragraphs'
    contributions, then by paragraph, oldest first."""
    return queryset.order_by(
        Coalesce("paragraph__chapter_number", "chapter__number"),
        F("paragraph__position").asc(nulls_first=True),
        "created_at",
        "pk",
    )


def draft_contributions(page: PlanDraftPage) -> QuerySet[Comment]:
    """The draft's published comments, amendments and statements (not deleted; on a paragraph or a whole chapter),
    in the order of the text, with everything the Abwägung list shows loaded in the same query."""
    return in_text_order(
        Comment.objects.filter(on_draft(page), state=CommentState.PUBLISHED, deleted_at__isnull=True).select_related(
            "paragraph", "chapter", "organisation", "statement_district", "event", "answer__resulting_version"
        )
    )


def unanswered_counts(pages) -> dict[int, int]:
    """Per plan draft, how many of its published contributions still wait for an answer: one query."""
    rows = (
        Comment.objects.filter(
            on_draft(list(pages)), state=CommentState.PUBLISHED, deleted_at__isnull=True, answer__isnull=True
        )
        .values(draft=Coalesce("paragraph__page", "chapter__page"))
        .annotate(n=Count("pk"))
    )
    return {row["draft"]: row["n"] for row in rows}
