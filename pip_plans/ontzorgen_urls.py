"""URLs of ontzorgen (included by pip_plans/urls.py, app_name "pip_plans")."""

from django.urls import path

from . import ontzorgen_views as views

urlpatterns = [
    # Casusregisseur (DOSSIER_ROLES): the dossier's ontzorgen page and its forms.
    path("dossiers/<uuid:pk>/ontzorgen/", views.ontzorgen_pagina, name="ontzorgen"),
    path(
        "dossiers/<uuid:pk>/ontzorgen/starten/",
        views.starten,
        name="ontzorgen_starten",
    ),
    path(
        "dossiers/<uuid:pk>/ontzorgen/periode/",
        views.periode,
        name="ontzorgen_periode",
    ),
    path(
        "dossiers/<uuid:pk>/ontzorgen/machtiging/",
        views.machtiging,
        name="ontzorgen_machtiging",
    ),
    path(
        "dossiers/<uuid:pk>/ontzorgen/cursus/",
        views.cursus,
        name="ontzorgen_cursus",
    ),
    path(
        "dossiers/<uuid:pk>/ontzorgen/zelfredzaamheid/",
        views.zelfredzaamheid,
        name="ontzorgen_zelfredzaamheid",
    ),
    path(
        "dossiers/<uuid:pk>/ontzorgen/lasten/",
        views.last_toevoegen,
        name="ontzorgen_last_toevoegen",
    ),
    path(
        "dossiers/<uuid:pk>/ontzorgen/beschikking/",
        views.beschikking,
        name="ontzorgen_beschikking",
    ),
    path(
        "ontzorgen/lasten/<uuid:pk>/",
        views.last_wijzigen,
        name="ontzorgen_last_wijzigen",
    ),
    path(
        "ontzorgen/lasten/<uuid:pk>/verwijderen/",
        views.last_verwijderen,
        name="ontzorgen_last_verwijderen",
    ),
    # RSD klantmanager (RSD_ROLES): their own client's ontzorgen.
    path("rsd/klanten/<uuid:pk>/ontzorgen/", views.rsd_ontzorgen, name="rsd_ontzorgen"),
    path(
        "rsd/klanten/<uuid:pk>/ontzorgen/betaling/",
        views.rsd_betaling,
        name="rsd_ontzorgen_betaling",
    ),
    path(
        "rsd/klanten/<uuid:pk>/ontzorgen/machtiging/",
        views.rsd_machtiging,
        name="rsd_ontzorgen_machtiging",
    ),
    path(
        "rsd/klanten/<uuid:pk>/ontzorgen/lasten/",
        views.rsd_last_toevoegen,
        name="rsd_ontzorgen_last_toevoegen",
    ),
    path(
        "rsd/ontzorgen/lasten/<uuid:pk>/",
        views.rsd_last_wijzigen,
        name="rsd_ontzorgen_last_wijzigen",
    ),
]
