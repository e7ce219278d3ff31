from django.apps import AppConfig


class LeerroutesConfig(AppConfig):
    name = "leerroutes"
    verbose_name = "Leerroutes"
    # The segments of this app's URLs (verwerkingen.middleware.refusal_targets).
    refusal_targets = {
        "participatie": ("leerroutes.Participatieactiviteit", "inburgeraar_id"),
        "activiteiten": ("leerroutes.Participatieactiviteit", "inburgeraar_id"),
        "verwijzingen": ("leerroutes.Verwijzing", "inburgeraar_id"),
        "voortgangsgesprekken": ("leerroutes.Voortgangsgesprek", "inburgeraar_id"),
        "uren-import": None,
    }
