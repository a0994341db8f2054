"""No 500, whatever the input (issue 12, section 2).

Every URL pattern of the project (public pages, allauth, our apps' admin views, the seeded Wagtail pages and their
sub-page routes) gets, for each role, GET and POST requests built by hypothesis from the field names of our forms
and filter sets plus random keys, with values that broke views before: NUL and other control characters, "²"
(str.isdigit() accepts it, int() does not), numbers beyond 64 bits, negative numbers, 10,000-character strings,
repeated keys; and multipart bodies with a broken boundary. Any answer >= 500 fails the test, with the list of
requests that caused it.

Bounded and replayable: a deterministic sweep over every URL plus LIP_FUZZ_EXAMPLES (default 60) random examples per
role, derandomized; set LIP_FUZZ_SEED=<n> to draw other examples (the failure message names the seed), and a larger
LIP_FUZZ_EXAMPLES for a longer hunt.
"""

import os
from dataclasses import dataclass, field

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from consultation.models import Proposal
from lip.models import Organisation
from tests.fuzz import targets as fuzz_targets
from tests.fuzz import world as seeded

world_data, world = seeded.world_data, seeded.world  # the module's fixtures

EXAMPLES = int(os.environ.get("LIP_FUZZ_EXAMPLES", "60"))
SEED = os.environ.get("LIP_FUZZ_SEED")
HUGE = fuzz_targets.HUGE
NASTY = [
    "\x00",
    "a\x00b",
    "²",
    "³1.12.2026",
    HUGE,
    "-" + HUGE,
    "-1",
    "0",
    "1e309",
    "NaN",
    "x" * 10_000,
    "\x1b[31m",
    "Zeile\x0bzwei",
    "\u2028",
    '"""',
    "'; --",
    "%",
    "../../etc/passwd",
    "<script>",
    "=HYPERLINK(1)",
    "\ufeff",
    "😀",
    "",
    " ",
]
ROLES_ALL = ("anonymous", "superuser")
ROLES_PUBLIC = ("participant", "representative", "council", "jury")
ROLES_ADMIN = ("moderator",)


@dataclass
class Tally:
    sent: int = 0
    failures: list[str] = field(default_factory=list)

    def check(self, response, method: str, path: str, data) -> None:
        self.sent += 1
        if response.status_code >= 500:
            error = getattr(response, "exc_info", None)
            cause = f"{error[0].__name__}: {str(error[1])[:200]}" if error else ""
            self.failures.append(
                f"{method} {path[:120]} -> {response.status_code} {cause}\n    data: {str(data)[:300]!r}"
            )

    def summary(self, name: str) -> str:
        return f"{name}: requests sent: {self.sent}, 500s: {len(self.failures)}"


def _real_values(world) -> dict[str, list[str]]:
    return {
        "slug": list(Organisation.objects.values_list("slug", flat=True)[:2]),
        "reference": list(
            Proposal.objects.filter(consultation=world.consultation).values_list("reference", flat=True)[:2]
        ),
    }


def _all_targets(role: str) -> list[fuzz_targets.Target]:
    found = fuzz_targets.url_targets() + fuzz_targets.page_targets()
    if role in ROLES_PUBLIC:
        return [t for t in found if not t.is_admin]
    if role in ROLES_ADMIN:
        return [t for t in found if t.is_admin]
    return found


def _paths(target, real) -> list[str]:
    """The target with real values, then with the nasty values of each placeholder."""
    candidates = {name: fuzz_targets.path_values(kind, real) for name, kind in target.converters}
    first = {name: values[0] for name, values in candidates.items()}
    paths = [fuzz_targets.fill(target, first)]
    for name, values in candidates.items():
        for value in values[-2:]:
            paths.append(fuzz_targets.fill(target, {**first, name: value}))
    return list(dict.fromkeys(paths))


def _send(client, tally: Tally, method: str, path: str, data) -> None:
    if method == "GET":
        response = client.get(path, data)
    elif method == "POST":
        response = client.post(path, data)
    else:  # a multipart body with a broken boundary
        response = client.generic(
            "POST",
            path,
            data=b'--wrong\r\nContent-Disposition: form-data; name="x"\r\n\r\n\x00',
            content_type="multipart/form-data; boundary=expected",
        )
    tally.check(response, method, path, data)


def _nasty_data(keys: list[str], offset: int) -> dict[str, str | list[str]]:
    data = {key: NASTY[(i + offset) % len(NASTY)] for i, key in enumerate(keys)}
    data[keys[offset % len(keys)]] = [HUGE, "²", "\x00"]  # a repeated key
    return data


# --- Every URL, once with nasty parameters (deterministic) -----------------------------------------------------


@pytest.mark.parametrize("role", ROLES_ALL + ROLES_PUBLIC + ROLES_ADMIN)
def test_every_url_answers_without_500(world, role, record_property):
    client = world.client(role)
    real = _real_values(world)
    keys = fuzz_targets.field_names()
    tally = Tally()
    for number, target in enumerate(_all_targets(role)):
        for path in _paths(target, real):
            _send(client, tally, "GET", path, {})
            _send(client, tally, "GET", path, _nasty_data(keys, number))
        path = _paths(target, real)[0]
        _send(client, tally, "POST", path, _nasty_data(keys, number + 7))
        _send(client, tally, "MULTIPART", path, None)
    record_property("requests", tally.sent)
    print(tally.summary(f"sweep[{role}]"))
    assert not tally.failures, tally.summary(role) + "\n" + "\n".join(tally.failures)


# --- Random requests (hypothesis) -------------------------------------------------------------------------------

_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
_VALUES = st.one_of(
    st.sampled_from(NASTY),
    _TEXT,
    st.integers().map(str),
    st.text(st.characters(max_codepoint=0x9F, exclude_categories=("Cs",)), max_size=12),
)


def _hypothesis_settings(func):
    func = settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=SEED is None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )(func)
    return seed(int(SEED))(func) if SEED is not None else func


@pytest.mark.parametrize("role", ("anonymous", "participant", "superuser"))
def test_random_requests_answer_without_500(world, role, record_property):
    client = world.client(role)
    real = _real_values(world)
    targets = [path for target in _all_targets(role) for path in _paths(target, real)]
    keys = st.one_of(st.sampled_from(fuzz_targets.field_names()), _TEXT)
    params = st.dictionaries(keys, st.one_of(_VALUES, st.lists(_VALUES, max_size=3)), max_size=6)
    tally = Tally()

    @_hypothesis_settings
    @given(path=st.sampled_from(targets), method=st.sampled_from(["GET", "POST"]), data=params)
    def run(path, method, data):
        _send(client, tally, method, path, data)

    run()
    record_property("requests", tally.sent)
    print(tally.summary(f"random[{role}]"))
    assert not tally.failures, f"LIP_FUZZ_SEED={SEED} " + tally.summary(role) + "\n" + "\n".join(tally.failures)
