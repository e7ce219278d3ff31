from django.urls import path

from . import keten_views

urlpatterns = [
    path("", keten_views.ketenoverleggen, name="ketenoverleggen"),
]
