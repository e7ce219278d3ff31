from django.urls import path

from monitoring.views import rapport

urlpatterns = [
    path("beleidsdoelen/", rapport.dashboard, name="dashboard"),
    path(
        "kwartaalrapporten/",
        rapport.kwartaalrapporten,
        name="kwartaalrapporten",
    ),
    path(
        "kwartaalrapporten/aanvragen/",
        rapport.kwartaalrapport_aanvragen,
        name="kwartaalrapport_aanvragen",
    ),
    path(
        "kwartaalrapporten/<uuid:pk>/status/",
        rapport.kwartaalrapport_status,
        name="kwartaalrapport_status",
    ),
    path(
        "kwartaalrapporten/<uuid:pk>/pdf/",
        rapport.kwartaalrapport_pdf,
        name="kwartaalrapport_pdf",
    ),
    path(
        "kwartaalrapporten/<uuid:pk>/csv/",
        rapport.kwartaalrapport_csv,
        name="kwartaalrapport_csv",
    ),
]
