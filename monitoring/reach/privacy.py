"""The one personal datum of „Wer macht mit?“ (used by `monitoring.privacy`): *that* a signed-in person answered the
questionnaire about the person (`ReachAnswered`). Their answers are not personal data of theirs any more – nothing
links them to the person – so the export cannot contain them and the deletion cannot remove them (the page says so)."""

from ..models import ReachAnswered


def export_rows(user) -> list[dict]:
    if not ReachAnswered.objects.filter(user_id=user.pk).exists():
        return []
    return [{"beantwortet": True, "hinweis": "Die Antworten selbst sind ohne Bezug zu Ihrer Person gespeichert."}]


def erase(user) -> None:
    ReachAnswered.objects.filter(user_id=user.pk).delete()
