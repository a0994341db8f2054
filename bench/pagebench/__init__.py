"""Helpers of the page benchmark (`bench/pages.py`, `make bench`)."""
