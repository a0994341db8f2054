"""Helpers for the tests of the consultation's admin views."""


def form_errors(response) -> dict:
    assert response.status_code == 200, "an invalid form is shown again"
    return response.context["form"].errors
