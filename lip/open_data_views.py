"""The page "Offene Daten" (/offene-daten/): what the platform publishes as open data, under which licence, and
where to get it (bulk downloads, API, DCAT-AP.de catalogue)."""

from dataclasses import dataclass

from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_safe

from .api.datasets import Dataset, all_datasets
from .api.licences import open_data_terms
from .api.opendata.snapshots import Snapshot, snapshot_latest


@dataclass(frozen=True)
class DatasetEntry:
    dataset: Dataset
    snapshot: Snapshot | None
    csv_url: str
    json_url: str
    api_url: str


def _entry(dataset: Dataset) -> DatasetEntry:
    try:
        api_url = reverse(dataset.endpoint)
    except NoReverseMatch:
        api_url = ""
    return DatasetEntry(
        dataset=dataset,
        snapshot=snapshot_latest(dataset.slug),
        csv_url=reverse("api:opendata-download", kwargs={"slug": dataset.slug, "fmt": "csv"}),
        json_url=reverse("api:opendata-download", kwargs={"slug": dataset.slug, "fmt": "json"}),
        api_url=api_url,
    )


@require_safe
def open_data(request):
    context = {
        "terms": open_data_terms(request),
        "entries": [_entry(dataset) for dataset in all_datasets()],
    }
    return render(request, "lip/open_data.html", context)
