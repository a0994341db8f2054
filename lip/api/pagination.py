"""Cursor pagination: stable under inserts, no COUNT over the whole table, opaque cursors a client cannot forge."""

from rest_framework import pagination


class CursorPagination(pagination.CursorPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    # Each viewset names its `ordering`; the OrderingFilter's `ordering_fields` limit what a client may ask for.
    ordering = "-id"
