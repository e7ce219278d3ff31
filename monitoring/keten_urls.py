from django.urls import path

from . import keten_views

urlpatterns = [
    path("", keten_views.ketenoverleggen, name="ketenoverleggen"),
    path("nieuw/", keten_views.ketenoverleg_nieuw, name="ketenoverleg_nieuw"),
    path(
        "<uuid:pk>/wijzigen/",
        keten_views.ketenoverleg_wijzigen,
        name="ketenoverleg_wijzigen",
    ),
]
