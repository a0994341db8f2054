"""The rows of the Abwägungstabelle (consideration table) of a plan draft: every published comment, amendment and
statement on its paragraphs, with the administration's position on it and the text it led to.

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
from .versions import paragraph_texts

KIND_COMMENT = "comment"
KIND_AMENDMENT = "amendment"
KIND_STATEMENT = "statement"


def table_comments(page: PlanDraftPage):
    """The contributions the table lists, in the order of their paragraphs, oldest first (one query)."""
    return (
        Comment.objects.filter(
            paragraph__page=page, parent__isnull=True, state=CommentState.PUBLISHED, deleted_at__isnull=True
        )
        .select_related("paragraph", "organisation", "statement_district", "event", "answer")
        .order_by("paragraph__position", "paragraph_id", "created_at", "pk")
    )


def _kind(comment: Comment) -> tuple[str, str]:
    if comment.statement_district_id:
        return KIND_STATEMENT, _("Stellungnahme des Integrationsbeirats %(district)s") % {
            "district": comment.statement_district.name
        }
    if comment.proposed_text:
        return KIND_AMENDMENT, _("Änderungsvorschlag")
    return KIND_COMMENT, _("Kommentar")


def _who(comment: Comment) -> str:
    if comment.statement_district_id:
        return _("Integrationsbeirat %(district)s") % {"district": comment.statement_district.name}
    if comment.organisation_id:
        return comment.organisation.name
    return _("Einzelperson")


def _channel(comment: Comment, channels: dict[str, str]) -> tuple[str, str]:
    """The channel's label and, for an analog contribution made at an event, the event („Workshop, 12.03.2026“)."""
    label = channels.get(comment.channel, comment.channel)
    event = ""
    if comment.channel != Channel.ONLINE and comment.event_id:
        event = f"{comment.event.title}, {timezone.localdate(comment.event.date):%d.%m.%Y}"
    return label, event


def _answer(comment: Comment):
    try:
        return comment.answer
    except Comment.answer.RelatedObjectDoesNotExist:
        return None


def consideration_rows(page: PlanDraftPage) -> dict:
    """The table of `page`: {"version": the latest version's number (None before the first), "rows": [...]}, each
    row a dict of plain values (see the module docstring). Two queries."""
    versions = {v.pk: v for v in PlanVersion.objects.filter(page=page).order_by("number")}
    latest = max(versions.values(), key=lambda v: v.number, default=None)
    texts: dict[int, dict[str, dict]] = {}
    channels = {value: str(label) for value, label in Channel.choices}
    rows = []
    for number, comment in enumerate(table_comments(page), start=1):
        paragraph = comment.paragraph
        key = str(paragraph.key)
        kind, kind_label = _kind(comment)
        channel, event = _channel(comment, channels)
        answer = _answer(comment)
        resulting = versions.get(answer.resulting_version_id) if answer is not None else None
        removed = versions.get(paragraph.removed_in_id)
        if resulting is not None:
            if resulting.pk not in texts:
                texts[resulting.pk] = paragraph_texts(resulting.content)
            found = texts[resulting.pk].get(key)
            resulting_text = found["text"] if found else ""
            resulting_number = resulting.number
        else:
            resulting_text = "" if removed is not None else paragraph.text
            resulting_number = None
        rows.append(
            {
                "number": number,
                "paragraph": {
                    "key": key,
                    "label": paragraph.label,
                    "chapter_number": paragraph.chapter_number,
                    "chapter_title": paragraph.chapter_title,
                    "removed_in": removed.number if removed is not None else None,
                },
                "kind": kind,
                "kind_label": kind_label,
                "who": _who(comment),
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
