"""URLs of handhaving (included by pip_plans/urls.py, app_name "pip_plans")."""

from django.urls import path

from . import handhaving_views as views

urlpatterns = [
    # Casusregisseur (DOSSIER_ROLES; anybody else 404): the dossier's handhaving page.
    path(
        "dossiers/<uuid:pk>/handhaving/",
        views.handhaving_overzicht,
        name="handhaving",
    ),
    path(
        "dossiers/<uuid:pk>/handhaving/nieuw/",
        views.zaak_aanmaken,
        name="handhaving_aanmaken",
    ),
    # One handhavingszaak and the POST of each step.
    path("handhaving/<uuid:pk>/", views.handhavingszaak, name="handhavingszaak"),
    path(
        "handhaving/<uuid:pk>/waarschuwing/",
        views.waarschuwing,
        name="handhaving_waarschuwing",
    ),
    path("handhaving/<uuid:pk>/rapport/", views.rapport, name="handhaving_rapport"),
    path(
        "handhaving/<uuid:pk>/zienswijze/",
        views.zienswijze,
        name="handhaving_zienswijze",
    ),
    path("handhaving/<uuid:pk>/besluit/", views.besluit, name="handhaving_besluit"),
    path("handhaving/<uuid:pk>/bezwaar/", views.bezwaar, name="handhaving_bezwaar"),
    path(
        "handhaving/<uuid:pk>/bezwaar/beslissing/",
        views.bezwaar_beslissing,
        name="handhaving_bezwaar_beslissing",
    ),
    # RSD klantmanager (RSD_ROLES): maatregelen of their own clients.
    path(
        "rsd/klanten/<uuid:pk>/maatregelen/",
        views.rsd_maatregelen,
        name="rsd_maatregelen",
    ),
    path(
        "rsd/klanten/<uuid:pk>/maatregelen/nieuw/",
        views.rsd_maatregel_vastleggen,
        name="rsd_maatregel_vastleggen",
    ),
]
