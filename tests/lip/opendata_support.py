"""A test dataset over lip.District for the open-data tests, registered through the Wagtail hook, and the fixtures
the open-data test modules share (imported there)."""

from contextlib import contextmanager

import pytest
from rest_framework import serializers
from wagtail import hooks

from lip.api.datasets import HOOK, Dataset
from lip.models import District

PUBLIC_NUMBERS = (1, 2, 3)  # the "public" rows of the test dataset: districts 1 to 3


class DistrictRowSerializer(serializers.ModelSerializer):
    place = serializers.SerializerMethodField()
    tags = serializers.SerializerMethodField()
    note = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = District
        fields = ["number", "name", "slug", "place", "tags", "note", "url"]

    def get_place(self, district) -> dict:
        return {"city": "Hannover", "district": {"number": district.number}}

    def get_tags(self, district) -> list:
        return ["Bezirk", district.slug]

    def get_note(self, district) -> str:
        return "=HYPERLINK(1)" if district.number == 1 else "-2.5"

    def get_url(self, district) -> str:
        return self.context["request"].build_absolute_uri(f"/bezirke/{district.slug}/")


def district_dataset(title='Bezirke "Test"\nzweite Zeile', slug="bezirke") -> Dataset:
    return Dataset(
        slug=slug,
        title=title,
        description="Die Stadtbezirke <Hannover> & mehr",
        queryset=lambda: District.objects.filter(number__in=PUBLIC_NUMBERS),
        serializer=DistrictRowSerializer,
        endpoint="api:does-not-exist",
        keywords=("Bezirk", "Hannover"),
    )


@contextmanager
def registered(*datasets: Dataset):
    """The datasets registered through the hook, in addition to the apps' own."""
    with hooks.register_temporarily(HOOK, lambda: list(datasets)):
        yield


@pytest.fixture
def opendata_media(settings, tmp_path):
    """An empty media folder per test: no snapshot of an earlier test is found."""
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.fixture
def registered_dataset(db):
    dataset = district_dataset()
    with registered(dataset):
        yield dataset
