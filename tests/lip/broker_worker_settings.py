"""Settings of the Celery worker that tests/lip/test_celery_roundtrip.py starts: the defaults, plus a default queue
of the test's own, so that the tasks the worker sends itself (a report's render tasks and their chord callback, the
e-mail task) go to the queue only this worker consumes, and the test can remove the queue afterwards."""

import os

from lip.settings.base import *  # noqa: F403

CELERY_TASK_DEFAULT_QUEUE = os.environ["LIP_TEST_QUEUE"]
