from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views
from lip import views as lip_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("dokumente/", include(wagtaildocs_urls)),
    path("konto/login/", lip_views.LoginView.as_view(), name="account_login"),
    path("konto/", include("allauth.urls")),
    path("suche/", home_views.search, name="search"),
    path("ideenwettbewerb/", include("ideas.urls")),
    path("monitoring/", include("monitoring.urls")),
    path("", include("lip.urls_app")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
