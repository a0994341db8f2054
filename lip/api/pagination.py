"""Cursor pagination: stable under inserts, no COUNT over the whole table, opaque cursors a client cannot forge."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import pagination
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.fields import IntegerField


class CursorPagination(pagination.CursorPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    # Each viewset names its `ordering`; the OrderingFilter's `ordering_fields` limit what a client may ask for.
    ordering = "-id"

    def get_page_size(self, request):
        """A page size that is no whole number is a bad parameter (400); DRF would quietly use the default."""
        value = request.query_params.getlist(self.page_size_query_param)
        if value and not (len(value) == 1 and value[0].lstrip("-").isascii() and value[0].lstrip("-").isdigit()):
            raise ValidationError({self.page_size_query_param: [IntegerField.default_error_messages["invalid"]]})
        return super().get_page_size(request)

    def decode_cursor(self, request):
        """A cursor the API did not hand out is a bad parameter (400), not a missing page (DRF's 404)."""
        try:
            return super().decode_cursor(request)
        except NotFound as error:
            raise ValidationError({self.cursor_query_param: [error.detail]}) from error

    def paginate_queryset(self, queryset, request, view=None):
        """A well-formed cursor with a position that does not fit the ordering (a text for a date, one made for
        another ordering) is a bad parameter too: Django refuses the position when the query is built."""
        try:
            return super().paginate_queryset(queryset, request, view)
        except (DjangoValidationError, ValueError, TypeError, OverflowError) as error:
            if self.cursor_query_param not in request.query_params:
                raise
            raise ValidationError({self.cursor_query_param: [self.invalid_cursor_message]}) from error
