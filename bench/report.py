"""Benchmark of a report to the council bodies (`make bench-report`). Not a test: it prints figures.

1. Seeds a throwaway database (a fresh SQLite file in a temporary folder; or DATABASE_URL if set — it must point at
   an empty database made for this) with 10,000 proposals over two years (70 % online, 30 % analog, with comments,
   votes, dot votes counted at 40 events, and 2,400 official responses: about 300 a quarter), 200 measures (50 with
   three sub-measures each; each parent comes from two adopted proposals, each sub-measure from one), 100 indicators
   with two years of monthly values (one key indicator per field of action), and an idea competition with 300
   applications and 60 awards.
2. Issues the quarterly report for the last quarter (all chapters; its annex lists the ~500 proposals that led to a
   measure or were answered in the quarter) in fresh processes, through the report's Celery tasks run eagerly
   (`tasks.generate_report`: snapshot; the council paper and its annex rendered by their two tasks, here one after
   the other in the same process; then the issue, which stores them as Wagtail documents): three processes issue two
   reports each, the first cold, the second warm (the e-mail to the council members is, as in a worker, a task of its
   own afterwards, timed apart). It prints the page count, the wall and CPU time of the issue and of its steps
   (medians; with workers the two renders run at the same time, so the report takes the longer of the two instead
   of their sum), the peak memory of the issuing process (ru_maxrss) and, from a separate run (tracing slows
   everything down), the peak of Python allocations during the issue (tracemalloc).

Target on the 2-core reference machine: <= 3 s and <= 250 MiB for a report of about 50 pages. Other processes on
the machine lengthen the wall time; the CPU time is printed next to it.

    .venv/bin/python bench/report.py            # seed, then issue
    .venv/bin/python bench/report.py --keep     # keep the database and media folder for a look afterwards
"""

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PROPOSALS = 10_000
MEASURE_PARENTS = 50
CHILDREN_PER_PARENT = 3  # 50 parents + 150 sub-measures = 200 measures
INDICATORS = 100
MONTHS = 24
USERS = 800
RESPONSES = 2_400  # official responses, published over the two years (about 300 a quarter)
SEED = 2136  # the council motion 2136/2018
PROCESSES = 3  # fresh processes, each issuing two reports


