"""The licences the open data may be published under (a site setting, home.SiteSettings.open_data_license), with
the URIs the DCAT-AP.de catalogue names and the pages people read."""

from dataclasses import dataclass

from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _


class OpenDataLicense(models.TextChoices):
    DL_DE_BY_2_0 = "dl-de/by-2-0", _("Datenlizenz Deutschland – Namensnennung – Version 2.0")
    CC_BY_4_0 = "cc-by/4.0", _("Creative Commons Namensnennung 4.0 International (CC BY 4.0)")


# dct:license in DCAT-AP.de takes the URIs of its licence vocabulary (http://dcat-ap.de/def/licenses/).
LICENSE_URIS = {
    OpenDataLicense.DL_DE_BY_2_0: "http://dcat-ap.de/def/licenses/dl-by-de/2.0",
    OpenDataLicense.CC_BY_4_0: "http://dcat-ap.de/def/licenses/cc-by/4.0",
}
LICENSE_PAGES = {
    OpenDataLicense.DL_DE_BY_2_0: "https://www.govdata.de/dl-de/by-2-0",
    OpenDataLicense.CC_BY_4_0: "https://creativecommons.org/licenses/by/4.0/deed.de",
}
DEFAULT_PUBLISHER = "Landeshauptstadt Hannover"


@dataclass(frozen=True)
class OpenDataTerms:
    """What the downloads, the catalogue and the page say about who publishes the data and under which licence."""

    license: str
    publisher: str
    contact_email: str

    @property
    def license_label(self) -> str:
        return str(OpenDataLicense(self.license).label)

    @property
    def license_uri(self) -> str:
        return LICENSE_URIS[OpenDataLicense(self.license)]

    @property
    def license_page(self) -> str:
        return LICENSE_PAGES[OpenDataLicense(self.license)]

    @property
    def attribution(self) -> str:
        """dcatde:licenseAttributionByText: how users name the source."""
        return f"{self.publisher}, Lokaler Integrationsplan (LIP 4.0)"


def open_data_terms(request=None) -> OpenDataTerms:
    """The terms from the site settings of the request's site (or of the default site). The settings model lives in
    `home`, which builds on `lip`; it is looked up by name so that `lip` imports no app."""
    site_settings = None
    if apps.is_installed("home"):
        model = apps.get_model("home", "SiteSettings")
        if request is not None:
            site_settings = model.for_request(request)
        else:
            from wagtail.models import Site

            site = Site.objects.filter(is_default_site=True).first()
            site_settings = model.for_site(site) if site else None
    license = getattr(site_settings, "open_data_license", "") or OpenDataLicense.DL_DE_BY_2_0
    if license not in OpenDataLicense.values:
        license = OpenDataLicense.DL_DE_BY_2_0
    return OpenDataTerms(
        license=license,
        publisher=getattr(site_settings, "open_data_publisher", "") or DEFAULT_PUBLISHER,
        contact_email=getattr(site_settings, "open_data_contact_email", "")
        or getattr(site_settings, "contact_email", ""),
    )
