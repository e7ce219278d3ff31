from django.urls import path

from . import handhaving_urls, ontzorgen_urls, views

app_name = "pip_plans"

urlpatterns = [
    path("dossiers/<uuid:pk>/pip/", views.pip_overzicht, name="pip"),
    path(
        "dossiers/<uuid:pk>/pip/opstellen/", views.pip_opstellen, name="pip_opstellen"
    ),
    path("dossiers/<uuid:pk>/pip/uitstel/", views.uitstel, name="uitstel"),
    path("beschikkingen/<uuid:pk>/", views.beschikking_detail, name="beschikking"),
    path("beschikkingen/<uuid:pk>/pdf/", views.beschikking_pdf, name="beschikking_pdf"),
    path(
        "beschikkingen/<uuid:pk>/bezwaar/",
        views.bezwaar_registreren,
        name="bezwaar_registreren",
    ),
    path(
        "bezwaren/<uuid:pk>/beslissing/",
        views.bezwaar_beslissen,
        name="bezwaar_beslissen",
    ),
    path("termijnen/verlengen/", views.verlenging, name="verlenging"),
    path("brieven/<uuid:pk>/pdf/", views.brief_pdf, name="brief_pdf"),
    *ontzorgen_urls.urlpatterns,
    *handhaving_urls.urlpatterns,
]
