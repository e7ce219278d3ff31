"""Functioneel beheer maintains the checklist of the brede intake here. Nothing
else of the intake app is in the admin: dossiers are reached only through
visible_to() and the verwerkingenlog."""

from django.contrib import admin

from .models import IntakeOnderdeelSoort


@admin.register(IntakeOnderdeelSoort)
class IntakeOnderdeelSoortAdmin(admin.ModelAdmin):
    list_display = ["naam", "code", "volgorde", "actief"]
    list_editable = ["volgorde", "actief"]
    list_filter = ["actief"]
    prepopulated_fields = {"code": ["naam"]}

    def get_readonly_fields(self, request, obj=None):
        # The code identifies the part in forms and data; rename with `naam`.
        return ["code"] if obj is not None else []

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj is not None else self.prepopulated_fields
