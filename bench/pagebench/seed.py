"""Seed the throwaway database fast: the demo content (site, pages, demo accounts), then at scale 1.0 10,000
proposals, 100,000 comments and 200,000 votes (bulk_create, COPY for comments and votes), counters set from the rows.

Most proposals belong to one consultation in its voting phase (the one whose list and detail pages are measured,
as in production, where one consultation gathers nearly all of them); three small ones are in other phases.
"""

import io
import random
import time
from dataclasses import dataclass, field
from datetime import timedelta

SEED = 2136
VOTE_BUDGET = 20
VOTES_LEFT = 5  # the vote run's people already support VOTE_BUDGET - VOTES_LEFT proposals
TITLES = [
    "Mehr Sprachcafés in {d}",
    "Beratung für Neuzugewanderte in {d} ausbauen",
    "Mehrsprachige Elternabende an Schulen in {d}",
    "Ein interkulturelles Stadtteilfest in {d}",
    "Sprachcafés und Hausaufgabenhilfe in {d} verbinden",
    "Bessere Anerkennung ausländischer Abschlüsse",
    "Dolmetschpool für Arztbesuche in {d}",
    "Treffpunkt für Frauen mit Fluchterfahrung in {d}",
    "Mehr Ausbildungsplätze für junge Geflüchtete",
    "Begegnungsgarten in {d}",
]
TEXT = (
    "Viele Menschen in unserem Stadtteil wünschen sich einen Ort, an dem sie sich treffen, Deutsch üben und "
    "Fragen zu Behörden, Schule und Arbeit stellen können. Wir schlagen vor, das Angebot gemeinsam mit den "
    "Vereinen vor Ort aufzubauen und mehrsprachig bekannt zu machen."
)
COMMENTS = [
    "Gute Idee, das brauchen wir!",
    "Wir machen gern mit.",
    "Wo genau soll das stattfinden?",
    "Unterstütze ich.",
]


@dataclass
class Seeded:
    list_url: str = ""
    detail_url: str = ""
    detail_reference: str = ""
    consultation_id: int = 0
    demo_email: str = ""
    demo_password: str = ""
    counts: str = ""
    vote_references: list[str] = field(default_factory=list)
    voters: list[int] = field(default_factory=list)


def _copy(table: str, columns: tuple[str, ...], rows) -> None:
    from django.db import connection

    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _consultation(index, slug, title, phases, budget):
    from consultation.models import ConsultationPage, Phase
    from lip.models import Topic

    page = ConsultationPage(
        title=title,
        slug=slug,
        teaser="Was braucht Hannover, damit alle gut zusammenleben?",
        vote_budget=budget,
        phases=[
            Phase(type=kind, title=label, start=start, end=end, sort_order=n)
            for n, (kind, label, start, end) in enumerate(phases)
        ],
    )
    page.topics = list(Topic.objects.all())
    index.add_child(instance=page)
    page.save_revision().publish()
    return ConsultationPage.objects.get(pk=page.pk)


