from django.urls import path

from . import tweestaps

app_name = "tweestaps"

urlpatterns = [
    path("controleren/", tweestaps.controleren, name="controleren"),
    path("instellen/", tweestaps.instellen, name="instellen"),
    path("reservecodes/", tweestaps.reservecodes, name="reservecodes"),
]
