"""Response headers that protect visitors: Content-Security-Policy, Permissions-Policy and no caching of personal pages.

- `ContentSecurityPolicyMiddleware`: django-csp's middleware with the strict policy of
  `settings.CONTENT_SECURITY_POLICY` everywhere, loosened only under the Wagtail admin (see `ADMIN_CSP_UPDATE`).
- `PermissionsPolicyMiddleware`: denies the browser features the platform never uses.
- `PrivateCacheMiddleware`: every response to a signed-in person is `Cache-Control: private, no-store` and varies by
  cookie, so that neither a shared proxy nor the browser's history cache keeps a profile, an application, an award
  letter or a jury page. Anonymous public pages stay cacheable.
"""

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers

# What the Wagtail 8 admin needs beyond the public policy, as tests/browser/test_csp.py found it (each entry was
# taken out once and that test then failed on the named page):
# - script-src 'unsafe-inline': the page editor writes inline <script> elements without a nonce (InlinePanel, e.g.
#   the phases of a consultation; the date and time widgets).
# - style-src 'unsafe-inline': the editor's bundled JavaScript (wagtailadmin/js/vendor.js) inserts <style> elements.
# - img-src blob:: the multiple image upload previews the chosen file from a blob: URL before sending it.
# Everything else (default-src, connect-src, object-src, frame-ancestors, form-action, base-uri) stays as strict as
# on the public site. The admin is only reachable for signed-in staff, and the public pages are unaffected.
ADMIN_CSP_UPDATE = {
    "script-src": [UNSAFE_INLINE],
    "style-src": [UNSAFE_INLINE],
    "img-src": ["blob:"],
}
# The page editor shows its live preview in an iframe of an admin URL: admin pages may be framed by the admin itself
# (Wagtail sends X-Frame-Options: SAMEORIGIN there); every other page may be framed by no one.
ADMIN_CSP_REPLACE = {"frame-ancestors": [SELF]}

# Browser features no page of the platform uses; "()" allows them to no origin, not even our own.
# Passkeys (WebAuthn) stay allowed for our own origin for a second factor.
PERMISSIONS_POLICY = ", ".join(
    [
        "accelerometer=()",
        "autoplay=()",
        "browsing-topics=()",
        "camera=()",
        "display-capture=()",
        "encrypted-media=()",
        "geolocation=()",
        "gyroscope=()",
        "hid=()",
        "interest-cohort=()",
        "magnetometer=()",
        "microphone=()",
        "midi=()",
        "payment=()",
        "picture-in-picture=()",
        "publickey-credentials-create=(self)",
        "publickey-credentials-get=(self)",
        "screen-wake-lock=()",
        "serial=()",
        "usb=()",
        "xr-spatial-tracking=()",
    ]
)


def _merge(first: dict | None, second: dict | None) -> dict:
    merged: dict[str, list] = {}
    for directives in (first or {}, second or {}):
        for name, sources in directives.items():
            if sources is None:
                continue
            if isinstance(sources, str):
                sources = [sources]
            merged.setdefault(name, []).extend(sources)
    return merged


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware; under the Wagtail admin the policy gets `ADMIN_CSP_UPDATE` added.

    Uses the extension point django-csp documents for this: overriding `get_policy_parts`.
    """

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(reverse("wagtailadmin_home")):
            parts.update = _merge(parts.update, ADMIN_CSP_UPDATE)
            parts.replace = {**(parts.replace or {}), **ADMIN_CSP_REPLACE}
        elif getattr(request, "is_preview", False):
            # Wagtail renders a preview through the middleware with a request for the page's own path; the
            # editor's preview panel then frames that response.
            parts.replace = {**(parts.replace or {}), **ADMIN_CSP_REPLACE}
        return parts


class PermissionsPolicyMiddleware:
    """Sets `Permissions-Policy` on every response that has none yet."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class PrivateCacheMiddleware:
    """`Cache-Control: private, no-store` and `Vary: Cookie` on every response to a signed-in person.

    Directives a view set itself (no-cache, must-revalidate, max-age=0, ...) are kept; `public` gives way to
    `private`. Must come after AuthenticationMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
            patch_vary_headers(response, ("Cookie",))
        return response
