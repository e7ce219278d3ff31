from django.apps import AppConfig


class VerwerkingenConfig(AppConfig):
    name = "zevenaar_inburgering.verwerkingen"
    label = "verwerkingen"
    verbose_name = "Verwerkingenlog"
