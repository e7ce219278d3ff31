from django.urls import path

from . import rapport_views

urlpatterns = [
    path("beleidsdoelen/", rapport_views.dashboard, name="dashboard"),
    path(
        "kwartaalrapporten/",
        rapport_views.kwartaalrapporten,
        name="kwartaalrapporten",
    ),
]
