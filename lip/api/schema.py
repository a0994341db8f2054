"""The OpenAPI schema of /api/v1/: only our endpoints, each with the error answers a client may get."""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import is_serializer
from drf_spectacular.utils import OpenApiResponse

PREFIX = "/api/v1/"

# DRF's error bodies: {"detail": "..."} or, for invalid parameters, {"<parameter>": ["<message>", ...]}.
ERROR_BODY = {
    "type": "object",
    "additionalProperties": {
        "oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}],
    },
}


def only_open_data_api(endpoints):
    """drf-spectacular PREPROCESSING_HOOKS: keep /api/v1/ and drop every other DRF view of the project (Wagtail's
    admin API)."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(PREFIX)]


class OpenDataAutoSchema(AutoSchema):
    """Documents besides the success answer: 400 for an invalid parameter (filters apply to details too), 404 for an
    unknown row (all but lists) and 429 when the anonymous rate limit bites."""

    def get_response_serializers(self):
        found = super().get_response_serializers()
        if not (is_serializer(found) or isinstance(found, type)) or self.method != "GET":
            return found
        responses = {
            200: found,
            400: OpenApiResponse(ERROR_BODY, description="Invalid parameter (filter, page size or cursor)."),
            429: OpenApiResponse(ERROR_BODY, description="Too many requests (rate limit)."),
        }
        if getattr(self.view, "action", None) != "list":
            responses[404] = OpenApiResponse(ERROR_BODY, description="No public row with this key.")
        return responses
