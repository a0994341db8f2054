"""The staff workspace's menu group "Beteiligung" in the Wagtail admin."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSetGroup

from .events import EventViewSet
from .proposals import ProposalViewSet
from .tallies import AnalogTallyViewSet

# --- The group in the menu -----------------------------------------------------------------------------------

CONSULTATION_MENU_HOOK = "register_consultation_menu_item"


class ConsultationGroup(ModelViewSetGroup):
    menu_label = _("Beteiligung")
    menu_icon = "comment"
    menu_order = 240
    # Other viewsets join this submenu by registering with this hook (responses, exports).
    submenu_hook = CONSULTATION_MENU_HOOK
    items = (
        ProposalViewSet("consultation-proposals"),
        EventViewSet("consultation-events"),
        AnalogTallyViewSet("consultation-tallies"),
    )
