"""URLs of handhaving (included by pip_plans/urls.py, app_name "pip_plans")."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
