"""Reports in the Wagtail admin: schedules, runs, issued reports, and the guards on their PDFs in Wagtail's document
library. Wired in `monitoring/wagtail_hooks.py`."""
