from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views
from lip import views as lip_views

urlpatterns = [
    # One way in (issue 12): Wagtail's own login and password reset pages never see a password; they send
    # the person, with `next`, to allauth's pages, which apply the rate limits, lockouts, e-mail
    # verification and second factor.
    path("admin/login/", lip_views.to_allauth("account_login")),
    re_path(r"^admin/password_reset/", lip_views.to_allauth("account_reset_password")),
    path("_util/login/", lip_views.to_allauth("account_login")),
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        lip_views.page_password,
    ),
    path("dokumente/authenticate_with_password/<int:restriction_id>/", lip_views.document_password),
    path("admin/", include(wagtailadmin_urls)),
    path("dokumente/", include(wagtaildocs_urls)),
    path("konto/login/", lip_views.LoginView.as_view(), name="account_login"),
    path("konto/", include("allauth.urls")),
    path("suche/", home_views.search, name="search"),
    path("ideenwettbewerb/", include("ideas.urls")),
    path("monitoring/", include("monitoring.urls")),
    path("api/v1/", include("lip.api.urls")),
    path("", include("lip.urls_app")),
]

if settings.DEBUG:
    import re

    from django.contrib.staticfiles.urls import staticfiles_urlpatterns
    from django.urls import re_path
    from django.views.static import serve

    urlpatterns += staticfiles_urlpatterns()
    # Only the public CMS images and their renditions; every other upload is private and served by a view that checks
    # permission (lip/files.py). No path segment may start with a dot, so "images/../documents/..." does not match.
    urlpatterns += [
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>(?:images|original_images)(?:/[^/.][^/]*)+)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
            name="public_media",
        )
    ]

urlpatterns += [path("", include(wagtail_urls))]
