from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Text"), max_length=120)
    page = blocks.PageChooserBlock(label=_("Seite"), required=False)
    url = blocks.CharBlock(label=_("oder Adresse"), required=False, max_length=300)

    class Meta:
        icon = "link"
        label = _("Handlungsaufforderung")
        template = "components/blocks/call_to_action.html"


class InfoBoxBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Überschrift"), max_length=120)
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "link", "ol", "ul"])

    class Meta:
        icon = "help"
        label = _("Hinweiskasten")
        template = "components/blocks/info_box.html"


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("Zwischenüberschrift"), form_classname="title", template="components/blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(
        label=_("Absatz"), features=["h3", "h4", "bold", "italic", "link", "document-link", "ol", "ul"]
    )
    image = ImageBlock(label=_("Bild"))
    info_box = InfoBoxBlock()
    call_to_action = CallToActionBlock()
