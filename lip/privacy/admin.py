"""Deleting people in the Wagtail admin goes through the account deletion service (lip.privacy.deletion).

The single delete is Wagtail's user DeleteView with the service as its action; the bulk delete is replaced by a
`before_bulk_action` hook (lip/wagtail_hooks.py). Staff get the same tombstone as a person deleting their own account.
Wagtail itself refuses deleting oneself and lets only superusers delete superusers (wagtail.users.utils).
"""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail.admin import messages
from wagtail.admin.ui.components import Component
from wagtail.users.views.users import DeleteView as WagtailUserDeleteView
from wagtail.users.views.users import EditView as WagtailUserEditView

from lip import pagecache
from lip.models import Organisation

from .deletion import delete_account, deletion_refusal

WHAT_HAPPENS = gettext_lazy(
    "Das Konto wird gelöscht: Name, E-Mail-Adressen, Passwort, Zwei-Faktor-Anmeldung, Mitgliedschaften und Rollen "
    "werden entfernt, die Person kann sich nicht mehr anmelden. Ihre öffentlichen Beiträge und Stimmen bleiben und "
    "erscheinen als „gelöschtes Konto“; alle Zählungen bleiben gleich. Das lässt sich nicht rückgängig machen."
)


class UserEditView(WagtailUserEditView):
    """A deleted account is a tombstone: editing it could give it an address, a password or rights again."""

    def dispatch(self, request, *args, **kwargs):
        if getattr(self.object, "deleted_at", None) is not None:
            messages.error(request, _("Dieses Konto wurde gelöscht und kann nicht mehr bearbeitet werden."))
            return redirect("wagtailusers_users:index")
        return super().dispatch(request, *args, **kwargs)

    def save_instance(self):
        if "display_name" in self.form.changed_data:
            pagecache.invalidate(pagecache.tags.SITE)  # the name is shown with their contributions, on many pages
        return super().save_instance()


class UserDeleteView(WagtailUserDeleteView):
    @property
    def confirmation_message(self):
        return WHAT_HAPPENS

    def _refused(self, request):
        refusal = deletion_refusal(self.object, by=request.user)
        if refusal:
            messages.error(request, refusal)
            if self.object.deleted_at is not None:  # its edit view refuses too, with a second message
                return redirect("wagtailusers_users:index")
            return redirect("wagtailusers_users:edit", self.object.pk)
        return None

    # Wagtail's dispatch has checked the permission and loaded self.object before these run.
    def get(self, request, *args, **kwargs):
        return self._refused(request) or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self._refused(request) or super().post(request, *args, **kwargs)

    def delete_action(self):
        self.deleted_name = str(self.object)
        self.object = delete_account(self.object, by=self.request.user)

    def get_success_message(self):
        return _("Das Konto von „%(name)s“ wurde gelöscht.") % {"name": self.deleted_name}


def bulk_delete_people(request, people) -> object:
    """Wagtail's bulk delete of people, through the service; people it refuses stay, with the reason."""
    deleted = 0
    for person in people:
        refusal = deletion_refusal(person, by=request.user)
        if refusal:
            messages.error(request, f"{person}: {refusal}")
            continue
        delete_account(person, by=request.user)
        deleted += 1
    if deleted:
        messages.success(
            request,
            ngettext("%(count)d Konto wurde gelöscht.", "%(count)d Konten wurden gelöscht.", deleted)
            % {"count": deleted},
        )
    return redirect("wagtailusers_users:index")


def refuse_bulk_change_of_deleted(request, people) -> object | None:
    """Bulk actions other than delete (activate, assign a role) would give a deleted account rights again."""
    deleted = [person for person in people if getattr(person, "deleted_at", None) is not None]
    if not deleted:
        return None
    messages.error(
        request,
        ngettext(
            "%(count)d der gewählten Konten ist gelöscht und kann nicht mehr geändert werden. Es wurde nichts geändert.",
            "%(count)d der gewählten Konten sind gelöscht und können nicht mehr geändert werden. "
            "Es wurde nichts geändert.",
            len(deleted),
        )
        % {"count": len(deleted)},
    )
    return redirect("wagtailusers_users:index")


class OrganisationsWithoutRepresentativePanel(Component):
    """On the admin dashboard of staff who manage organisations: those left without a representative."""

    name = "organisations_without_representative"
    order = 150

    def __init__(self, count: int):
        self.count = count

    def render_html(self, parent_context=None):
        url = reverse("organisations:index") + "?needs_representative=true"
        text = ngettext(
            "%(count)d Organisation hat keine Vertretung mehr, weil ihre letzte Vertretung ihr Konto gelöscht hat.",
            "%(count)d Organisationen haben keine Vertretung mehr, weil ihre letzte Vertretung ihr Konto gelöscht hat.",
            self.count,
        ) % {"count": self.count}
        return format_html(
            '<section class="panel w-mb-4" aria-label="{}"><p class="help-block help-warning">{} <a href="{}">{}</a>'
            "</p></section>",
            _("Organisationen ohne Vertretung"),
            text,
            url,
            _("Anzeigen"),
        )


def organisations_without_representative_panel(request, panels) -> None:
    if not request.user.has_perm("lip.change_organisation"):
        return
    count = Organisation.objects.filter(needs_representative_since__isnull=False).count()
    if count:
        panels.append(OrganisationsWithoutRepresentativePanel(count))
