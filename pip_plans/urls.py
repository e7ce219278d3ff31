from django.urls import path

from .views import bezwaar, brieftekst, documenten, handhaving, ontzorgen, pip

app_name = "pip_plans"

urlpatterns = [
    path("dossiers/<uuid:pk>/pip/", pip.pip_overzicht, name="pip"),
    path("dossiers/<uuid:pk>/pip/opstellen/", pip.pip_opstellen, name="pip_opstellen"),
    path("dossiers/<uuid:pk>/pip/uitstel/", pip.uitstel, name="uitstel"),
    path(
        "dossiers/<uuid:pk>/documenten/",
        documenten.documenten,
        name="documenten",
    ),
    path("beschikkingen/<uuid:pk>/", pip.beschikking_detail, name="beschikking"),
    path("beschikkingen/<uuid:pk>/pdf/", pip.beschikking_pdf, name="beschikking_pdf"),
    path(
        "beschikkingen/<uuid:pk>/bezwaar/",
        bezwaar.bezwaar_registreren,
        name="bezwaar_registreren",
    ),
    # A bezwaar against a PIP beschikking or a boetebeschikking.
    path(
        "bezwaren/<uuid:pk>/termijn/", bezwaar.bezwaar_termijn, name="bezwaar_termijn"
    ),
    path(
        "bezwaren/<uuid:pk>/verdagen/",
        bezwaar.bezwaar_verdagen,
        name="bezwaar_verdagen",
    ),
    path(
        "bezwaren/<uuid:pk>/beslissing/",
        bezwaar.bezwaar_beslissen,
        name="bezwaar_beslissen",
    ),
    path("termijnen/verlengen/", pip.verlenging, name="verlenging"),
    path(
        "dossiers/<uuid:pk>/termijn/verhuizing/",
        pip.inkomende_verhuizing,
        name="inkomende_verhuizing",
    ),
    path("brieven/<uuid:pk>/pdf/", pip.brief_pdf, name="brief_pdf"),
    # --- Letter texts (functioneel beheer, BRIEFTEKST_ROLES) -----------------------
    path("briefteksten/", brieftekst.briefteksten, name="briefteksten"),
    path(
        "briefteksten/openen/", brieftekst.brieftekst_openen, name="brieftekst_openen"
    ),
    path("briefteksten/<int:pk>/", brieftekst.brieftekst, name="brieftekst"),
    path(
        "briefteksten/<int:pk>/voorbeeld/",
        brieftekst.brieftekst_voorbeeld,
        name="brieftekst_voorbeeld",
    ),
    path(
        "briefteksten/<int:pk>/publiceren/",
        brieftekst.brieftekst_publiceren,
        name="brieftekst_publiceren",
    ),
    path(
        "briefteksten/<int:pk>/weggooien/",
        brieftekst.brieftekst_weggooien,
        name="brieftekst_weggooien",
    ),
    # --- Ontzorgen ---------------------------------------------------------------
    # Casusregisseur (DOSSIER_ROLES): the dossier's ontzorgen page and its forms.
    path("dossiers/<uuid:pk>/ontzorgen/", ontzorgen.ontzorgen_pagina, name="ontzorgen"),
    path(
        "dossiers/<uuid:pk>/ontzorgen/starten/",
        ontzorgen.starten,
        name="ontzorgen_starten",
    ),
    path(
        "dossiers/<uuid:pk>/ontzorgen/periode/",
        ontzorgen.periode,
        name="ontzorgen_periode",
    ),
    path(
        "dossiers/<uuid:pk>/ontzorgen/machtiging/",
        ontzorgen.machtiging,
        name="ontzorgen_machtiging",
    ),
    path(
        "dossiers/<uuid:pk>/ontzorgen/cursus/",
        ontzorgen.cursus,
        name="ontzorgen_cursus",
    ),
    path(
        "dossiers/<uuid:pk>/ontzorgen/zelfredzaamheid/",
        ontzorgen.zelfredzaamheid,
        name="ontzorgen_zelfredzaamheid",
    ),
    path(
        "dossiers/<uuid:pk>/ontzorgen/lasten/",
        ontzorgen.last_toevoegen,
        name="ontzorgen_last_toevoegen",
    ),
    path(
        "dossiers/<uuid:pk>/ontzorgen/beschikking/",
        ontzorgen.beschikking,
        name="ontzorgen_beschikking",
    ),
    path(
        "dossiers/<uuid:pk>/ontzorgen/voorbeeld/",
        ontzorgen.voorbeeld,
        name="ontzorgen_voorbeeld",
    ),
    path(
        "ontzorgen/lasten/<uuid:pk>/",
        ontzorgen.last_wijzigen,
        name="ontzorgen_last_wijzigen",
    ),
    path(
        "ontzorgen/lasten/<uuid:pk>/verwijderen/",
        ontzorgen.last_verwijderen,
        name="ontzorgen_last_verwijderen",
    ),
    # RSD klantmanager (RSD_ROLES): their own client's ontzorgen.
    path(
        "rsd/klanten/<uuid:pk>/ontzorgen/",
        ontzorgen.rsd_ontzorgen,
        name="rsd_ontzorgen",
    ),
    path(
        "rsd/klanten/<uuid:pk>/ontzorgen/betaling/",
        ontzorgen.rsd_betaling,
        name="rsd_ontzorgen_betaling",
    ),
    path(
        "rsd/klanten/<uuid:pk>/ontzorgen/machtiging/",
        ontzorgen.rsd_machtiging,
        name="rsd_ontzorgen_machtiging",
    ),
    path(
        "rsd/klanten/<uuid:pk>/ontzorgen/lasten/",
        ontzorgen.rsd_last_toevoegen,
        name="rsd_ontzorgen_last_toevoegen",
    ),
    path(
        "rsd/ontzorgen/lasten/<uuid:pk>/",
        ontzorgen.rsd_last_wijzigen,
        name="rsd_ontzorgen_last_wijzigen",
    ),
    # --- Handhaving --------------------------------------------------------------
    # Casusregisseur (DOSSIER_ROLES; anybody else 404): the dossier's handhaving page.
    path(
        "dossiers/<uuid:pk>/handhaving/",
        handhaving.handhaving_overzicht,
        name="handhaving",
    ),
    path(
        "dossiers/<uuid:pk>/handhaving/nieuw/",
        handhaving.zaak_aanmaken,
        name="handhaving_aanmaken",
    ),
    # One handhavingszaak and the POST of each step.
    path("handhaving/<uuid:pk>/", handhaving.handhavingszaak, name="handhavingszaak"),
    path(
        "handhaving/<uuid:pk>/waarschuwing/",
        handhaving.waarschuwing,
        name="handhaving_waarschuwing",
    ),
    path(
        "handhaving/<uuid:pk>/rapport/", handhaving.rapport, name="handhaving_rapport"
    ),
    path(
        "handhaving/<uuid:pk>/zienswijze/",
        handhaving.zienswijze,
        name="handhaving_zienswijze",
    ),
    path(
        "handhaving/<uuid:pk>/besluit/", handhaving.besluit, name="handhaving_besluit"
    ),
    path(
        "handhaving/<uuid:pk>/besluit/voorbeeld/",
        handhaving.besluit_voorbeeld,
        name="handhaving_besluit_voorbeeld",
    ),
    path(
        "handhaving/<uuid:pk>/bezwaar/",
        bezwaar.handhaving_bezwaar,
        name="handhaving_bezwaar",
    ),
    # RSD klantmanager (RSD_ROLES): maatregelen of their own clients.
    path(
        "rsd/klanten/<uuid:pk>/maatregelen/",
        handhaving.rsd_maatregelen,
        name="rsd_maatregelen",
    ),
    path(
        "rsd/klanten/<uuid:pk>/maatregelen/nieuw/",
        handhaving.rsd_maatregel_vastleggen,
        name="rsd_maatregel_vastleggen",
    ),
]
