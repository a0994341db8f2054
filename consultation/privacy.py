"""What the consultation holds about a person (lip.privacy.registry): proposals with their attachments, comments,
statements (on proposals and on the plan draft's paragraphs, with amendments and the administration's answers),
votes, reports they filed, the moderation's decisions about their contributions, and their answers to surveys.

Erase (account deletion), as decided for issue 15:
- proposals, comments and statements stay public, linked to the tombstoned account ("gelöschtes Konto"); a name typed
  into a proposal's `author_name` is blanked; an organisation's proposal stays the organisation's;
- there are no private drafts here (a proposal exists once it is submitted), so nothing is deleted;
- votes stay and keep counting, linked to the tombstone (which carries no personal data): every counter still equals
  its rows and no public total changes;
- reports the person filed stay (the moderation's history), linked to the tombstone;
- survey responses stay in the results, linked to the tombstone (their free texts were shown only after moderation).
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from django.utils.translation import gettext as _
from wagtail.models import ModelLogEntry

from lip.privacy.registry import ExportSection, PersonalDataProvider, register

from .models import Comment, CommentAnswer, ContentReport, Proposal, SurveyResponse, Vote
from .surveys.questions import questions_by_key

MODERATION_ACTIONS = "consultation.moderation."


def _decision_label(action: str) -> str:
    labels = {
        "hide": _("ausgeblendet"),
        "auto_hide": _("nach Meldungen automatisch ausgeblendet"),
        "restore": _("wieder veröffentlicht"),
        "approve": _("freigegeben"),
        "review": _("geprüft"),
    }
    name = action.removeprefix(MODERATION_ACTIONS)
    return labels.get(name, name)


def _proposals(user) -> list[Proposal]:
    return list(
        Proposal.objects.filter(author=user)
        .select_related("consultation", "topic", "district", "organisation", "event")
        .prefetch_related("tags")
        .order_by("created_at", "pk")
    )


def _proposal_row(p: Proposal) -> dict:
    return {
        "nummer": p.reference,
        "beteiligung": p.consultation.title,
        "titel": p.title,
        "beschreibung": p.text,
        "handlungsfeld": p.topic.name,
        "stadtbezirk": p.district.name if p.district_id else None,
        "schlagworte": sorted(tag.name for tag in p.tags.all()),
        "im_namen_von": p.organisation.name if p.organisation_id else None,
        "name_analog": p.author_name,
        "weg": p.get_channel_display(),
        "veranstaltung": p.event.title if p.event_id else None,
        "status": p.get_state_display(),
        "eingereicht_am": p.created_at,
        "geaendert_am": p.updated_at,
        "geprueft_am": p.reviewed_at,
        "anhang": _attachment_path(p) if p.attachment else None,
        "stimmen_online": p.online_votes,
        "stimmen_analog": p.analog_votes,
        "kommentare": p.comment_count,
        "stellungnahmen": p.statement_count,
    }


def _attachment_path(p: Proposal) -> str:
    return f"vorschlaege/{p.reference}/{p.attachment.name.rsplit('/', 1)[-1]}"


def _answer(c: Comment) -> str | None:
    """The administration's answer to a comment on the plan draft (outcome and reasoning), if any."""
    try:
        answer = c.answer
    except CommentAnswer.DoesNotExist:
        return None
    return f"{answer.get_outcome_display()}: {answer.reasoning}"


def _comment_row(c: Comment) -> dict:
    """A comment on a proposal (`vorschlag`), on a paragraph of a plan draft (`absatz`, `planentwurf`) or a
    statement on a whole chapter of it (`kapitel`, `planentwurf`)."""
    draft = c.draft_part
    row = {
        "id": c.pk,
        "vorschlag": c.proposal.reference if c.proposal_id else None,
        "antwort_auf": c.parent_id,
        "absatz": c.paragraph.label if c.paragraph_id else None,
        "kapitel": f"{c.chapter.number} {c.chapter.title}" if c.chapter_id else None,
        "planentwurf": draft.page.title if draft is not None else None,
        "text": c.text,
        "vorgeschlagene_formulierung": c.proposed_text or None,
        "abwaegung": _answer(c) if draft is not None else None,
        "status": c.get_state_display(),
        "geschrieben_am": c.created_at,
        "bearbeitet_am": c.edited_at,
        "geloescht_am": c.deleted_at,
        "geprueft_am": c.reviewed_at,
    }
    if c.statement_district_id:
        row["integrationsbeirat"] = c.statement_district.name
    return row


