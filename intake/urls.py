from django.urls import path

from . import intake_views, views

app_name = "intake"

urlpatterns = [
    path("dossiers/nieuw/", views.dossier_aanmaken, name="dossier_aanmaken"),
    path(
        "dossiers/<uuid:pk>/wijzigen/", views.dossier_wijzigen, name="dossier_wijzigen"
    ),
    path("duo-signalen/", views.duo_import, name="duo_import"),
    path(
        "duo-signalen/<uuid:pk>/",
        views.duo_import_resultaat,
        name="duo_import_resultaat",
    ),
    path("rsd/klanten/", views.rsd_klanten, name="rsd_klanten"),
    # Brede intake
    path("dossiers/<uuid:pk>/intake/", intake_views.brede_intake, name="brede_intake"),
    path(
        "dossiers/<uuid:pk>/intake/wijzigen/",
        intake_views.intake_wijzigen,
        name="intake_wijzigen",
    ),
    path(
        "dossiers/<uuid:pk>/intake/gezondheid/",
        intake_views.intake_gezondheid,
        name="intake_gezondheid",
    ),
    path(
        "dossiers/<uuid:pk>/intake/onderdelen/",
        intake_views.intake_onderdelen,
        name="intake_onderdelen",
    ),
    path(
        "dossiers/<uuid:pk>/intake/gesprekken/nieuw/",
        intake_views.gesprek_toevoegen,
        name="intake_gesprek_toevoegen",
    ),
    path(
        "dossiers/<uuid:pk>/intake/werkervaring/nieuw/",
        intake_views.werkervaring_toevoegen,
        name="intake_werkervaring_toevoegen",
    ),
    path(
        "dossiers/<uuid:pk>/intake/werkervaring/<uuid:werkervaring_id>/verwijderen/",
        intake_views.werkervaring_verwijderen,
        name="intake_werkervaring_verwijderen",
    ),
    path(
        "dossiers/<uuid:pk>/intake/afronden/",
        intake_views.intake_afronden,
        name="intake_afronden",
    ),
    path(
        "dossiers/<uuid:pk>/intake/heropenen/",
        intake_views.intake_heropenen,
        name="intake_heropenen",
    ),
]
