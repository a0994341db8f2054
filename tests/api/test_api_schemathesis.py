"""Schemathesis against the served OpenAPI schema, as a client would: for every operation, generated requests get
no 500 and no answer that breaks the schema (status code, content type, headers, body).

Requests go to the WSGI application, over a few rows made with the factories (pytest-django's `db`); the anonymous
rate limit is lifted for it."""

import json

import pytest
import schemathesis
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from lip.wsgi import application
from tests.consultation.factories import (
    AnalogTallyFactory,
    CommentFactory,
    ConsultationPageFactory,
    EventFactory,
    ProposalFactory,
    ResponseFactory,
)


def _served_schema() -> dict:
    """The schema /api/v1/schema/ serves, built the same way (drf-spectacular's generator) without a request: the
    test collects before the test database exists. pytest 9 refuses `schemathesis.pytest.from_fixture` (it sets
    `Node._nodeid`), so the schema is loaded here and the rows come from a fixture."""
    generated = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(generated))


schema = schemathesis.openapi.from_dict(_served_schema())
schema.app = application


@pytest.fixture
def keep_test_connection():
    """The requests go to the WSGI application directly, not through Django's test client, so Django's request
    signals would close the database connection at each request's start and end (its autocommit differs inside the
    test's transaction): on PostgreSQL the next query would find it closed. Django's test client unhooks
    `close_old_connections` the same way."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def demo_rows(db, monkeypatch, keep_test_connection):
    from django.core.cache import cache
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "100000/min"})
    cache.clear()
    consultation = ConsultationPageFactory(slug="sprache")
    event = EventFactory(consultation=consultation)
    for index in range(3):
        proposal = ProposalFactory(consultation=consultation, tags=["Kita"])
        CommentFactory(proposal=proposal)
        AnalogTallyFactory(proposal=proposal, event=event)
        if index:
            ResponseFactory(proposal=proposal)
    ProposalFactory(consultation=consultation, analog=True, event=event)


@schema.parametrize()
@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case, demo_rows):
    # Every check but the two about how strict the input validation is: an empty filter value means "no filter"
    # (django-filter), and a cursor is opaque: a string the API did not hand out is rightly a 400.
    case.call_and_validate(excluded_checks=[negative_data_rejection, positive_data_acceptance])
