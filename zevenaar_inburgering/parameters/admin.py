from django.contrib import admin

from .models import DEFAULTS, Parameter


@admin.register(Parameter)
class ParameterAdmin(admin.ModelAdmin):
    list_display = ["code", "gemeente", "geldig_vanaf", "geldig_tot", "waarde", "bron"]
    list_filter = ["code", "gemeente"]

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "standaarden": DEFAULTS}
        return super().changelist_view(request, extra_context)
