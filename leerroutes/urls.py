from django.urls import path

from .views import participatie, pip, route, rsd, uren_import

app_name = "leerroutes"

urlpatterns = [
    # The PIP pages that change the route (views/pip.py: why they live here).
    path(
        "dossiers/<uuid:pk>/pip/wijziging/",
        pip.wijziging_starten,
        name="pip_wijziging_starten",
    ),
    path(
        "dossiers/<uuid:pk>/pip/<uuid:pip_id>/bewerken/",
        pip.pip_bewerken,
        name="pip_bewerken",
    ),
    path("dossiers/<uuid:pk>/route/", route.route, name="route"),
    path("dossiers/<uuid:pk>/route/toewijzen/", route.toewijzen, name="toewijzen"),
    path("dossiers/<uuid:pk>/route/uren/", route.uren, name="uren"),
    path("dossiers/<uuid:pk>/route/voortgang/", route.voortgang, name="voortgang"),
    path("dossiers/<uuid:pk>/route/examen/", route.examen, name="examen"),
    path("dossiers/<uuid:pk>/route/afronding/", route.afronding, name="afronding"),
    path(
        "dossiers/<uuid:pk>/participatie/",
        participatie.participatie,
        name="participatie",
    ),
    path(
        "dossiers/<uuid:pk>/participatie/activiteit/",
        participatie.activiteit_toevoegen,
        name="activiteit_toevoegen",
    ),
    path(
        "participatie/<uuid:pk>/beeindigen/",
        participatie.activiteit_beeindigen,
        name="activiteit_beeindigen",
    ),
    path(
        "dossiers/<uuid:pk>/verwijzingen/",
        participatie.verwijzing_toevoegen,
        name="verwijzing_toevoegen",
    ),
    path(
        "verwijzingen/<uuid:pk>/",
        participatie.verwijzing_bijwerken,
        name="verwijzing_bijwerken",
    ),
    path(
        "dossiers/<uuid:pk>/begeleiding/",
        participatie.begeleiding_toevoegen,
        name="begeleiding_toevoegen",
    ),
    path(
        "dossiers/<uuid:pk>/voortgangsgesprek/plannen/",
        participatie.gesprek_plannen,
        name="gesprek_plannen",
    ),
    path(
        "voortgangsgesprekken/<uuid:pk>/",
        participatie.gesprek_vastleggen,
        name="gesprek_vastleggen",
    ),
    path("uren-import/", uren_import.uren_import, name="uren_import"),
    path(
        "uren-import/<uuid:pk>/",
        uren_import.uren_import_resultaat,
        name="uren_import_resultaat",
    ),
    # The RSD client page shows the route and ontzorgen beside the dossier.
    path("rsd/klanten/<uuid:pk>/", rsd.rsd_klant, name="rsd_klant"),
    path("rsd/klanten/<uuid:pk>/route/", rsd.rsd_route, name="rsd_route"),
    path(
        "rsd/klanten/<uuid:pk>/route/activiteit/",
        rsd.rsd_activiteit_toevoegen,
        name="rsd_activiteit_toevoegen",
    ),
    path(
        "rsd/activiteiten/<uuid:pk>/beeindigen/",
        rsd.rsd_activiteit_beeindigen,
        name="rsd_activiteit_beeindigen",
    ),
]
