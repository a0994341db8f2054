"""/api/v1/: the router over the apps' viewsets (hook ``register_api_viewsets``), the OpenAPI schema and its docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView
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
    path("redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
    path("", include("lip.api.opendata_urls")),
    path("", include(router.urls)),
]
