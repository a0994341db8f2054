"""Demo people and organisations for `manage.py seed_demo`."""

from dataclasses import dataclass, field
from typing import Any

from allauth.account.models import EmailAddress
from django.utils import timezone
from django.utils.text import slugify

from .models import District, Membership, MembershipRole, MembershipStatus, Organisation, OrganisationType, User
from .roles import Role
from .services import user_add_role

DEMO_PASSWORD = "lip-demo-2026"  # noqa: S105 - printed by seed_demo, for demo accounts only


@dataclass
class DemoContext:
    """Shared between the apps' demo modules: who is who, and what to print at the end."""

    users: dict[str, User] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    objects: dict[str, Any] = field(default_factory=dict)
    accounts: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def demo_user(
    email: str, display_name: str, roles: list[Role], *, staff: bool = False, superuser: bool = False, **extra
) -> User:
    user, created = User.objects.get_or_create(
        email=email,
        defaults={"display_name": display_name, "is_staff": staff, "is_superuser": superuser, **extra},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    for role in roles:
        user_add_role(user=user, role=role)
    return user


ORGANISATIONS = [
    (
        "migrant",
        "Deutsch-Syrischer Kulturverein Hannover",
        OrganisationType.MIGRANT,
        "linden-limmer",
        True,
        "Kultur, Sprachcafés und Beratung für Neuangekommene in Linden.",
    ),
    (
        "welfare",
        "Caritasverband Hannover",
        OrganisationType.WELFARE,
        None,
        True,
        "Migrationsberatung, Jugendmigrationsdienst und Sprachkurse in der ganzen Stadt.",
    ),
    (
        "religious",
        "Haus der Religionen",
        OrganisationType.RELIGIOUS,
        "mitte",
        True,
        "Dialog der Religionsgemeinschaften und interreligiöse Bildung.",
    ),
    (
        "union",
        "DGB Region Niedersachsen-Mitte",
        OrganisationType.UNION,
        None,
        True,
        "Beratung zu Arbeitsrechten, faire Integration in den Arbeitsmarkt.",
    ),
    (
        "volunteer",
        "Willkommensinitiative Vahrenheide",
        OrganisationType.VOLUNTEER,
        "bothfeld-vahrenheide",
        False,
        "Patenschaften und Hausaufgabenhilfe im Quartier.",
    ),
]


def seed(ctx: DemoContext) -> None:
    districts = {d.slug: d for d in District.objects.all()}
    admin = demo_user(
        "admin@lip-hannover.example", "Ada Administration", [Role.ADMINISTRATOR], staff=True, superuser=True
    )
    moderator = demo_user("moderation@lip-hannover.example", "Mona Moderation", [Role.MODERATOR], staff=True)
    representative = demo_user(
        "vertretung@lip-hannover.example", "Rami Vertretung", [Role.PARTICIPANT, Role.REPRESENTATIVE]
    )
    participant = demo_user("teilnahme@lip-hannover.example", "Tara Teilnahme", [Role.PARTICIPANT])
    council = demo_user(
        "beirat@lip-hannover.example",
        "Bilal Beirat",
        [Role.PARTICIPANT, Role.COUNCIL],
        council_district=districts["linden-limmer"],
    )
    jury = demo_user("jury@lip-hannover.example", "Jana Jury", [Role.PARTICIPANT, Role.JURY])
    council_member = demo_user("rat@lip-hannover.example", "Rainer Rat", [Role.COUNCIL_MEMBER])
    ctx.users.update(
        admin=admin,
        moderator=moderator,
        representative=representative,
        participant=participant,
        council=council,
        jury=jury,
        council_member=council_member,
    )
    ctx.accounts += [
        ("Administration", admin.email),
        ("Moderation (Stadtverwaltung)", moderator.email),
        ("Organisationsvertretung", representative.email),
        ("Teilnehmende", participant.email),
        ("Integrationsbeirat Linden-Limmer", council.email),
        ("Jury", jury.email),
        ("Ratsmitglied", council_member.email),
    ]

    for key, name, org_type, district_slug, verified, description in ORGANISATIONS:
        organisation, _created = Organisation.objects.get_or_create(
            name=name,
            defaults={
                "slug": slugify(name),
                "type": org_type,
                "district": districts.get(district_slug) if district_slug else None,
                "description": description,
                "created_by": representative,
                "verified_at": timezone.now() if verified else None,
                "verified_by": moderator if verified else None,
            },
        )
        ctx.organisations[key] = organisation
    Membership.objects.get_or_create(
        user=representative,
        organisation=ctx.organisations["migrant"],
        defaults={"role": MembershipRole.REPRESENTATIVE, "status": MembershipStatus.ACTIVE},
    )
    Membership.objects.get_or_create(
        user=representative,
        organisation=ctx.organisations["volunteer"],
        defaults={"role": MembershipRole.REPRESENTATIVE, "status": MembershipStatus.ACTIVE},
    )
    Membership.objects.get_or_create(
        user=participant,
        organisation=ctx.organisations["migrant"],
        defaults={
            "role": MembershipRole.MEMBER,
            "status": MembershipStatus.REQUESTED,
            "message": "Ich helfe gern beim Sprachcafé mit.",
        },
    )
