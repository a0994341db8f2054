"""The city's official responses to proposals: `services` (drafting, publishing, announcing once) and `admin` (the
staff's answer page and list of responses). Who may respond is `consultation.permissions.can_respond`."""
