from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "zevenaar_inburgering.accounts"
    label = "accounts"
    verbose_name = "Gebruikers en gemeenten"
