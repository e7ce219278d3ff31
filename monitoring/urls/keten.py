from django.urls import path

from monitoring.views import keten

urlpatterns = [
    path("", keten.ketenoverleggen, name="ketenoverleggen"),
    path("nieuw/", keten.ketenoverleg_nieuw, name="ketenoverleg_nieuw"),
    path(
        "<uuid:pk>/wijzigen/",
        keten.ketenoverleg_wijzigen,
        name="ketenoverleg_wijzigen",
    ),
]
