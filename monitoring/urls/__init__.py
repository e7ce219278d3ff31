from django.urls import include, path

from monitoring.views import brieven, dossier, team, werkvoorraad
from monitoring.views import signalen as views

app_name = "monitoring"

urlpatterns = [
    path("werkvoorraad/", werkvoorraad.werkvoorraad, name="werkvoorraad"),
    path("werkvoorraad/toewijzen/", werkvoorraad.toewijzen, name="toewijzen"),
    path(
        "werkvoorraad/export.csv",
        werkvoorraad.werkvoorraad_export,
        name="werkvoorraad_export",
    ),
    path("werkvoorraad/brieven/", brieven.brieven_maken, name="brieven_maken"),
    path(
        "werkvoorraad/brievenbundels/<uuid:pk>/",
        brieven.brievenbundel,
        name="brievenbundel",
    ),
    path(
        "werkvoorraad/brievenbundels/<uuid:pk>/pdf/",
        brieven.brievenbundel_pdf,
        name="brievenbundel_pdf",
    ),
    path("dossiers/<uuid:pk>/", dossier.dossier_detail, name="dossier"),
    path(
        "dossiers/<uuid:pk>/notities/",
        dossier.notitie_toevoegen,
        name="notitie_toevoegen",
    ),
    path(
        "dossiers/<uuid:pk>/huishouden/lid/",
        dossier.huishoudlid_toevoegen,
        name="huishoudlid_toevoegen",
    ),
    path(
        "dossiers/<uuid:pk>/huishouden/koppelen/",
        dossier.huishouden_koppelen,
        name="huishouden_koppelen",
    ),
    path(
        "dossiers/<uuid:pk>/status/",
        dossier.status_vastleggen,
        name="status_vastleggen",
    ),
    path(
        "dossiers/<uuid:pk>/overdracht/",
        dossier.overdracht_maken,
        name="overdracht",
    ),
    path("team/", team.team, name="team"),
    path("signalen/voorkeuren/", views.voorkeuren, name="voorkeuren"),
    path(
        "signalen/<uuid:pk>/uitstellen/",
        views.signaal_uitstellen,
        name="signaal_uitstellen",
    ),
    path("ketenoverleg/", include("monitoring.urls.keten")),
    path("", include("monitoring.urls.rapport")),
]