def _votes(user) -> list[dict]:
    votes = Vote.objects.filter(user=user).order_by("created_at", "pk")
    return list(
        votes.values(
            vorschlag=F("proposal__reference"),
            titel=F("proposal__title"),
            beteiligung=F("consultation__title"),
            abgegeben_am=F("created_at"),
        )
    )


def _reports(user) -> list[dict]:
    reports = (
        ContentReport.objects.filter(reporter=user)
        .select_related("proposal", "comment__proposal", "comment__paragraph__page", "comment__chapter__page")
        .order_by("created_at", "pk")
    )
    return [
        {
            "vorschlag": _reported_proposal(r),
            "kommentar": r.comment_id,
            "absatz": _reported_paragraph(r),
            "grund": r.get_reason_display(),
            "erlaeuterung": r.text,
            "gemeldet_am": r.created_at,
            "erledigt_am": r.resolved_at,
        }
        for r in reports
    ]


def _reported_proposal(r: ContentReport) -> str | None:
    if r.proposal_id:
        return r.proposal.reference
    return r.comment.proposal.reference if r.comment.proposal_id else None


def _reported_paragraph(r: ContentReport) -> str | None:
    if r.comment_id and r.comment.paragraph_id:
        return f"{r.comment.paragraph.label} · {r.comment.paragraph.page.title}"
    if r.comment_id and r.comment.chapter_id:
        return f"{r.comment.chapter.label} · {r.comment.chapter.page.title}"
    return None


def _moderation(proposals: list[Proposal], comments: list[Comment]) -> list[dict]:
    """The moderation's decisions about the person's proposals and comments, with their reasons (not who decided)."""
    rows = []
    for model, items, label in ((Proposal, proposals, "vorschlag"), (Comment, comments, "kommentar")):
        names = {str(item.pk): item.reference if model is Proposal else str(item.pk) for item in items}
        if not names:
            continue
        entries = ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=list(names),
            action__startswith=MODERATION_ACTIONS,
        ).order_by("timestamp", "pk")
        rows.extend(
            {
                "datum": e.timestamp,
                "gegenstand": label,
                "nummer": names[e.object_id],
                "entscheidung": _decision_label(e.action),
                "begruendung": (e.data or {}).get("reason", ""),
            }
            for e in entries
        )
    return sorted(rows, key=lambda row: row["datum"])


def _answer_text(question, answer) -> str:
    if answer.option is not None:
        option = question.option(answer.option) if question is not None else None
        label = option.label if option is not None else str(answer.option)
        return f"{answer.rank}. {label}" if answer.rank is not None else label
    if answer.number is not None:
        return str(answer.number)
    return answer.text


def _survey_answers(user) -> list[dict]:
    """One row per answer the person gave online, with the question and the answer as they read them."""
    rows = []
    responses = (
        SurveyResponse.objects.filter(respondent=user)
        .select_related("survey", "district")
        .prefetch_related("answers")
        .order_by("created_at", "pk")
    )
    for response in responses:
        questions = questions_by_key(response.survey)
        for answer in sorted(response.answers.all(), key=lambda a: (a.question, a.rank or 0, a.pk)):
            question = questions.get(answer.question)
            rows.append(
                {
                    "umfrage": response.survey.title,
                    "frage": question.text if question is not None else str(answer.question),
                    "antwort": _answer_text(question, answer),
                    "freitext_status": answer.get_text_state_display() if answer.text else None,
                    "stadtbezirk": response.district.name if response.district_id else None,
                    "abgegeben_am": response.created_at,
                    "geaendert_am": response.updated_at,
                }
            )
    return rows


def export(user) -> ExportSection:
    proposals = _proposals(user)
    comments = list(
        Comment.objects.filter(author=user)
        .select_related("proposal", "statement_district", "paragraph__page", "chapter__page", "answer")
        .order_by("created_at", "pk")
    )
    return ExportSection(
        tables={
            "vorschlaege": [_proposal_row(p) for p in proposals],
            "kommentare": [_comment_row(c) for c in comments if not c.statement_district_id],
            "stellungnahmen": [_comment_row(c) for c in comments if c.statement_district_id],
            "stimmen": _votes(user),
            "meldungen": _reports(user),
            "entscheidungen_der_moderation": _moderation(proposals, comments),
            "umfragen": _survey_answers(user),
        },
        files=[(_attachment_path(p), p.attachment) for p in proposals if p.attachment],
    )


def erase(user) -> None:
    """Blank the names typed into the person's proposals; everything else stays, linked to the tombstone."""
    Proposal.objects.filter(author=user).exclude(author_name="").update(author_name="")


register(PersonalDataProvider(name="beteiligung", export=export, erase=erase, order=20))
