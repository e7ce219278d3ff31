from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "zevenaar_inburgering.accounts"
    label = "accounts"
    verbose_name = "Gebruikers en gemeenten"

    def ready(self):
        from . import checks, signals  # noqa: F401  (registers the receivers)
