"""Choosing the kinds of signal in the daily e-mail (signalen/voorkeuren/):
the dossier roles choose from every kind, an RSD klantmanager from the RSD kinds
only; bad input is answered with a 400 and nothing saved."""

from django.urls import reverse

import pytest

from monitoring.models import RSD_SOORTEN, SignaalSoort, SignaalVoorkeur

pytestmark = pytest.mark.django_db

URL = reverse("monitoring:voorkeuren")


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


@pytest.mark.parametrize("persona", ["beleidsmedewerker"])
def test_another_role_is_refused(client_for, persona, request):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"soorten": []}).status_code == 403


def test_wrong_method_is_405(client_for, casusregisseur):
    assert client_for(casusregisseur).put(URL).status_code == 405


def test_every_kind_is_checked_until_a_choice_is_saved(client_for, casusregisseur):
    html = client_for(casusregisseur).get(URL).content.decode()
    for waarde, label in SignaalSoort.choices:
        assert label in html
        assert f'value="{waarde}"' in html
    assert html.count("checked") == len(SignaalSoort.values)


def test_save_the_chosen_kinds(client_for, casusregisseur):
    client = client_for(casusregisseur)
    response = client.post(
        URL, {"soorten": [SignaalSoort.VOORTGANGSGESPREK, SignaalSoort.PIP_TE_LAAT]}
    )
    assert response.status_code == 302 and response["Location"] == URL
    assert SignaalVoorkeur.digest_soorten_van(casusregisseur) == [
        SignaalSoort.PIP_TE_LAAT,
        SignaalSoort.VOORTGANGSGESPREK,
    ]
    html = client.get(URL).content.decode()
    assert "is opgeslagen" in html
    assert html.count("checked") == 2

    # Nothing checked: no e-mail at all.
    assert client.post(URL, {}).status_code == 302
    assert SignaalVoorkeur.digest_soorten_van(casusregisseur) == []


def test_functioneel_beheerder_may_choose(client_for, functioneel_beheerder):
    client = client_for(functioneel_beheerder)
    assert client.get(URL).status_code == 200
    assert (
        client.post(URL, {"soorten": [SignaalSoort.NIET_OP_KOERS]}).status_code == 302
    )


def test_an_unknown_kind_is_a_400_and_saves_nothing(client_for, casusregisseur):
    response = client_for(casusregisseur).post(
        URL, {"soorten": [SignaalSoort.PIP_TE_LAAT, "bestaat_niet"]}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "<title>Fout:" in html
    assert "bestaat_niet is geen signaal dat u kunt kiezen" in html
    assert not SignaalVoorkeur.objects.exists()


def test_rsd_klantmanager_sees_and_saves_only_the_rsd_kinds(client_for, klantmanager):
    client = client_for(klantmanager)
    html = client.get(URL).content.decode()
    for soort in SignaalSoort:
        assert (f'value="{soort.value}"' in html) == (soort in RSD_SOORTEN)

    response = client.post(URL, {"soorten": [SignaalSoort.PIP_TE_LAAT]})
    assert response.status_code == 400
    assert not SignaalVoorkeur.objects.exists()

    assert client.post(URL, {"soorten": list(RSD_SOORTEN)}).status_code == 302
    assert SignaalVoorkeur.digest_soorten_van(klantmanager) == list(RSD_SOORTEN)


def test_linked_from_the_werkvoorraad_and_the_menu(client_for, casusregisseur):
    html = client_for(casusregisseur).get(reverse("monitoring:werkvoorraad")).content
    assert html.decode().count(f'href="{URL}"') == 2
