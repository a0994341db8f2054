"""The rows of the Abwägungstabelle (consideration table) of a plan draft: every published comment, amendment and
statement on its paragraphs, and every statement on a whole chapter (listed before the chapter's paragraphs, as
"Kapitel 2 (insgesamt)"), with the administration's position on it and the text it led to.

`consideration_rows(page)` reads everything in two queries, whatever the number of paragraphs and comments: the
contributions with their paragraph, organisation, district, event and answer (one join), and the page's versions
(for the text of a paragraph in the version an answer led to). It returns plain values (JSON-serialisable), so that
monitoring can freeze them into an issued table (`monitoring.consideration`) and render the PDF and the XLSX from
that snapshot alone.

Who made a contribution is said without naming private persons: the organisation it was made for, or the district
integration council whose statement it is, else „Einzelperson“ (the name of an analog contribution's author is
never shown, as it may be a private person's). Replies to comments are discussion, not contributions to weigh, and
are left out; so are pending, hidden and deleted contributions.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Channel, Comment, CommentState, PlanDraftPage, PlanVersion
from .answers import in_text_order, on_draft
from .selectors import KIND_STATEMENT, answer_of, contribution_kind, contributor_label, kind_label
from .versions import paragraph_texts


def table_comments(page: PlanDraftPage):
    """The contributions the table lists, in the order of the text (a chapter's statements before its paragraphs),
    oldest first (one query)."""
    return in_text_order(
        Comment.objects.filter(
            on_draft(page), parent__isnull=True, state=CommentState.PUBLISHED, deleted_at__isnull=True
        ).select_related("paragraph", "chapter", "organisation", "statement_district", "event", "answer")
    )


def _kind(comment: Comment) -> tuple[str, str]:
    kind = contribution_kind(comment)
    if kind == KIND_STATEMENT:
        return kind, _("Stellungnahme des Integrationsbeirats %(district)s") % {
            "district": comment.statement_district.name
        }
    return kind, kind_label(comment)


def _part(comment: Comment, versions: dict) -> dict:
    """Where the contribution is anchored: its paragraph, or its whole chapter ("Kapitel 2 (insgesamt)")."""
    if comment.chapter_id:
        chapter = comment.chapter
        removed = versions.get(chapter.removed_in_id)
        return {
            "key": str(chapter.key),
            "label": _("Kapitel %(number)s (insgesamt)") % {"number": chapter.number},
            "chapter_number": chapter.number,
            "chapter_title": chapter.title,
            "removed_in": removed.number if removed is not None else None,
            "whole_chapter": True,
        }
    paragraph = comment.paragraph
    removed = versions.get(paragraph.removed_in_id)
    return {
        "key": str(paragraph.key),
        "label": paragraph.label,
        "chapter_number": paragraph.chapter_number,
        "chapter_title": paragraph.chapter_title,
        "removed_in": removed.number if removed is not None else None,
        "whole_chapter": False,
    }


def _channel(comment: Comment, channels: dict[str, str]) -> tuple[str, str]:
    """The channel's label and, for an analog contribution made at an event, the event („Workshop, 12.03.2026“)."""
    label = channels.get(comment.channel, comment.channel)
    event = ""
    if comment.channel != Channel.ONLINE and comment.event_id:
        event = f"{comment.event.title}, {timezone.localdate(comment.event.date):%d.%m.%Y}"
    return label, event


def consideration_rows(page: PlanDraftPage) -> dict:
    """The table of `page`: {"version": the latest version's number (None before the first), "rows": [...]}, each
    row a dict of plain values (see the module docstring). Two queries."""
    versions = {v.pk: v for v in PlanVersion.objects.filter(page=page).order_by("number")}
    latest = max(versions.values(), key=lambda v: v.number, default=None)
    texts: dict[int, dict[str, dict]] = {}
    channels = {value: str(label) for value, label in Channel.choices}
    rows = []
    for number, comment in enumerate(table_comments(page), start=1):
        part = _part(comment, versions)
        kind, label = _kind(comment)
        channel, event = _channel(comment, channels)
        answer = answer_of(comment)
        resulting = versions.get(answer.resulting_version_id) if answer is not None else None
        resulting_number = resulting.number if resulting is not None else None
        if part["whole_chapter"]:  # no one text results from a statement on a whole chapter
            resulting_text = ""
        elif resulting is not None:
            if resulting.pk not in texts:
                texts[resulting.pk] = paragraph_texts(resulting.content)
            found = texts[resulting.pk].get(part["key"])
            resulting_text = found["text"] if found else ""
        else:
            resulting_text = "" if part["removed_in"] is not None else comment.paragraph.text
        rows.append(
            {
                "number": number,
                "paragraph": part,
                "kind": kind,
                "kind_label": label,
                "who": contributor_label(comment, analog_name=False),
                "channel": channel,
                "analog": comment.channel != Channel.ONLINE,
                "event": event,
                "date": timezone.localdate(comment.created_at).isoformat(),
                "text": comment.text,
                "proposed_text": comment.proposed_text,
                "answer": {
                    "outcome": answer.outcome,
                    "outcome_label": answer.get_outcome_display(),
                    "reasoning": answer.reasoning,
                    "date": timezone.localdate(answer.answered_at).isoformat(),
                }
                if answer is not None
                else None,
                "resulting_version": resulting_number,
                "resulting_text": resulting_text,
            }
        )
    return {"version": latest.number if latest is not None else None, "rows": rows}
