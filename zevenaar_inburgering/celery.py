"""The Celery app. Redis is only the broker; every deadline lives in PostgreSQL."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zevenaar_inburgering.settings")

app = Celery("zevenaar_inburgering")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Each app connects its own catch-up at worker start in its tasks module
# (monitoring.tasks: the signalering sweep and waiting kwartaalrapporten).
