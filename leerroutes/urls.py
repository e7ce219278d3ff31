from django.urls import path

from . import import_views, pip_views, rsd_views, views

app_name = "leerroutes"

urlpatterns = [
    # The PIP pages that change the route (pip_views.py: why they live here).
    path(
        "dossiers/<uuid:pk>/pip/wijziging/",
        pip_views.wijziging_starten,
        name="pip_wijziging_starten",
    ),
    path(
        "dossiers/<uuid:pk>/pip/<uuid:pip_id>/bewerken/",
        pip_views.pip_bewerken,
        name="pip_bewerken",
    ),
    path("dossiers/<uuid:pk>/route/", views.route, name="route"),
    path("dossiers/<uuid:pk>/route/toewijzen/", views.toewijzen, name="toewijzen"),
    path("dossiers/<uuid:pk>/route/uren/", views.uren, name="uren"),
    path("dossiers/<uuid:pk>/route/voortgang/", views.voortgang, name="voortgang"),
    path("dossiers/<uuid:pk>/route/examen/", views.examen, name="examen"),
    path("dossiers/<uuid:pk>/route/afronding/", views.afronding, name="afronding"),
    path("dossiers/<uuid:pk>/participatie/", views.participatie, name="participatie"),
    path(
        "dossiers/<uuid:pk>/participatie/activiteit/",
        views.activiteit_toevoegen,
        name="activiteit_toevoegen",
    ),
    path(
        "participatie/<uuid:pk>/beeindigen/",
        views.activiteit_beeindigen,
        name="activiteit_beeindigen",
    ),
    path(
        "dossiers/<uuid:pk>/verwijzingen/",
        views.verwijzing_toevoegen,
        name="verwijzing_toevoegen",
    ),
    path(
        "verwijzingen/<uuid:pk>/",
        views.verwijzing_bijwerken,
        name="verwijzing_bijwerken",
    ),
    path(
        "dossiers/<uuid:pk>/begeleiding/",
        views.begeleiding_toevoegen,
        name="begeleiding_toevoegen",
    ),
    path(
        "dossiers/<uuid:pk>/voortgangsgesprek/plannen/",
        views.gesprek_plannen,
        name="gesprek_plannen",
    ),
    path(
        "voortgangsgesprekken/<uuid:pk>/",
        views.gesprek_vastleggen,
        name="gesprek_vastleggen",
    ),
    path("uren-import/", import_views.uren_import, name="uren_import"),
    path(
        "uren-import/<uuid:pk>/",
        import_views.uren_import_resultaat,
        name="uren_import_resultaat",
    ),
    # The RSD client page shows the route and ontzorgen beside the dossier.
    path("rsd/klanten/<uuid:pk>/", rsd_views.rsd_klant, name="rsd_klant"),
    path("rsd/klanten/<uuid:pk>/route/", views.rsd_route, name="rsd_route"),
    path(
        "rsd/klanten/<uuid:pk>/route/activiteit/",
        views.rsd_activiteit_toevoegen,
        name="rsd_activiteit_toevoegen",
    ),
    path(
        "rsd/activiteiten/<uuid:pk>/beeindigen/",
        views.rsd_activiteit_beeindigen,
        name="rsd_activiteit_beeindigen",
    ),
]
