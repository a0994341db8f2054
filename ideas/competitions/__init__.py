"""Competitions: the call for applications (page, editor form) and its published results."""