def setup_django(database_url: str, media_root: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["MEDIA_ROOT"] = media_root
    os.environ["CELERY_BROKER_URL"] = ""  # the tasks run eagerly in this process, on the throwaway database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lip.settings.base")
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    os.environ.setdefault("DEBUG", "false")
    import django

    django.setup()


# --- Seeding -------------------------------------------------------------------------------------------------------


def seed() -> dict:
    from datetime import date, datetime, timedelta
    from datetime import time as dtime
    from decimal import Decimal

    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone
    from wagtail.models import Page

    from consultation.models import (
        AnalogTally,
        Channel,
        Comment,
        ConsultationPage,
        Event,
        EventKind,
        Proposal,
        Response,
        ResponseState,
        Vote,
    )
    from ideas.models import Application, ApplicationState, Award, CompetitionPage, Fund
    from lip.models import District, Organisation, OrganisationType, Topic, User
    from monitoring.models import Indicator, IndicatorDirection, IndicatorValue, Measure, MeasureState

    rng = random.Random(SEED)
    started = time.perf_counter()
    print("Migrating the throwaway database …", flush=True)
    call_command("migrate", verbosity=0)
    print(f"  done in {time.perf_counter() - started:.0f} s", flush=True)

    today = timezone.localdate()
    first = today - timedelta(days=730)

    def moment(day_offset: int) -> datetime:
        day = first + timedelta(days=day_offset)
        return timezone.make_aware(datetime.combine(day, dtime(10, 0)) + timedelta(minutes=rng.randint(0, 600)))

    started = time.perf_counter()
    with transaction.atomic():
        districts = list(District.objects.all())
        topics = list(Topic.objects.all())
        password = make_password(None)
        User.objects.bulk_create(
            User(email=f"person{i}@bench.example", display_name=f"Person {i}", password=password) for i in range(USERS)
        )
        users = list(User.objects.filter(email__endswith="@bench.example"))
        types = [value for value, _label in OrganisationType.choices]
        Organisation.objects.bulk_create(
            Organisation(name=f"Verein {i}", slug=f"verein-{i}", type=types[i % len(types)], verified_at=moment(i))
            for i in range(120)
        )
        organisations = list(Organisation.objects.all())

        root = Page.get_first_root_node()
        consultations = []
        for n in range(2):
            page = ConsultationPage(
                title=f"Beteiligung LIP 4.0 – Teil {n + 1}", slug=f"beteiligung-{n}", teaser="Benchmark"
            )
            root.add_child(instance=page)
            consultations.append(page)
            page.topics.set(topics)

        kinds = [value for value, _label in EventKind.choices]
        Event.objects.bulk_create(
            Event(
                consultation=consultations[i % 2],
                kind=kinds[i % len(kinds)],
                title=f"Workshop {i}",
                date=moment(i * 18),
                place="Freizeitheim",
                district=districts[i % len(districts)],
                attendees=rng.randint(8, 60),
            )
            for i in range(40)
        )
        events = list(Event.objects.all())
        for event in events:
            event.organisations.set(rng.sample(organisations, 3))

        analog = [c for c in Channel.values if c != Channel.ONLINE]
        proposals = []
        for i in range(PROPOSALS):
            online = rng.random() < 0.7
            created = moment(rng.randint(0, 729))
            proposals.append(
                Proposal(
                    consultation=consultations[i % 2],
                    reference=f"LIP-{created.year}-{i + 1:05d}",
                    title=f"Vorschlag {i + 1}: mehr Sprachcafés und Beratung im Quartier",
                    text="Ein Vorschlag aus dem Benchmark. " * 5,
                    topic=topics[i % len(topics)],
                    district=districts[i % (len(districts) + 1)] if i % (len(districts) + 1) < len(districts) else None,
                    author=rng.choice(users) if online else None,
                    organisation=rng.choice(organisations) if i % 7 == 0 else None,
                    author_name="" if online else "Analog erfasst",
                    channel=Channel.ONLINE if online else rng.choice(analog),
                    event=rng.choice(events) if not online and rng.random() < 0.5 else None,
                    created_at=created,
                    online_votes=0,
                )
            )
        Proposal.objects.bulk_create(proposals, batch_size=2000)
        proposals = list(Proposal.objects.only("pk", "created_at", "consultation_id", "channel"))

        comments, votes, seen = [], [], set()
        for proposal in proposals:
            for _ in range(rng.randint(0, 3)):
                comments.append(
                    Comment(
                        proposal_id=proposal.pk,
                        author=rng.choice(users),
                        text="Gute Idee!",
                        created_at=proposal.created_at + timedelta(days=1),
                    )
                )
            for user in rng.sample(users, rng.randint(0, 6)):
                if (proposal.pk, user.pk) not in seen:
                    seen.add((proposal.pk, user.pk))
                    votes.append(
                        Vote(
                            proposal_id=proposal.pk,
                            user=user,
                            consultation_id=proposal.consultation_id,
                            created_at=proposal.created_at + timedelta(days=2),
                        )
                    )
        Comment.objects.bulk_create(comments, batch_size=5000)
        Vote.objects.bulk_create(votes, batch_size=5000)
        tallies = [
            AnalogTally(
                proposal_id=p.pk,
                event=rng.choice([e for e in events if e.consultation_id == p.consultation_id]),
                count=rng.randint(1, 25),
            )
            for p in rng.sample(proposals, 1500)
        ]
        AnalogTally.objects.bulk_create(tallies, batch_size=2000, ignore_conflicts=True)

        states = [
            ResponseState.ADOPTED,
            ResponseState.PARTLY_ADOPTED,
            ResponseState.FORWARDED,
            ResponseState.NOT_ADOPTED,
            ResponseState.ALREADY_IN_PLACE,
        ]
        answered = rng.sample(proposals, RESPONSES)
        Response.objects.bulk_create(
            (
                Response(
                    proposal_id=p.pk,
                    state=states[i % len(states)],
                    text="Die Verwaltung hat den Vorschlag geprüft und mit dem Fachbereich abgestimmt. " * 3,
                    department="Fachbereich Soziales",
                    published_at=min(p.created_at + timedelta(days=rng.randint(5, 120)), timezone.now()),
                )
                for i, p in enumerate(answered)
            ),
            batch_size=2000,
        )
        adopted = list(
            Proposal.objects.filter(
                response__state__in=[ResponseState.ADOPTED, ResponseState.PARTLY_ADOPTED]
            ).values_list("pk", flat=True)
        )

        fund = Fund.objects.create(
            name="Gesellschaftsfonds Zusammenleben", year=today.year, budget=Decimal("250000.00")
        )
        home = root.get_children().first() or root
        competition = CompetitionPage(
            title="Ideenwettbewerb",
            slug="ideenwettbewerb-bench",
            teaser="Benchmark",
            submission_start=moment(0),
            submission_end=moment(700),
            results_published_at=moment(710),
            max_grant=Decimal("5000.00"),
            fund=fund,
        )
        home.add_child(instance=competition)
        Application.objects.bulk_create(
            Application(
                competition=competition,
                reference=f"GFZ-{today.year}-{i + 1:04d}",
                organisation=organisations[i % len(organisations)],
                title=f"Projekt {i + 1}",
                summary="Benchmark",
                goals="Benchmark",
                target_groups="Benchmark",
                schedule="Benchmark",
                state=ApplicationState.AWARDED if i % 5 == 0 else ApplicationState.ELIGIBLE,
                submitted_at=moment(rng.randint(0, 729)),
            )
            for i in range(300)
        )
        applications = list(Application.objects.all())
        for application in applications:
            application.topics.set([topics[application.pk % len(topics)]])
            application.districts.set([districts[application.pk % len(districts)]])
        awarded = [a for a in applications if a.state == ApplicationState.AWARDED]
        Award.objects.bulk_create(
            Award(application=a, fund=fund, amount=Decimal("2500.00"), decided_at=a.submitted_at) for a in awarded
        )

        measure_states = [value for value, _label in MeasureState.choices]
        parents = []
        for i in range(MEASURE_PARENTS):
            parent = Measure.objects.create(
                title=f"LIP-Maßnahme {i + 1}: Sprachförderung und Beratung im Quartier",
                slug=f"massnahme-{i + 1}",
                description="Benchmark",
                topic=topics[i % len(topics)],
                department="Fachbereich Soziales",
                start=first,
                state=measure_states[i % len(measure_states)],
            )
            parent.districts.set(rng.sample(districts, i % 3))
            parent.proposals.set(rng.sample(adopted, 2))
            parent.projects.set(rng.sample(awarded, 1))
            parents.append(parent)
            for j in range(CHILDREN_PER_PARENT):
                child = Measure.objects.create(
                    title=f"Teilmaßnahme {i + 1}.{j + 1}",
                    slug=f"massnahme-{i + 1}-{j + 1}",
                    description="Benchmark",
                    topic=parent.topic,
                    department="Fachbereich Soziales",
                    start=first,
                    parent=parent,
                    weight=j + 1,
                    progress=rng.randint(0, 100),
                )
                child.proposals.set(rng.sample(adopted, 1))

        indicators = []
        for i in range(INDICATORS):
            key = i < len(topics)  # one key indicator per field of action, the rest per measure
            indicators.append(
                Indicator(
                    name=f"Indikator {i + 1}",
                    unit="Personen",
                    measure=None if key else parents[i % len(parents)],
                    topic=topics[i] if key else None,
                    baseline_value=Decimal(100),
                    baseline_date=first,
                    target_value=Decimal(300),
                    target_date=today + timedelta(days=365),
                    direction=IndicatorDirection.HIGHER,
                    source="Benchmark",
                )
            )
        Indicator.objects.bulk_create(indicators)
        values = []
        for indicator in Indicator.objects.all():
            for month in range(MONTHS):
                index = first.year * 12 + first.month - 1 + month
                day = date(index // 12, index % 12 + 1, 28)
                values.append(
                    IndicatorValue(indicator=indicator, date=day, value=Decimal(100 + month * rng.randint(2, 8)))
                )
        IndicatorValue.objects.bulk_create(values, batch_size=5000)

    print(
        f"Seeded {Proposal.objects.count():,} proposals, {Comment.objects.count():,} comments, {Vote.objects.count():,} votes, "
        f"{Response.objects.count():,} responses, {Measure.objects.count()} measures, {Indicator.objects.count()} indicators "
        f"with {IndicatorValue.objects.count():,} values, {Application.objects.count()} applications "
        f"in {time.perf_counter() - started:.0f} s",
        flush=True,
    )

    from monitoring.models import ReportRun, ReportSection
    from monitoring.reports.periods import period_just_ended

    period = period_just_ended("quarterly", today)
    runs = [
        ReportRun.objects.create(
            title="Monitoring LIP 4.0 – Quartalsbericht (Benchmark)",
            audiences=["internationaler_ausschuss", "verwaltungsausschuss", "ratsversammlung"],
            sections=list(ReportSection.values),
            period_start=period.start,
            period_end=period.end,
        )
        for _ in range(2 * PROCESSES + 1)
    ]
    return {"runs": [run.pk for run in runs], "period": period.label}


# --- Issuing (in a fresh process) ----------------------------------------------------------------------------------


def issue(run_ids: list[int], trace: bool) -> None:
    """Issue the reports of `run_ids` one after the other and print one line of figures for each (parsed by the
    parent). The first pays for what a worker does once (templates compiled, fonts found); the others run warm."""
    import tracemalloc

    import weasyprint  # noqa: F401 - a worker has it loaded before its first task

    from lip.outbox import services as outbox
    from monitoring import tasks
    from monitoring.models import Report
    from monitoring.reports import generation

    steps: dict[str, float] = {}

    def timed(name, function):
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                key = f"{name}_{kwargs['part']}" if name == "render" else name
                steps[key] = time.perf_counter() - start

        return wrapper

    # In a worker, the e-mail to the council members is a task of its own, queued when the report is stored (without
    # a broker, as here, the outbox would run it inside the issue). Queue it here, and time it on its own afterwards.
    queued = []
    enqueue = outbox.outbox_enqueue

    def outbox_enqueue(task, *args, **kwargs):
        if task is tasks.notify_report_issued:
            queued.append(args[0])
            return None
        return enqueue(task, *args, **kwargs)

    outbox.outbox_enqueue = outbox_enqueue
    generation.run_prepare = timed("snapshot", generation.run_prepare)
    generation.run_render_part = timed("render", generation.run_render_part)
    generation._store = timed("store", generation._store)
    for run_id in run_ids:
        if trace:
            tracemalloc.start()
        start, cpu_start = time.perf_counter(), time.process_time()
        tasks.generate_report.apply(args=[run_id], throw=True)
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu_start
        report = Report.objects.select_related("document", "annex_document").get(run_id=run_id)
        notify_start = time.perf_counter()
        for report_id in queued:
            tasks.notify_report_issued(report_id)
        queued.clear()
        notify = time.perf_counter() - notify_start
        traced_peak = tracemalloc.get_traced_memory()[1] / 2**20 if trace else 0.0
        tracemalloc.stop()
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
        print(
            f"RESULT pages={report.page_count} annex_pages={report.annex_page_count or 0} wall={wall:.2f} "
            f"cpu={cpu:.2f} snapshot={steps['snapshot']:.2f} paper={steps['render_paper']:.2f} "
            f"annex_render={steps.get('render_annex', 0.0):.2f} store={steps['store']:.2f} notify={notify:.2f} "
            f"rss={rss:.0f} traced={traced_peak:.0f} "
            f"bytes={report.document.file_size + (report.annex_document.file_size if report.annex_document else 0)} "
            f"annex={len(report.snapshot.get('annex', []))}",
            flush=True,
        )


def child(args, run_ids: list[int], trace: bool = False) -> list[dict]:
    command = [sys.executable, __file__, "--issue", ",".join(map(str, run_ids)), "--database", args.database]
    command += ["--media", args.media] + (["--trace"] if trace else [])
    output = subprocess.run(command, check=True, capture_output=True, text=True, env=os.environ.copy()).stdout  # noqa: S603
    return [
        dict(part.split("=") for part in line.split()[1:]) for line in output.splitlines() if line.startswith("RESULT ")
    ]


def median(results: list[dict], key: str = "wall") -> dict:
    ordered = sorted(results, key=lambda r: float(r[key]))
    return ordered[len(ordered) // 2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", action="store_true", help="keep the throwaway database and media folder")
    parser.add_argument("--issue", help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--database", help=argparse.SUPPRESS)
    parser.add_argument("--media", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.issue:
        setup_django(args.database, args.media)
        issue([int(pk) for pk in args.issue.split(",")], args.trace)
        return

    folder = Path(tempfile.mkdtemp(prefix="lip-bench-report-"))
    args.database = os.environ.get("DATABASE_URL") or f"sqlite:///{folder / 'bench.sqlite3'}"
    args.media = str(folder / "media")
    setup_django(args.database, args.media)
    seeded = seed()
    runs = seeded["runs"]
    print(f"Issuing the report for {seeded['period']}: {PROCESSES} fresh processes, two reports each …", flush=True)
    results = [child(args, runs[2 * i : 2 * i + 2]) for i in range(PROCESSES)]
    cold, warm = median([r[0] for r in results]), median([r[1] for r in results])
    (traced,) = child(args, runs[-1:], trace=True)
    rss = max(float(r[0]["rss"]) for r in results)
    wall = float(cold["wall"])

    def line(label: str, result: dict) -> str:
        return (
            f"{label}: {result['wall']} s wall, {result['cpu']} s CPU – snapshot {result['snapshot']} s, "
            f"render the paper {result['paper']} s and the annex {result['annex_render']} s (two tasks; here one "
            f"after the other), store {result['store']} s; then the e-mail task {result['notify']} s"
        )

    print()
    print(
        f"Report: {int(cold['pages']) + int(cold['annex_pages'])} pages – the council paper {cold['pages']}, its annex "
        f"(Anlage 1, {cold['annex']} proposals) {cold['annex_pages']} – {int(cold['bytes']) / 2**20:.1f} MiB of PDF"
    )
    print(line(f"First report of a fresh worker process (median of {PROCESSES})", cold))
    print(line(f"Next report in the same process (median of {PROCESSES})", warm))
    print(f"Peak memory of the issuing process (ru_maxrss, highest after its first report): {rss:.0f} MiB")
    print(f"Peak of Python allocations during the issue (tracemalloc, separate run): {traced['traced']} MiB")
    print(
        f"Load average (1 min) on this machine now: {os.getloadavg()[0]:.1f} – other processes slow the wall time down"
    )
    print(
        f"Target: <= 3 s and <= 250 MiB -> time {'OK' if wall <= 3 else 'over'} (first report), "
        f"memory {'OK' if rss <= 250 else 'over'}"
    )
    if args.keep:
        print(f"Kept: {folder}")
    else:
        import shutil

        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
