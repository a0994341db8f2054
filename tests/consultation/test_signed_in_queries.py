"""Exact query counts of a participant's busiest requests (issue 16), with the staff second-factor check switched on
as in production: the proposal list in the voting phase, the proposal page and a vote.

The person comes with their e-mail confirmation and whether they hold any permission in one query
(lip/auth_backends.py), so none of these asks the permission tables or the e-mail addresses. What is left:
- every request: the session and the person (2), the site, its home page, the routing query and the consultation's
  row (4), its phases (1);
- the list: the count, the page of proposals, the person's votes in the consultation (3) = 10;
- the proposal page: the proposal and its tags (2), the person's reports, the comments, the person's votes (3),
  "Was daraus wurde" from the idea competition and the monitoring (2) = 14;
- the vote: the proposal read lean (1), then in the transaction the person's row locked, their existing vote, the
  insert with its savepoint and the counter (4 + 2), and, in a test, the service's own savepoint (2) = 16.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.consultation.test_query_budgets import builder, comments  # noqa: F401 - fixtures

LIST, DETAIL, VOTE = 10, 14, 16


@pytest.fixture
def production_like(settings, clock, consultation, proposal, builder, comments):  # noqa: F811
    settings.LIP_STAFF_MFA_REQUIRED = True
    cache.clear()
    builder(10)
    comments(10)
    clock.travel("voting")


def sqls_of(client, method, url) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        response = getattr(client, method)(url)
    assert response.status_code == (302 if method == "post" else 200)
    return [query["sql"] for query in ctx.captured_queries]


def test_a_participants_requests_ask_no_permission_and_no_e_mail_query(
    client_for, user, consultation, proposal, production_like
):
    client = client_for(user)
    client.get(consultation.url)  # warm the per-process caches (site root paths, content types)
    sqls = [
        *sqls_of(client, "get", consultation.url + "vorschlaege/"),
        *sqls_of(client, "get", proposal.get_absolute_url()),
        *sqls_of(client, "post", proposal.get_absolute_url() + "stimme/"),
    ]

    assert not [sql for sql in sqls if "auth_permission" in sql or 'account_emailaddress" WHERE' in sql]


def test_the_signed_in_list_detail_and_vote_cost_exactly_their_budget(
    client_for, user, consultation, proposal, production_like, django_assert_num_queries
):
    client = client_for(user)
    client.get(consultation.url)  # warm the per-process caches

    with django_assert_num_queries(LIST):
        assert client.get(consultation.url + "vorschlaege/").status_code == 200
    with django_assert_num_queries(DETAIL):
        assert client.get(proposal.get_absolute_url()).status_code == 200
    with django_assert_num_queries(VOTE):
        assert client.post(proposal.get_absolute_url() + "stimme/").status_code == 302
