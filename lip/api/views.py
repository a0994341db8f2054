"""The base of every open-data endpoint: read-only, the same answer for everyone, cacheable and conditional."""

from collections.abc import Callable

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import Http404
from django.utils.cache import patch_cache_control
from django.utils.decorators import method_decorator
from django.views.decorators.http import conditional_page
from rest_framework import viewsets
from rest_framework.exceptions import NotFound

# How long a browser or proxy may keep an answer without asking again; after that an ETag makes asking cheap.
MAX_AGE = 60


@method_decorator(conditional_page, name="dispatch")
class PublicReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """A list and a detail over public rows only. Subclasses set `selector` to the function (in a `staticmethod`)
    that returns what anyone may see on the site, a model serializer without personal data, `filterset_class`,
    `ordering_fields` and `ordering` (the cursor pagination's order: unique, or ending in a unique field).

    Every answer is the same for every client: the API authenticates no one (settings.REST_FRAMEWORK), so the request
    is treated as anonymous even when a browser sends its session cookie along. That keeps the site's middleware from
    reading the session (which would add `Vary: Cookie`) or marking the answer private.

    Caching: `conditional_page` (Django's ConditionalGetMiddleware as a decorator) gives each GET an ETag over the
    rendered body and answers `If-None-Match` with 304; successful answers are `Cache-Control: public, max-age=60`.
    """

    lookup_value_regex = r"[^/]+"
    selector: Callable[[], QuerySet] | None = None  # the public rows, read again for each request

    def get_queryset(self):
        if self.selector is None:
            return super().get_queryset()
        if getattr(self, "swagger_fake_view", False):
            # The schema is made without a database (Wagtail's `.public()` reads the view restrictions): the model
            # suffices, and the serializer names it.
            return self.get_serializer_class().Meta.model.objects.none()
        return self.selector()

    def initialize_request(self, request, *args, **kwargs):
        request.user = AnonymousUser()
        session = getattr(request, "session", None)
        if session is not None and not session.modified:
            session.accessed = (
                False  # the page cache's anonymity check may have looked; the answer does not depend on it
            )
        return super().initialize_request(request, *args, **kwargs)

    def get_object(self):
        """A missing row is DRF's "Nicht gefunden." in the reader's language, not Django's English text naming the
        model."""
        try:
            return super().get_object()
        except Http404:
            raise NotFound() from None

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            patch_cache_control(response, public=True, max_age=MAX_AGE)
        return response
