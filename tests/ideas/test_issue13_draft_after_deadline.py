"""Issue 13, item 9: after the deadline a draft no longer asks to be submitted by that deadline."""

from django.urls import reverse


def page(client, draft) -> str:
    return " ".join(client.get(reverse("ideas:application_detail", args=[draft.pk])).content.decode().split())


def test_a_draft_after_the_deadline_says_the_deadline_has_passed(client_for, representative, draft, clock):
    clock.travel("after")

    body = page(client_for(representative), draft)

    assert "Reichen Sie ihn bis" not in body
    assert "Die Frist zum Einreichen endete am 31. Mai 2026, 18:00 Uhr; er kann nicht mehr eingereicht werden." in body


def test_a_draft_before_the_deadline_still_names_it(client_for, representative, draft, clock):
    body = page(client_for(representative), draft)

    assert "Reichen Sie ihn bis 31. Mai 2026, 18:00 Uhr ein." in body
