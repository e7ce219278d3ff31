from django.apps import AppConfig


class PipPlansConfig(AppConfig):
    name = "pip_plans"
    verbose_name = "PIP en beschikkingen"
