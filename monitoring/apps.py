from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "monitoring"
    verbose_name = "Monitoring en signalering"
    # The segments of this app's URLs (verwerkingen.middleware.refusal_targets).
    refusal_targets = {
        "signalen": ("monitoring.Signaal", "inburgeraar_id"),
        # A bundle of letters names everyone it has a letter for.
        "brievenbundels": ("pip_plans.Brievenbundel", "brieven__inburgeraar_id"),
        "ketenoverleg": None,
        "kwartaalrapporten": None,
    }
