"""factory_boy factories shared by all tests (exposed as fixtures in conftest.py)."""

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone
from wagtail.models import Page, Site

from lip.models import (
    District,
    Membership,
    MembershipRole,
    MembershipStatus,
    Organisation,
    OrganisationType,
    Topic,
    User,
)
from lip.roles import Role
from lip.services import user_add_role


def many_to_many(name: str, *, save: bool = False) -> factory.PostGeneration:
    """Set the many-to-many relation `name` to the objects passed as `name=[...]` (nothing when none are passed).

    `save=True` saves the object afterwards (pages whose search index or revision should see the relation).
    """

    def set_related(obj, create, extracted, **kwargs):
        if create and extracted:
            getattr(obj, name).set(extracted)
            if save:
                obj.save()

    return factory.PostGeneration(set_related)


def default_parent() -> Page:
    """The default site's root page (the home page); the tree's first root node when there is no site."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site.root_page if site else Page.get_first_root_node()


class ModelFactory(factory.django.DjangoModelFactory):
    """The base of every factory here. Post-generation hooks save what they change themselves
    (`many_to_many(save=True)`), so factory_boy's extra save after them is skipped."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True


class PageFactory(ModelFactory):
    """A Wagtail page, added to the tree under `parent=...` (by default the default site's root page)."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, parent: Page | None = None, **kwargs):
        page = model_class(*args, **kwargs)
        (parent or default_parent()).add_child(instance=page)
        return page


class DistrictFactory(ModelFactory):
    class Meta:
        model = District
        django_get_or_create = ("number",)

    number = factory.Sequence(lambda n: 100 + n)
    name = factory.Sequence(lambda n: f"Testbezirk {n}")
    slug = factory.Sequence(lambda n: f"testbezirk-{n}")


class TopicFactory(ModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Handlungsfeld {n}")
    slug = factory.Sequence(lambda n: f"handlungsfeld-{n}")


class UserFactory(ModelFactory):
    """A person with a confirmed e-mail address (pass `verified=False` for an unconfirmed one)."""

    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    display_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.django.Password("correct-horse-battery")

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create:
            for role in extracted or [Role.PARTICIPANT]:
                user_add_role(user=self, role=role)


class OrganisationFactory(ModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Verein {n}")
    slug = factory.Sequence(lambda n: f"verein-{n}")
    type = OrganisationType.ASSOCIATION
    verified_at = factory.LazyFunction(timezone.now)

    class Params:
        unverified = factory.Trait(verified_at=None)


class MembershipFactory(ModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = MembershipRole.MEMBER
    status = MembershipStatus.ACTIVE


def representative_of(organisation: Organisation, **user_kwargs) -> User:
    user = UserFactory(roles=[Role.PARTICIPANT, Role.REPRESENTATIVE], **user_kwargs)
    MembershipFactory(user=user, organisation=organisation, role=MembershipRole.REPRESENTATIVE)
    return user
