"""Public views of a consultation. Reached through ConsultationPage's routes (RoutablePageMixin)."""
