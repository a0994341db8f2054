from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from lip.api.licences import DEFAULT_PUBLISHER, OpenDataLicense
from lip.blocks import BodyBlock
from lip.model_parts import optional_link
from lip.pagecache import CachedPageMixin
from lip.routing import OneQueryRoutingMixin, RouteAwareRestrictionsMixin


class HomePage(CachedPageMixin, OneQueryRoutingMixin, RouteAwareRestrictionsMixin, Page):
    intro = RichTextField(_("Einleitung"), features=["bold", "italic", "link"], blank=True)
    call_to_action_text = models.CharField(_("Text der Handlungsaufforderung"), max_length=120, blank=True)
    call_to_action_page = optional_link("wagtailcore.Page", _("Ziel der Handlungsaufforderung"))
    body = StreamField(BodyBlock(), verbose_name=_("Inhalt"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("call_to_action_text"), PageChooserPanel("call_to_action_page")],
            heading=_("Handlungsaufforderung"),
        ),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    max_count = 1

    class Meta:
        verbose_name = _("Startseite")

    def get_context(self, request, *args, **kwargs):
        from .registry import home_sections

        context = super().get_context(request, *args, **kwargs)
        sections = [section(request) for section in home_sections()]
        context["sections"] = sorted((s for s in sections if s is not None), key=lambda s: s.order)
        return context


class StandardPage(CachedPageMixin, RouteAwareRestrictionsMixin, Page):
    """Imprint, privacy statement, accessibility statement, easy language and other text pages."""

    intro = models.TextField(_("Einleitung"), blank=True, max_length=600)
    body = StreamField(BodyBlock(), verbose_name=_("Inhalt"), blank=True)
    easy_language = models.BooleanField(
        _("in Leichter Sprache"), default=False, help_text=_("Die Seite ist in Leichter Sprache geschrieben.")
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body"), FieldPanel("easy_language")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("Textseite")
        verbose_name_plural = _("Textseiten")


@register_setting(icon="site")
class SiteSettings(ClusterableModel, BaseSiteSetting):
    contact_name = models.CharField(_("Kontaktstelle"), max_length=200, blank=True)
    contact_email = models.EmailField(_("Kontakt-E-Mail"), blank=True)
    contact_phone = models.CharField(_("Kontakttelefon"), max_length=40, blank=True)
    contact_address = models.TextField(_("Anschrift"), blank=True)
    accessibility_feedback_email = models.EmailField(_("E-Mail für Barrierefreiheits-Rückmeldungen"), blank=True)
    # Open data (issue 21): the licence of the downloads and the API, and who publishes them (DCAT-AP.de catalogue).
    open_data_license = models.CharField(
        _("Lizenz der offenen Daten"),
        max_length=20,
        choices=OpenDataLicense.choices,
        default=OpenDataLicense.DL_DE_BY_2_0,
    )
    open_data_publisher = models.CharField(
        _("Herausgeberin der offenen Daten"), max_length=200, default=DEFAULT_PUBLISHER
    )
    open_data_contact_email = models.EmailField(
        _("Kontakt-E-Mail für offene Daten"),
        blank=True,
        help_text=_("Leer: die Kontakt-E-Mail oben."),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("contact_address"),
                FieldPanel("accessibility_feedback_email"),
            ],
            heading=_("Kontakt"),
        ),
        MultiFieldPanel(
            [FieldPanel("open_data_license"), FieldPanel("open_data_publisher"), FieldPanel("open_data_contact_email")],
            heading=_("Offene Daten"),
        ),
        InlinePanel("footer_links", label=_("Links in der Fußzeile")),
    ]

    class Meta:
        verbose_name = _("Website-Einstellungen")


class FooterLink(Orderable):
    settings = ParentalKey(SiteSettings, on_delete=models.CASCADE, related_name="footer_links")
    title = models.CharField(_("Titel"), max_length=80)
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("Seite"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    url = models.CharField(_("oder Adresse"), max_length=300, blank=True)

    panels = [FieldPanel("title"), PageChooserPanel("page"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("Link in der Fußzeile")

    @property
    def href(self) -> str:
        if self.page_id:
            return self.page.url
        return self.url
