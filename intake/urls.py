from django.urls import path

from .views import brede_intake, document, dossier

app_name = "intake"

urlpatterns = [
    path("dossiers/nieuw/", dossier.dossier_aanmaken, name="dossier_aanmaken"),
    path(
        "dossiers/<uuid:pk>/wijzigen/",
        dossier.dossier_wijzigen,
        name="dossier_wijzigen",
    ),
    path("duo-signalen/", dossier.duo_import, name="duo_import"),
    path(
        "duo-signalen/<uuid:pk>/",
        dossier.duo_import_resultaat,
        name="duo_import_resultaat",
    ),
    path("rsd/klanten/", dossier.rsd_klanten, name="rsd_klanten"),
    path("documenten/<uuid:pk>/", document.document_download, name="document"),
    # Brede intake
    path("dossiers/<uuid:pk>/intake/", brede_intake.brede_intake, name="brede_intake"),
    path(
        "dossiers/<uuid:pk>/intake/wijzigen/",
        brede_intake.intake_wijzigen,
        name="intake_wijzigen",
    ),
    path(
        "dossiers/<uuid:pk>/intake/gezondheid/",
        brede_intake.intake_gezondheid,
        name="intake_gezondheid",
    ),
    path(
        "dossiers/<uuid:pk>/intake/onderdelen/",
        brede_intake.intake_onderdelen,
        name="intake_onderdelen",
    ),
    path(
        "dossiers/<uuid:pk>/intake/gesprekken/nieuw/",
        brede_intake.gesprek_toevoegen,
        name="intake_gesprek_toevoegen",
    ),
    path(
        "dossiers/<uuid:pk>/intake/werkervaring/nieuw/",
        brede_intake.werkervaring_toevoegen,
        name="intake_werkervaring_toevoegen",
    ),
    path(
        "dossiers/<uuid:pk>/intake/werkervaring/<uuid:werkervaring_id>/verwijderen/",
        brede_intake.werkervaring_verwijderen,
        name="intake_werkervaring_verwijderen",
    ),
    path(
        "dossiers/<uuid:pk>/intake/afronden/",
        brede_intake.intake_afronden,
        name="intake_afronden",
    ),
    path(
        "dossiers/<uuid:pk>/intake/heropenen/",
        brede_intake.intake_heropenen,
        name="intake_heropenen",
    ),
]
