"""Topics and districts from the cache (lip.reference): one query per table until a row changes, and every change
shows at once, in the proposal list's filter form too."""

from lip import reference
from lip.models import District, Topic


def test_topics_and_districts_are_read_once(django_assert_num_queries, db):
    with django_assert_num_queries(2):
        reference.topics(), reference.districts()
    with django_assert_num_queries(0):
        topics, districts = reference.topics(), reference.districts()

    assert [t.slug for t in topics] == list(Topic.objects.values_list("slug", flat=True))
    assert [d.slug for d in districts] == list(District.objects.values_list("slug", flat=True))


def test_a_new_renamed_or_deleted_topic_shows_at_once(db):
    reference.topics()

    topic = Topic.objects.create(name="Wohnen", slug="wohnen", sort_order=1)
    assert topic in reference.topics()

    topic.name = "Wohnen und Nachbarschaft"
    topic.save()
    assert "Wohnen und Nachbarschaft" in [t.name for t in reference.topics()]

    topic.delete()
    assert "wohnen" not in [t.slug for t in reference.topics()]


def test_a_renamed_district_shows_at_once(db):
    reference.districts()
    district = District.objects.get(slug="mitte")

    district.name = "Hannover-Mitte"
    district.save()

    assert "Hannover-Mitte" in [d.name for d in reference.districts()]
