"""Celery tasks of the open data: thin wrappers around lip.api.opendata.snapshots."""

from celery import shared_task


@shared_task(ignore_result=True)
def opendata_snapshot() -> dict:
    """New CSV and JSON snapshots of every open dataset (nightly, CELERY_BEAT_SCHEDULE); row counts by slug."""
    from lip.api.opendata.snapshots import snapshot_all

    return snapshot_all()


@shared_task(ignore_result=True)
def opendata_snapshot_dataset(slug: str) -> int | None:
    """A new snapshot of one dataset (e.g. after a change an app wants published before the night); its row count,
    None for an unknown slug."""
    from lip.api.datasets import get_dataset
    from lip.api.opendata.snapshots import snapshot_write

    dataset = get_dataset(slug)
    return snapshot_write(dataset=dataset).rows if dataset else None
