"""Who may use the ontzorgen pages: login, each page for its own role, methods, and
404 out of scope."""

from django.conf import settings
from django.urls import reverse

import pytest

from pip_plans.models import Betaling
from tests.factories.intake import InburgeraarFactory
from tests.pip_plans.ontzorgen_views.helpers import (
    actie,
    betaling_post,
    huur,
    last_post,
    pagina,
    rsd_pagina,
)

pytestmark = pytest.mark.django_db


def test_anonymous_users_are_sent_to_the_login(client, dossier):
    for url in (pagina(dossier), rsd_pagina(dossier)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse(settings.LOGIN_URL))


def test_each_page_is_for_its_own_role(
    client_for, dossier, casusregisseur, klantmanager, beleidsmedewerker
):
    assert client_for(klantmanager).get(pagina(dossier)).status_code == 403
    assert client_for(casusregisseur).get(rsd_pagina(dossier)).status_code == 403
    assert client_for(beleidsmedewerker).get(pagina(dossier)).status_code == 403


def test_pages_refuse_other_methods(client_for, dossier, casusregisseur, klantmanager):
    assert client_for(casusregisseur).post(pagina(dossier)).status_code == 405
    assert (
        client_for(casusregisseur).get(actie("ontzorgen_starten", dossier)).status_code
        == 405
    )
    assert client_for(klantmanager).post(rsd_pagina(dossier)).status_code == 405


def test_a_casusregisseur_of_another_gemeente_gets_404(
    client_for, ontzorging, dossier, andere_casusregisseur
):
    client = client_for(andere_casusregisseur)
    assert client.get(pagina(dossier)).status_code == 404
    assert client.post(actie("ontzorgen_starten", dossier)).status_code == 404
    last = huur(ontzorging)
    url = reverse("pip_plans:ontzorgen_last_wijzigen", args=[last.pk])
    assert client.post(url, last_post(last)).status_code == 404
    assert huur(ontzorging).bedrag is None


def test_another_klantmanagers_client_is_404(
    client_for, ontzorging, dossier, andere_klantmanager
):
    client = client_for(andere_klantmanager)
    assert client.get(rsd_pagina(dossier)).status_code == 404
    last = huur(ontzorging)
    response = client.post(
        actie("rsd_ontzorgen_betaling", dossier), betaling_post(last)
    )
    assert response.status_code == 404
    url = reverse("pip_plans:rsd_ontzorgen_last_wijzigen", args=[last.pk])
    assert client.post(url, last_post(last)).status_code == 404
    assert not Betaling.objects.exists()


def test_a_klantmanager_does_not_see_a_client_without_bijstand(
    client_for, klantmanager, zevenaar
):
    zonder = InburgeraarFactory(gemeente=zevenaar, rsd_klantmanager=klantmanager)
    assert client_for(klantmanager).get(rsd_pagina(zonder)).status_code == 404
