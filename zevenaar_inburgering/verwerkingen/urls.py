from django.urls import path

from . import views

app_name = "verwerkingen"

urlpatterns = [
    path("", views.verwerkingen_zoeken, name="zoeken"),
    path("export.csv", views.verwerkingen_export, name="export"),
]
