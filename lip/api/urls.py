"""/api/v1/: the router over the apps' viewsets (hook ``register_api_viewsets``), the OpenAPI schema and its docs.

The docs are Swagger UI only: ReDoc's bundle shows a logo from cdn.redoc.ly that no setting turns off, and the site
loads nothing from another host."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter
from wagtail import hooks

app_name = "api"

router = DefaultRouter()
for hook in hooks.get_hooks("register_api_viewsets"):
    for prefix, viewset, basename in hook():
        router.register(prefix, viewset, basename=basename)

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("", include("lip.api.opendata_urls")),
    path("", include(router.urls)),
]
