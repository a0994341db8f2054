import shutil
import subprocess
import warnings
from pathlib import Path

import pytest

from lip.roles import Role
from tests import factories
from tests.browser.scheduling import pytest_xdist_make_scheduler  # noqa: F401 - one worker runs the browser tests

LOCALE_DIR = Path(__file__).resolve().parent.parent / "lip" / "locale"


@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session):
    """Compile message catalogues that are missing or older than their .po file (the .mo files are not in git).

    Runs once, in the controlling process, before pytest-xdist starts its workers.
    """
    if hasattr(session.config, "workerinput"):
        return
    msgfmt = shutil.which("msgfmt")
    for po in LOCALE_DIR.glob("*/LC_MESSAGES/django.po"):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        if msgfmt is None:
            warnings.warn(f"{mo} is stale and msgfmt (gettext) is missing: run compilemessages", stacklevel=1)
            continue
        subprocess.run([msgfmt, "--check-format", "-o", str(mo), str(po)], check=True)


@pytest.fixture(autouse=True, scope="session")
def _media_root(tmp_path_factory):
    """Uploaded and generated files of the whole session go to a temporary directory pytest cleans up."""
    from django.conf import settings

    settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))


@pytest.fixture
def user(db):
    return factories.UserFactory()


@pytest.fixture
def unverified_user(db):
    return factories.UserFactory(verified=False)


@pytest.fixture
def moderator(db):
    return factories.UserFactory(roles=[Role.MODERATOR], is_staff=True)


@pytest.fixture
def admin_without_rights(db):
    """Someone who may enter the Wagtail admin, but holds none of the apps' permissions (no moderator, no staff role)."""
    from django.contrib.auth.models import Permission

    person = factories.UserFactory(is_staff=True)
    person.user_permissions.add(Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin"))
    return person


@pytest.fixture
def district(db):
    from lip.models import District

    return District.objects.get(slug="linden-limmer")


@pytest.fixture
def other_district(db):
    from lip.models import District

    return District.objects.get(slug="mitte")


@pytest.fixture
def topic(db):
    from lip.models import Topic

    return Topic.objects.get(slug="sprachfoerderung")


@pytest.fixture
def council_member(db, district):
    return factories.UserFactory(roles=[Role.PARTICIPANT, Role.COUNCIL], council_district=district)


@pytest.fixture
def organisation(db):
    return factories.OrganisationFactory()


@pytest.fixture
def representative(db, organisation):
    return factories.representative_of(organisation)


@pytest.fixture
def home_page(db):
    """The platform's home page as the root of the default site (what `seed_demo` does, without the rest)."""
    from wagtail.models import Page, Site

    from home.models import HomePage

    home = Page.get_first_root_node().add_child(
        instance=HomePage(title="Gemeinsam den Integrationsplan gestalten", slug="start")
    )
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    return home


@pytest.fixture
def client_for(client):
    """`client_for(user)`: the test client, signed in as `user` (or anonymous for None)."""

    def _client_for(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return _client_for


@pytest.fixture(autouse=True)
def _german(settings):
    settings.LANGUAGE_CODE = "de"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts from an empty cache: the database rolls back after a test, what was cached from it (navigation,
    topics and districts, Wagtail's site root paths) would not."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def counters_agree(db):
    """After the test, every stored counter (votes, tallies, comments, audience votes) equals the rows it counts.

    Modules whose scenarios move counters use it with `pytestmark = pytest.mark.usefixtures("counters_agree")`."""
    from tests.counters_check import assert_counters_match

    yield
    assert_counters_match()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` runs the block's on-commit work (the page cache's version bumps) as a commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def page_cache(settings):
    """The page cache (lip/pagecache) switched on, from an empty cache: the tests of what it serves and when a write
    makes a page stale. Everywhere else it is off (lip/settings/test.py)."""
    from django.core.cache import cache

    settings.LIP_PAGE_CACHE = True
    cache.clear()
    yield
    cache.clear()
