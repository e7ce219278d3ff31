from django.contrib import admin

from .models import Signaal, SignaalVoorkeur, Uitvoeringskosten


@admin.register(Signaal)
class SignaalAdmin(admin.ModelAdmin):
    """Read-only: signals are made and resolved by the sweep."""

    list_display = ["soort", "vervaldatum", "verantwoordelijke", "opgelost_op"]
    list_filter = ["soort", "opgelost_op"]
    date_hierarchy = "vervaldatum"
    raw_id_fields = ["inburgeraar", "verantwoordelijke"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(SignaalVoorkeur)
class SignaalVoorkeurAdmin(admin.ModelAdmin):
    list_display = ["user", "gewijzigd_op"]
    raw_id_fields = ["user"]


@admin.register(Uitvoeringskosten)
class UitvoeringskostenAdmin(admin.ModelAdmin):
    """Functioneel beheer records the realised uitvoeringskosten per quarter from
    the financial administration; the kwartaalrapport sets them against the budget."""

    list_display = ["gemeente", "jaar", "kwartaal", "bedrag", "toelichting"]
    list_filter = ["gemeente", "jaar"]