def seed(scale: float, voters: int) -> Seeded:
    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone
    from taggit.models import Tag

    from consultation.models import (
        Channel,
        ConsultationIndexPage,
        ConsultationPage,
        Event,
        EventKind,
        PhaseType,
        Proposal,
        ProposalState,
        Response,
        ResponseState,
        TaggedProposal,
    )
    from lip.demo import DEMO_PASSWORD
    from lip.models import District, Organisation, OrganisationType, Topic, User

    rng = random.Random(SEED)
    n_proposals = max(200, round(10_000 * scale))
    n_comments = round(100_000 * scale)
    n_votes = round(200_000 * scale)
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("seed_demo", verbosity=0, stdout=io.StringIO())
    print(f"  migrated and seeded the demo content in {time.perf_counter() - started:.0f} s", flush=True)
    started = time.perf_counter()
    now = timezone.now()
    day = timedelta(days=1)
    result = Seeded(demo_email="teilnahme@lip-hannover.example", demo_password=DEMO_PASSWORD)

    with transaction.atomic():
        index = ConsultationIndexPage.objects.first()
        main = _consultation(
            index,
            "lip-4-0-stadtweit",
            "LIP 4.0 – stadtweite Beteiligung",
            [
                (PhaseType.SUBMISSION, "Vorschläge", now - 130 * day, now - 40 * day),
                (PhaseType.DISCUSSION, "Diskussion", now - 40 * day, now - 10 * day),
                (PhaseType.VOTING, "Abstimmung", now - 10 * day, now + 30 * day),
                (PhaseType.EVALUATION, "Auswertung", now + 30 * day, now + 90 * day),
            ],
            VOTE_BUDGET,
        )
        others = [
            _consultation(
                index,
                f"bench-{kind}",
                f"Beteiligung im Stadtbezirk ({label})",
                [(kind, label, now - 200 * day + offset, now - 100 * day + offset)],
                0,
            )
            for kind, label, offset in [
                (PhaseType.SUBMISSION, "Vorschläge", 150 * day),
                (PhaseType.DISCUSSION, "Diskussion", 120 * day),
                (PhaseType.RESULTS, "Ergebnisse", 110 * day),
            ]
        ]
        districts, topics = list(District.objects.all()), list(Topic.objects.all())
        types = [value for value, _label in OrganisationType.choices]
        Organisation.objects.bulk_create(
            Organisation(name=f"Verein {i}", slug=f"bench-verein-{i}", type=types[i % len(types)], verified_at=now)
            for i in range(60)
        )
        organisations = list(Organisation.objects.filter(slug__startswith="bench-verein-"))
        events = Event.objects.bulk_create(
            Event(
                consultation=main,
                kind=[k for k, _ in EventKind.choices][i % 4],
                title=f"Workshop {i + 1}",
                date=now - (120 - i * 8) * day,
                place="Freizeitheim",
                district=districts[i % len(districts)],
                attendees=20 + i,
            )
            for i in range(12)
        )

        # People: authors and voters of the seeded data, and fresh voters for the vote run (no votes yet).
        main_votes = round(n_votes * 0.95)
        n_users = max(100, main_votes // 15 + 1)
        password = make_password("bench-" + str(SEED))
        User.objects.bulk_create(
            (
                User(email=f"person{i}@bench.example", display_name=f"Person {i}", password=password)
                for i in range(n_users)
            ),
            batch_size=5000,
        )
        User.objects.bulk_create(
            (
                User(email=f"voter{i}@bench.example", display_name=f"Voter {i}", password=password)
                for i in range(voters)
            ),
        )
        users = list(User.objects.filter(email__startswith="person").values_list("pk", flat=True))
        result.voters = list(User.objects.filter(email__startswith="voter").order_by("pk").values_list("pk", flat=True))
        EmailAddress.objects.bulk_create(
            EmailAddress(user_id=pk, email=f"voter{i}@bench.example", verified=True, primary=True)
            for i, pk in enumerate(result.voters)
        )

        # Proposals: 97 % in the main consultation, newest first on its list; the newest is the detail page's.
        analog = [c for c in Channel.values if c != Channel.ONLINE]
        proposals = []
        for i in range(n_proposals):
            consultation = main if i % 100 < 97 else others[i % 3]
            online = rng.random() < 0.8
            district = districts[i % len(districts)] if i % 5 else None
            state = ProposalState.PUBLISHED
            if i and rng.random() < 0.04:
                state = rng.choice([ProposalState.HIDDEN, ProposalState.WITHDRAWN, ProposalState.PENDING])
            proposals.append(
                Proposal(
                    consultation=consultation,
                    reference=f"LIP-{now.year}-{i + 1:05d}",
                    title=rng.choice(TITLES).format(d=district.name if district else "ganz Hannover")[:120],
                    text=TEXT,
                    topic=topics[i % len(topics)],
                    district=district,
                    author_id=rng.choice(users) if online else None,
                    organisation=organisations[i % len(organisations)] if i % 9 == 0 else None,
                    author_name="" if online else "Analog erfasst",
                    channel=Channel.ONLINE if online else rng.choice(analog),
                    event=rng.choice(events) if not online and consultation is main else None,
                    state=state,
                    created_at=now - timedelta(hours=1) if i == 0 else now - 40 * day - rng.random() * 90 * day,
                )
            )
        Proposal.objects.bulk_create(proposals, batch_size=2000)
        detail = proposals[0]
        result.consultation_id, result.detail_reference = main.pk, detail.reference
        main_ids = [p.pk for p in proposals if p.consultation_id == main.pk]
        published = [p for p in proposals if p.consultation_id == main.pk and p.state == ProposalState.PUBLISHED]

        tags = Tag.objects.bulk_create(Tag(name=f"Schlagwort {i}", slug=f"schlagwort-{i}") for i in range(12))
        TaggedProposal.objects.bulk_create(
            (
                TaggedProposal(content_object_id=p.pk, tag=tag)
                for p in proposals
                if rng.random() < 0.3
                for tag in rng.sample(tags, rng.randint(1, 2))
            ),
            batch_size=5000,
        )
        states = [ResponseState.ADOPTED, ResponseState.FORWARDED, ResponseState.NOT_ADOPTED]
        Response.objects.bulk_create(
            (
                Response(
                    proposal_id=p.pk,
                    state=rng.choice(states),
                    text="Die Verwaltung hat den Vorschlag geprüft.",
                    department="Fachbereich Soziales",
                    published_at=now - rng.randint(1, 9) * day,
                )
                for p in published[1:]
                if rng.random() < 0.15
            ),
            batch_size=2000,
        )

        # Comments: 10 on the detail page's proposal (two of them replies), the rest spread (COPY).
        from consultation.models import Comment

        top = Comment.objects.bulk_create(
            Comment(
                proposal=detail,
                author_id=users[i],
                text=COMMENTS[i % 4],
                created_at=now - (50 - i) * timedelta(minutes=1),
            )
            for i in range(8)
        )
        Comment.objects.bulk_create(
            Comment(proposal=detail, parent=top[i], author_id=users[10 + i], text="Sehe ich auch so.", created_at=now)
            for i in range(2)
        )
        others_ids = [p.pk for p in proposals[1:]]
        # COPY bypasses Django's defaults: the plan-draft fields without a database default get theirs here.
        columns = ("proposal_id", "author_id", "text", "state", "created_at", "channel", "author_name", "proposed_text")

        def comment_rows():
            for _ in range(max(0, n_comments - 10)):
                state = "published" if rng.random() < 0.98 else "hidden"
                yield (
                    rng.choice(others_ids),
                    rng.choice(users),
                    rng.choice(COMMENTS),
                    state,
                    now - rng.random() * 40 * day,
                    "online",
                    "",
                    "",
                )

        _copy("consultation_comment", columns, comment_rows())

        pool = min(400, len(published) // 2)
        result.vote_references = [p.reference for p in published[1 : 1 + pool]]
        earlier = [p.pk for p in published[1 + pool :]]

        # Votes: in the main consultation at most VOTE_BUDGET per person; in the others, no budget (COPY).
        def vote_rows():
            left = main_votes
            for user in users:
                if left <= 0:
                    break
                count = min(left, rng.randint(10, VOTE_BUDGET))
                left -= count
                for proposal in rng.sample(main_ids, count):
                    yield (proposal, user, main.pk, now - rng.random() * 9 * day)
            for user in result.voters:
                for proposal in rng.sample(earlier, VOTE_BUDGET - VOTES_LEFT):
                    yield (proposal, user, main.pk, now - rng.random() * 9 * day)
            other = [p for p in proposals if p.consultation_id != main.pk]
            per = max(1, (n_votes - main_votes) // max(1, len(other)))
            for proposal in other:
                for user in rng.sample(users, min(per, len(users))):
                    yield (proposal.pk, user, proposal.consultation_id, now - 100 * day)

        _copy("consultation_vote", ("proposal_id", "user_id", "consultation_id", "created_at"), vote_rows())

        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE consultation_proposal p SET online_votes = v.n FROM "
                "(SELECT proposal_id, count(*) n FROM consultation_vote GROUP BY proposal_id) v WHERE p.id = v.proposal_id"
            )
            cursor.execute(
                "UPDATE consultation_proposal p SET comment_count = c.n FROM (SELECT proposal_id, count(*) n FROM "
                "consultation_comment WHERE state = 'published' AND deleted_at IS NULL GROUP BY proposal_id) c "
                "WHERE p.id = c.proposal_id"
            )
    # VACUUM as autovacuum would have done on a production table: the counter updates above leave dead rows that
    # the indexes (the search vector's GIN index among them) would otherwise still point at. Outside the transaction.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")

    main_url = ConsultationPage.objects.get(pk=main.pk).url
    result.list_url = main_url + "vorschlaege/"
    result.detail_url = f"{result.list_url}{detail.reference}/"
    counts = {table: _count(f"consultation_{table}") for table in ("proposal", "comment", "vote")}
    result.counts = (
        f"{counts['proposal']:,} proposals, {counts['comment']:,} comments, {counts['vote']:,} votes, "
        f"{n_users + voters:,} people"
    )
    print(f"  seeded {result.counts} in {time.perf_counter() - started:.0f} s", flush=True)
    return result


def _count(table: str) -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 - fixed table names
        return cursor.fetchone()[0]
