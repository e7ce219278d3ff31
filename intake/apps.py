from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "intake"
    verbose_name = "Dossiers en brede intake"
    # The segments of this app's URLs (verwerkingen.middleware.refusal_targets).
    refusal_targets = {
        "dossiers": ("intake.Inburgeraar", "pk"),
        "klanten": ("intake.Inburgeraar", "pk"),
        "werkervaring": ("intake.Werkervaring", "intake__inburgeraar_id"),
        "duo-signalen": None,
        "documenten": ("intake.Document", "inburgeraar_id"),
    }
