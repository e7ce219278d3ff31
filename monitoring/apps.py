from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "monitoring"
    verbose_name = "Monitoring en signalering"

    def ready(self) -> None:
        # Celery's autodiscovery imports only `tasks` modules.
        from . import digest_tasks  # noqa: F401
