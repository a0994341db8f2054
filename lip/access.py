"""One way to guard a view: a predicate from an app's permissions module.

Every app states who may do what in its own `permissions.py`; views name the rule instead of writing their own
`dispatch`:

    class ModerationQueueView(RuleRequiredMixin, TemplateView):
        access_rule = permissions.can_moderate

The mixin is Django's `UserPassesTestMixin` with `raise_exception` set: whoever the rule refuses gets a 403, signed
in or not (the admin's own login requirement runs before). The rule is a plain function of the user, read from the
class, so it is not bound to the view instance.
"""

from collections.abc import Callable

from django.contrib.auth.mixins import UserPassesTestMixin


class RuleRequiredMixin(UserPassesTestMixin):
    """Refuse the request (403) unless `access_rule(request.user)` is true."""

    access_rule: Callable[..., bool]
    raise_exception = True

    def test_func(self) -> bool:
        rule = type(self).access_rule  # a function stored on the class; reading it from the class keeps it unbound
        return bool(rule(self.request.user))
