"""The demo content of monitoring: measures from demo proposals (with an adopted response) and the demo award,
indicators with a year of monthly values, a quarterly schedule and one issued report – and a second run changes
nothing."""

import pytest

from consultation.models import ResponseState
from monitoring.models import Indicator, IndicatorValue, Measure, Report, ReportSchedule, ReportStatus
from tests.helpers import seed_demo_twice


@pytest.mark.django_db
def test_seed_demo_builds_monitoring_and_is_idempotent(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    out = seed_demo_twice(Measure, IndicatorValue, Report, ReportSchedule)

    linked = Measure.objects.filter(proposals__isnull=False).distinct()
    assert linked.count() >= 2
    assert all(
        p.response.state in (ResponseState.ADOPTED, ResponseState.PARTLY_ADOPTED)
        for m in linked
        for p in m.proposals.all()
    )
    assert Measure.objects.filter(projects__isnull=False).exists()
    assert Measure.objects.filter(children__isnull=False).exists()
    for indicator in Indicator.objects.all():
        assert indicator.values.count() == 12
    report = Report.objects.get()
    assert report.run.status == ReportStatus.DONE and report.page_count >= 8
    assert report.snapshot["summary"]["measures"] >= 3
    # issue 18: the administration's words, reviewed by a second person, and who signs
    assert report.snapshot["texts"]["introduction"] and report.snapshot["texts"]["conclusion"]
    assert report.snapshot["signature"]["name"] == "Dr. Sabine Beispiel"
    assert report.run.submitted_by != report.run.approved_by
    assert ReportSchedule.objects.get().periodic_task.enabled
    assert "/monitoring/berichte/" in out
