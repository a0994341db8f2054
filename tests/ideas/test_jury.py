"""The jury scores eligible applications: 0–5 per criterion with a comment, all at once; sees the others' scores only
afterwards; declares conflicts of interest. Non-jurors and biased jurors get 403 and change nothing."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from ideas import permissions
from ideas.jury import services as jury_services
from ideas.models import Assessment, ConflictOfInterest

from . import factories as idea_factories


def body(response) -> str:
    return response.content.decode()


def score_post(application, values, comments=None) -> dict:
    criteria = sorted(application.competition.criteria.all(), key=lambda c: c.sort_order)
    data = {f"score_{c.pk}": str(v) for c, v in zip(criteria, values, strict=True)}
    for c, comment in zip(criteria, comments or [], strict=False):
        data[f"comment_{c.pk}"] = comment
    return data


@pytest.fixture
def jury_url(eligible):
    return reverse("ideas:jury_application", args=[eligible.pk])


def test_a_juror_scores_every_criterion_with_comments(client_for, juror, eligible, jury_url):
    client = client_for(juror)
    form = client.get(jury_url)
    assert form.status_code == 200 and "5 – hervorragend erfüllt" in body(form)

    response = client.post(jury_url, score_post(eligible, [5, 4, 3, 2, 1], ["Klar auf LIP-Ziele ausgerichtet."]))

    assert response.status_code == 302
    scores = Assessment.objects.filter(application=eligible, juror=juror).order_by("criterion__sort_order")
    assert [s.score for s in scores] == [5, 4, 3, 2, 1]
    assert scores[0].comment == "Klar auf LIP-Ziele ausgerichtet."
    page = body(client.get(jury_url))
    assert "Ihr gewichtetes Ergebnis: 3,35 von 5." in page  # (5·30 + 4·20 + 3·20 + 2·15 + 1·15) / 100


@pytest.mark.parametrize("bad", ["6", "-1", "2.5", "fünf", ""], ids=["six", "negative", "fraction", "word", "missing"])
def test_a_score_outside_0_to_5_is_refused_and_nothing_is_stored(client_for, juror, eligible, jury_url, bad):
    data = score_post(eligible, [5, 4, 3, 2, 1])
    first = sorted(eligible.competition.criteria.all(), key=lambda c: c.sort_order)[0]
    data[f"score_{first.pk}"] = bad

    response = client_for(juror).post(jury_url, data)

    assert response.status_code == 400
    assert "Bitte vergeben Sie 0 bis 5 Punkte." in body(response) or "Bitte bewerten Sie dieses Kriterium." in body(
        response
    )
    assert not Assessment.objects.exists()


def test_the_service_refuses_a_score_outside_0_to_5(juror, eligible):
    criteria = sorted(eligible.competition.criteria.all(), key=lambda c: c.sort_order)
    scores = {c.pk: (3, "") for c in criteria}
    scores[criteria[0].pk] = (7, "")

    with pytest.raises(ValidationError) as refused:
        jury_services.assessment_submit(application=eligible, juror=juror, scores=scores)

    assert "0 bis 5 Punkte" in " ".join(refused.value.messages)
    assert not Assessment.objects.exists()


def test_the_database_refuses_a_score_outside_0_to_5(juror, eligible):
    criterion = eligible.competition.criteria.first()

    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.create(application=eligible, juror=juror, criterion=criterion, score=6)


def test_the_database_refuses_a_second_score_for_the_same_criterion(juror, eligible):
    criterion = eligible.competition.criteria.first()
    Assessment.objects.create(application=eligible, juror=juror, criterion=criterion, score=3)

    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.create(application=eligible, juror=juror, criterion=criterion, score=4)


def test_scores_are_final_once_submitted(client_for, juror, eligible, jury_url):
    client = client_for(juror)
    client.post(jury_url, score_post(eligible, [5, 4, 3, 2, 1]))

    response = client.post(jury_url, score_post(eligible, [0, 0, 0, 0, 0]))

    assert response.status_code == 403
    assert "Sie haben diesen Antrag bereits bewertet." in body(response)
    assert sorted(Assessment.objects.values_list("score", flat=True)) == [1, 2, 3, 4, 5]


@pytest.mark.parametrize("who", ["user", "representative", "unassigned_juror", "moderator"])
def test_scoring_as_a_non_juror_is_forbidden(client_for, request, eligible, jury_url, who):
    person = request.getfixturevalue(who)

    get = client_for(person).get(jury_url)
    post = client_for(person).post(jury_url, score_post(eligible, [5, 5, 5, 5, 5]))

    assert get.status_code == 403 and post.status_code == 403
    assert "Nur Mitglieder der Jury dieses Wettbewerbs können Anträge bewerten." in body(post)
    assert not Assessment.objects.exists()


def test_the_jury_does_not_see_applications_before_the_eligibility_check(client_for, juror, make_application):
    submitted = make_application(state="submitted")

    response = client_for(juror).get(reverse("ideas:jury_application", args=[submitted.pk]))

    assert response.status_code == 403
    assert "Dieser Antrag liegt der Jury nicht vor." in body(response)


def test_others_scores_are_hidden_until_the_juror_has_scored(client_for, juror, other_juror, eligible, jury_url):
    idea_factories.score_all(eligible, other_juror, [1, 1, 1, 1, 1])
    Assessment.objects.filter(juror=other_juror).update(comment="Zu teuer für den Nutzen.")
    client = client_for(juror)

    before = body(client.get(jury_url))
    assert "Zu teuer für den Nutzen." not in before and "Jonas Jury" not in before
    assert "sobald Sie selbst bewertet haben" in before
    assert not permissions.can_see_scores(juror, eligible)

    client.post(jury_url, score_post(eligible, [4, 4, 4, 4, 4]))

    after = body(client.get(jury_url))
    assert "Zu teuer für den Nutzen." in after and "Jonas Jury" in after
    assert permissions.can_see_scores(juror, eligible)


def test_declaring_a_conflict_hides_the_application_and_its_scores(client_for, juror, other_juror, eligible, jury_url):
    idea_factories.score_all(eligible, other_juror, [3, 3, 3, 3, 3])
    client = client_for(juror)
    conflict_url = reverse("ideas:jury_conflict", args=[eligible.pk])

    refused = client.post(conflict_url, {"note": "Ich bin Mitglied des Vereins."})  # without the confirmation
    assert refused.status_code == 400 and not ConflictOfInterest.objects.exists()
    response = client.post(conflict_url, {"note": "Ich bin Mitglied des Vereins.", "confirm": "on"})

    assert response.status_code == 302
    assert ConflictOfInterest.objects.get().juror == juror
    view = client.get(jury_url)
    post = client.post(jury_url, score_post(eligible, [5, 5, 5, 5, 5]))
    assert view.status_code == 403 and post.status_code == 403
    assert "Sie haben sich für diesen Antrag als befangen erklärt." in body(post)
    assert not Assessment.objects.filter(juror=juror).exists()
    assert not permissions.can_see_scores(juror, eligible)
    queue = body(client.get(reverse("ideas:jury_queue")))
    assert "befangen erklärt" in queue and f'href="{jury_url}"' not in queue


def test_a_conflict_declared_after_scoring_removes_the_scores(juror, eligible):
    idea_factories.score_all(eligible, juror, [5, 5, 5, 5, 5])

    jury_services.conflict_declare(application=eligible, juror=juror, note="Später bemerkt.")

    assert not Assessment.objects.filter(juror=juror).exists()


def test_the_jury_queue_shows_progress_per_application(client_for, juror, eligible, make_application):
    scored = make_application(state="eligible", title="Schon bewertet")
    idea_factories.score_all(scored, juror, [2, 2, 2, 2, 2])
    make_application(state="submitted", title="Noch in Prüfung")

    page = body(client_for(juror).get(reverse("ideas:jury_queue")))

    assert "Nachbarschaftsfest" in page and "offen (0 von 5 Kriterien)" in page
    assert "Schon bewertet" in page and "bewertet" in page
    assert "Noch in Prüfung" not in page


def test_the_jury_queue_is_for_jurors(client_for, representative):
    assert client_for(representative).get(reverse("ideas:jury_queue")).status_code == 403
