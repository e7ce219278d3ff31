from django.urls import include, path

from . import views

app_name = "monitoring"

urlpatterns = [
    path("signalen/voorkeuren/", views.voorkeuren, name="voorkeuren"),
    path(
        "signalen/<uuid:pk>/uitstellen/",
        views.signaal_uitstellen,
        name="signaal_uitstellen",
    ),
    path("ketenoverleg/", include("monitoring.keten_urls")),
    path("", include("monitoring.rapport_urls")),
]
