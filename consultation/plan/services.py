"""Writes of participants on the plan draft: a comment, amendment or council statement on a paragraph, and a
council statement on a whole chapter.

The staff's writes (answers, analog contributions) are in `answers`. Editing, deleting and reporting a comment go
through the same services as on proposals (`consultation.services`, `consultation.moderation.services`).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lip import permissions as lip_permissions
from lip.models import Organisation

from .. import permissions
from ..models import Channel, Comment, PlanChapter, PlanParagraph
from ..moderation import services as moderation


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


@transaction.atomic
def paragraph_comment_create(
    *,
    paragraph: PlanParagraph,
    author,
    text: str,
    proposed_text: str = "",
    organisation: Organisation | None = None,
    as_statement: bool = False,
    consultation=None,
) -> Comment:
    """A comment on `paragraph` (an amendment when `proposed_text` is given), in the author's name, for an
    organisation they represent, or as their district integration council's statement (`as_statement`).
    `consultation`: the draft's consultation with its phases loaded (read from the paragraph otherwise)."""
    page = paragraph.page
    consultation = consultation or page.consultation
    # The paragraph as it is now (a publication in the meantime may have changed or removed it), locked against one.
    paragraph = PlanParagraph.objects.select_for_update().get(pk=paragraph.pk)
    paragraph.page = page
    predicate = permissions.can_state_paragraph if as_statement else permissions.can_comment_paragraph
    lip_permissions.require(predicate(author, paragraph, consultation))
    if organisation is not None and (as_statement or not lip_permissions.can_act_for(author, organisation)):
        raise ValidationError(
            {"organisation": _("Sie können nur für bestätigte Organisationen handeln, die Sie vertreten.")}
        )
    proposed_text = (proposed_text or "").strip()
    if proposed_text and _same_text(proposed_text, paragraph.text):
        raise ValidationError(
            {
                "proposed_text": _(
                    "Ihr Formulierungsvorschlag ist gleich dem aktuellen Text. Ändern Sie den Text oder lassen Sie "
                    "das Feld leer."
                )
            }
        )
    comment = Comment(
        paragraph=paragraph,
        version=page.versions.order_by("-number").first(),
        author=author,
        text=(text or "").strip(),
        proposed_text=proposed_text,
        organisation=organisation,
        channel=Channel.ONLINE,
        statement_district_id=author.council_district_id if as_statement else None,
        **moderation.new_contribution_state(consultation=consultation, author=author),
    )
    return moderation.new_comment_store(comment)


@transaction.atomic
def chapter_statement_create(*, chapter: PlanChapter, author, text: str, consultation=None) -> Comment:
    """The statement of the author's district integration council on a whole chapter. `consultation`: the draft's
    consultation with its phases loaded (read from the chapter otherwise)."""
    page = chapter.page
    consultation = consultation or page.consultation
    chapter = PlanChapter.objects.select_for_update().get(pk=chapter.pk)  # as it is now, locked against a publication
    chapter.page = page
    lip_permissions.require(permissions.can_state_chapter(author, chapter, consultation))
    comment = Comment(
        chapter=chapter,
        version=page.versions.order_by("-number").first(),
        author=author,
        text=(text or "").strip(),
        channel=Channel.ONLINE,
        statement_district_id=author.council_district_id,
        **moderation.new_contribution_state(consultation=consultation, author=author),
    )
    return moderation.new_comment_store(comment)
