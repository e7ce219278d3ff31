"""The keten in the admin, for functioneel beheer: taalaanbieders with their
keurmerk, contracts with prices per route and per onderdeel, and the other
ketenpartners. Person data is never managed here (it would bypass visible_to)."""

from django.contrib import admin

from .models import Contract, ContractOnderdeel, Organisatie


class ContractInline(admin.TabularInline):
    model = Contract
    extra = 0
    fields = ["leerroute", "kenmerk", "start", "einde", "prijs_route"]
    show_change_link = True


@admin.register(Organisatie)
class OrganisatieAdmin(admin.ModelAdmin):
    list_display = ["naam", "soort", "keurmerk_nummer", "keurmerk_geldig_tot", "actief"]
    list_filter = ["soort", "actief"]
    search_fields = ["naam", "contactpersoon"]
    inlines = [ContractInline]
    fieldsets = [
        (None, {"fields": ["naam", "soort", "actief"]}),
        ("Contact", {"fields": ["contactpersoon", "telefoon", "email"]}),
        (
            "Keurmerk (taalaanbieders)",
            {
                "fields": [
                    "keurmerk_nummer",
                    "keurmerk_geldig_van",
                    "keurmerk_geldig_tot",
                ]
            },
        ),
    ]


class ContractOnderdeelInline(admin.TabularInline):
    model = ContractOnderdeel
    extra = 0


@admin.register(Contract)
class ContractAdmin(admin.ModelAdmin):
    list_display = [
        "aanbieder",
        "leerroute",
        "kenmerk",
        "start",
        "einde",
        "prijs_route",
    ]
    list_filter = ["leerroute", "aanbieder"]
    inlines = [ContractOnderdeelInline]
