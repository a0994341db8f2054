"""The competition page editor's form: Wagtail's page form plus the rules for dates and criteria.

Imported by `ideas.models.competitions` (as `CompetitionPage.base_form_class`), so this module imports the models
only inside methods; the staff workspace's forms live in the feature packages' `admin.py`.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


class CompetitionPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("submission_start"), cleaned.get("submission_end")
        results = cleaned.get("results_published_at")
        if start and end and end <= start:
            self.add_error("submission_end", _("Der Einsendeschluss muss nach dem Beginn der Einreichung liegen."))
        if end and results and results < end:
            self.add_error(
                "results_published_at", _("Die Ergebnisse können erst nach dem Einsendeschluss veröffentlicht werden.")
            )
        self._check_audience_vote_window(cleaned)
        self._keep_scored_criteria()
        return cleaned

    def _check_audience_vote_window(self, cleaned: dict) -> None:
        vote_start, vote_end = cleaned.get("audience_vote_start"), cleaned.get("audience_vote_end")
        if vote_start and not vote_end:
            self.add_error("audience_vote_end", _("Bitte geben Sie auch das Ende der Abstimmung an."))
        elif vote_end and not vote_start:
            self.add_error("audience_vote_start", _("Bitte geben Sie auch den Beginn der Abstimmung an."))
        elif vote_start and vote_end and vote_end <= vote_start:
            self.add_error("audience_vote_end", _("Das Ende der Abstimmung muss nach ihrem Beginn liegen."))

    def _keep_scored_criteria(self) -> None:
        """A criterion the jury has already scored cannot be removed: the scores would lose their meaning."""
        from ..models import Assessment

        criteria = self.formsets.get("criteria")
        if criteria is None:
            return
        deleted = []
        for form in criteria.forms:
            form.is_valid()  # runs the inline form's own cleaning once, so that its DELETE flag is known
            if form.instance.pk and criteria.can_delete and criteria._should_delete_form(form):
                deleted.append(form)
        if not deleted:
            return
        scored = set(
            Assessment.objects.filter(criterion__in=[f.instance.pk for f in deleted]).values_list(
                "criterion_id", flat=True
            )
        )
        for form in deleted:
            if form.instance.pk in scored:
                form.add_error(
                    None,
                    _("Das Kriterium „%(name)s“ wurde schon bewertet und kann nicht mehr entfernt werden.")
                    % {"name": form.instance.name},
                )
                self.add_error(None, _("Bewertete Kriterien können nicht entfernt werden."))
