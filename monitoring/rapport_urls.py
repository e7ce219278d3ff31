from django.urls import path

from . import rapport_views

urlpatterns = [
    path("beleidsdoelen/", rapport_views.dashboard, name="dashboard"),
    path(
        "kwartaalrapporten/",
        rapport_views.kwartaalrapporten,
        name="kwartaalrapporten",
    ),
    path(
        "kwartaalrapporten/aanvragen/",
        rapport_views.kwartaalrapport_aanvragen,
        name="kwartaalrapport_aanvragen",
    ),
    path(
        "kwartaalrapporten/<uuid:pk>/status/",
        rapport_views.kwartaalrapport_status,
        name="kwartaalrapport_status",
    ),
    path(
        "kwartaalrapporten/<uuid:pk>/pdf/",
        rapport_views.kwartaalrapport_pdf,
        name="kwartaalrapport_pdf",
    ),
    path(
        "kwartaalrapporten/<uuid:pk>/csv/",
        rapport_views.kwartaalrapport_csv,
        name="kwartaalrapport_csv",
    ),
]
