"""A URLconf with one view that fails, for tests of the 500 page."""

from django.contrib.auth.decorators import login_not_required
from django.urls import include, path


@login_not_required
def fout(request):
    raise RuntimeError("opzettelijke fout voor de test")


urlpatterns = [path("fout/", fout), path("", include("zevenaar_inburgering.urls"))]
handler500 = "zevenaar_inburgering.views.error_500"
