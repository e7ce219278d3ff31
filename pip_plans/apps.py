from django.apps import AppConfig


class PipPlansConfig(AppConfig):
    name = "pip_plans"
    verbose_name = "PIP en beschikkingen"
    # The segments of this app's URLs (verwerkingen.middleware.refusal_targets).
    refusal_targets = {
        "pip": ("pip_plans.Pip", "inburgeraar_id"),
        "beschikkingen": ("pip_plans.Beschikking", "inburgeraar_id"),
        "bezwaren": ("pip_plans.Bezwaar", "beschikking__inburgeraar_id"),
        "brieven": ("pip_plans.Brief", "inburgeraar_id"),
        "lasten": ("pip_plans.VasteLast", "inburgeraar_id"),
        "handhaving": ("pip_plans.Handhavingszaak", "inburgeraar_id"),
        # A letter text is nobody's data.
        "briefteksten": None,
    }

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the receivers)
