from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path

from . import views
from .accounts import tweestaps

admin.site.site_header = "Liemers Inburgering — beheer"
admin.site.site_title = "Liemers Inburgering"
admin.site.index_title = "Functioneel beheer"

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "inloggen/",
        auth_views.LoginView.as_view(
            template_name="registration/login.html", redirect_authenticated_user=True
        ),
        name="login",
    ),
    path(
        "uitloggen/", login_not_required(auth_views.LogoutView.as_view()), name="logout"
    ),
    path(
        "tweestapsverificatie/",
        include("zevenaar_inburgering.accounts.urls", namespace="tweestaps"),
    ),
    path("sessie/verlengen/", tweestaps.sessie_verlengen, name="sessie_verlengen"),
    path("health/", views.health, name="health"),
    path("toegankelijkheid/", views.toegankelijkheid, name="toegankelijkheid"),
    path("", include("intake.urls")),
    path("", include("pip_plans.urls")),
    path("", include("leerroutes.urls")),
    path("", include("monitoring.urls")),
    path("verwerkingenlog/", include("zevenaar_inburgering.verwerkingen.urls")),
    # One login page for everybody: the admin's own login form is not a second door.
    path("beheer/login/", views.beheer_login),
    path("beheer/", admin.site.urls),
]

handler400 = views.error_400
handler403 = views.error_403
handler404 = views.error_404
handler500 = views.error_500
