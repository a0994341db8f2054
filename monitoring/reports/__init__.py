"""Reports to the council bodies: schedules and runs (`services`), the generation of a report in steps
(`generation`: data snapshot, paper and annex PDFs, issue; run by the Celery tasks in `monitoring/tasks.py`), the
snapshot (`snapshot`, `annex`), the PDFs (`pdf`), the guards that keep issued reports unchanged (`immutability`), the
e-mail to the recipients (`notifications`), the archive (`views`) and the admin (`admin`)."""
