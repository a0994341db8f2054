"""Demo content of „Wer macht mit?“ (called from `monitoring.demo.seed`, before the demo report is issued): the city's
population figures (13 districts, age groups, migration history) and 60 profiles – online, and paper sheets from a
workshop typed in by staff – spread so that the page shows real figures and at least one suppressed group.
Idempotent: a second run adds nothing."""

from decimal import Decimal

from consultation.models import Channel, Event
from lip.models import District

from ..models import NO_ANSWER, PopulationDimension, PopulationFigure, ReachProfile
from . import services

YEAR = 2025
SOURCE = "Landeshauptstadt Hannover, Statistikstelle: Strukturdaten der Stadtbezirke (Demo-Werte)"
# Share of the residents per district in percent, in the order of the districts' numbers (1 Mitte … 13 Nord).
DISTRICT_SHARES = ["7.1", "6.5", "8.4", "9.8", "4.4", "5.8", "6.2", "7.7", "9.4", "12.6", "7.0", "6.1", "9.0"]
AGE_SHARES = {"unter_18": "15.9", "18_29": "17.2", "30_44": "21.4", "45_64": "26.1", "65_plus": "19.4"}
MIGRATION_SHARES = {"eigene": "22.3", "eltern": "13.1", "keine": "64.6"}

# (count, district number or None, age group, migration, organisation kind, languages); online ones first.
ONLINE = [
    (9, 10, "30_44", "eigene", "migrantenorganisation", ["de", "ar"]),
    (7, 3, "18_29", "eltern", "verein", ["de", "tr"]),
    (6, 1, "45_64", "keine", "verwaltung", ["de", "en"]),
    (5, 9, "30_44", "eigene", "keine", ["de", "uk", "ru"]),
    (6, 13, "45_64", "eltern", "wohlfahrt", ["de", "tr"]),
    (2, 5, "65_plus", "keine", "religioes", ["de"]),  # a small group: suppressed
    (5, None, NO_ANSWER, NO_ANSWER, NO_ANSWER, []),
]
PAPER = [
    (8, 10, "18_29", "eigene", "migrantenorganisation", ["ar", "fa"]),
    (7, 4, "30_44", "eltern", "integrationsbeirat", ["de", "ku"]),
    (5, 3, "45_64", "eigene", "keine", ["de", "pl", "andere"]),
]


def _figures() -> None:
    if PopulationFigure.objects.filter(year=YEAR, source=SOURCE).exists():
        return
    districts = District.objects.order_by("number").values_list("slug", flat=True)
    rows = [
        *((PopulationDimension.DISTRICT, slug, share) for slug, share in zip(districts, DISTRICT_SHARES, strict=False)),
        *((PopulationDimension.AGE_GROUP, key, share) for key, share in AGE_SHARES.items()),
        *((PopulationDimension.MIGRATION, key, share) for key, share in MIGRATION_SHARES.items()),
    ]
    PopulationFigure.objects.bulk_create(
        PopulationFigure(dimension=dimension, category=category, share=Decimal(share), year=YEAR, source=SOURCE)
        for dimension, category, share in rows
    )


def _data(district_number, age, migration, kind, languages, districts) -> dict:
    return {
        "age_group": age,
        "district": districts.get(district_number),
        "migration": migration,
        "organisation_kind": kind,
        "languages": languages or [NO_ANSWER],
    }


def seed(ctx) -> int:
    """Population figures and, unless there are profiles already, the 60 demo profiles. Returns how many."""
    _figures()
    if ReachProfile.objects.exists():
        return ReachProfile.objects.count()
    districts = {d.number: d for d in District.objects.all()}
    for count, *answers in ONLINE:
        for _ in range(count):
            services.reach_profile_submit(data=_data(*answers, districts), user=None)
    event = Event.objects.order_by("date").first()
    channel = Channel.EVENT if event is not None else Channel.PAPER
    for count, *answers in PAPER:
        for _ in range(count):
            services.reach_sheet_record(
                data=_data(*answers, districts), channel=channel, event=event, user=ctx.users["moderator"]
            )
    return ReachProfile.objects.count()
