from django.apps import AppConfig


class ParametersConfig(AppConfig):
    name = "zevenaar_inburgering.parameters"
    label = "parameters"
    verbose_name = "Parameters (gedateerd)"
