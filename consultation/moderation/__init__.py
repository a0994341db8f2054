"""Moderation of what people contribute to a consultation.

- `services`: the decisions (hide, restore, approve, mark reviewed, block, unblock) and reports (flags);
- `queue`: what waits for a moderator, and the addresses of an item;
- `forms`: the report and reason forms; `mail`: the e-mails to moderators and to the people concerned;
- `queue_views`, `decision_views`, `people_views`, `admin_hooks`: the moderation workspace in the Wagtail admin.

Who may moderate is decided in `consultation.permissions`.
"""
