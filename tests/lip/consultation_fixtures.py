"""The consultation tests' fixtures (a consultation in its submission phase, a published proposal, its author and
the consultation's frozen clock) for the tests here that need public pages with content: imported with `*`, so that
test parameters may take the fixtures' names."""

from tests.consultation.conftest import (  # noqa: F401
    author,
    clock,
    consultation,
    consultation_index,
    home_page,
    make_consultation,
    make_proposal,
    proposal,
)
