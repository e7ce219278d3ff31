from django.contrib import admin

from .models import Verwerkingsactiviteit


@admin.register(Verwerkingsactiviteit)
class VerwerkingsactiviteitAdmin(admin.ModelAdmin):
    """The register is read here; its rows come from verwerkingen.log.REGISTER."""

    list_display = ["naam", "grondslag", "bewaartermijn"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
