"""Scoped access: every persona sees only its dossiers; out of scope is a 404."""

from django.urls import reverse

import pytest

from intake.models import Inburgeraar
from tests.downloads import csv_text
from tests.factories.intake import InburgeraarFactory
from zevenaar_inburgering.verwerkingen.models import Resultaat, Verwerking

pytestmark = pytest.mark.django_db

DOSSIER_URLS = ["monitoring:dossier", "intake:dossier_wijzigen"]


def test_visible_to_follows_the_role(
    dossier,
    dossier_duiven,
    casusregisseur,
    andere_casusregisseur,
    klantmanager,
    andere_klantmanager,
    beleidsmedewerker,
    functioneel_beheerder,
):
    def visible(user):
        return set(Inburgeraar.objects.visible_to(user))

    assert visible(casusregisseur) == {dossier}
    assert visible(andere_casusregisseur) == {dossier_duiven}
    assert visible(klantmanager) == {dossier}
    assert visible(andere_klantmanager) == set()
    assert visible(beleidsmedewerker) == set()
    assert visible(functioneel_beheerder) == {dossier}


def test_a_change_of_the_users_gemeenten_counts_at_once(
    dossier, dossier_duiven, casusregisseur
):
    """visible_to reads the user's gemeente ids once per user object; changing
    them through that object is seen by the next query, and so is a fresh object
    after a change made elsewhere (the admin)."""
    assert set(Inburgeraar.objects.visible_to(casusregisseur)) == {dossier}
    casusregisseur.gemeenten.add(dossier_duiven.gemeente)
    assert set(Inburgeraar.objects.visible_to(casusregisseur)) == {
        dossier,
        dossier_duiven,
    }
    casusregisseur.gemeenten.remove(dossier.gemeente)
    assert set(Inburgeraar.objects.visible_to(casusregisseur)) == {dossier_duiven}
    elders = type(casusregisseur).objects.get(pk=casusregisseur.pk)
    elders.gemeenten.set([dossier.gemeente])
    opnieuw = type(casusregisseur).objects.get(pk=casusregisseur.pk)
    assert set(Inburgeraar.objects.visible_to(opnieuw)) == {dossier}


def test_the_users_gemeenten_are_read_once_for_the_scope_and_the_menu(
    casusregisseur, django_assert_num_queries
):
    with django_assert_num_queries(1):
        str(Inburgeraar.objects.visible_to(casusregisseur).query)
        assert [g.naam for g in casusregisseur.eigen_gemeenten()] == ["Zevenaar"]
        str(Inburgeraar.objects.visible_to(casusregisseur).query)


def test_inactive_user_sees_nothing(dossier, casusregisseur):
    casusregisseur.is_active = False
    casusregisseur.save()
    assert not Inburgeraar.objects.visible_to(casusregisseur).exists()


@pytest.mark.parametrize("url_name", DOSSIER_URLS)
def test_other_gemeente_gets_404_and_the_refusal_is_logged(
    client_for, dossier, andere_casusregisseur, url_name
):
    response = client_for(andere_casusregisseur).get(
        reverse(url_name, args=[dossier.pk])
    )
    assert response.status_code == 404
    refused = Verwerking.objects.get(resultaat=Resultaat.GEWEIGERD)
    assert refused.actor == andere_casusregisseur
    assert refused.object_id == str(dossier.pk)


@pytest.mark.parametrize(
    "url_name",
    [
        "monitoring:notitie_toevoegen",
        "monitoring:huishoudlid_toevoegen",
        "monitoring:huishouden_koppelen",
    ],
)
def test_posts_to_a_dossier_out_of_scope_get_404_and_change_nothing(
    client_for, dossier, andere_casusregisseur, url_name
):
    response = client_for(andere_casusregisseur).post(
        reverse(url_name, args=[dossier.pk]),
        {"tekst": "x", "naam": "x", "relatie": "kind"},
    )
    assert response.status_code == 404
    assert dossier.gebeurtenissen.count() == 0


def test_klantmanager_sees_own_client_and_404_for_another(
    client_for, dossier, klantmanager, andere_klantmanager
):
    url = reverse("leerroutes:rsd_klant", args=[dossier.pk])
    assert client_for(klantmanager).get(url).status_code == 200
    assert client_for(andere_klantmanager).get(url).status_code == 404


def test_klantmanager_cannot_use_casusregisseur_pages(
    client_for, dossier, klantmanager
):
    client = client_for(klantmanager)
    assert client.get(reverse("monitoring:werkvoorraad")).status_code == 403
    assert (
        client.get(reverse("monitoring:dossier", args=[dossier.pk])).status_code == 403
    )


def test_beleidsmedewerker_reaches_no_dossier_page(
    client_for, dossier, beleidsmedewerker
):
    client = client_for(beleidsmedewerker)
    assert client.get(reverse("monitoring:werkvoorraad")).status_code == 403
    assert client.get(reverse("intake:rsd_klanten")).status_code == 403
    assert (
        client.get(reverse("monitoring:dossier", args=[dossier.pk])).status_code == 403
    )


def test_werkvoorraad_search_and_export_show_only_what_is_in_scope(
    client_for, dossier, dossier_duiven, casusregisseur
):
    client = client_for(casusregisseur)
    page = client.get(reverse("monitoring:werkvoorraad")).content.decode()
    assert dossier.achternaam in page
    assert dossier_duiven.achternaam not in page

    client.post(
        reverse("monitoring:werkvoorraad"),
        {"zoek": dossier_duiven.bsn, "sorteer": "naam"},
    )
    page = client.get(reverse("monitoring:werkvoorraad")).content.decode()
    assert dossier_duiven.achternaam not in page
    assert "0 dossiers" in page

    client.post(reverse("monitoring:werkvoorraad"), {"zoek": "", "sorteer": "naam"})
    export = csv_text(client.get(reverse("monitoring:werkvoorraad_export")))
    assert dossier.achternaam in export
    assert dossier_duiven.achternaam not in export


def test_klantmanager_list_shows_only_their_clients(
    client_for, dossier, klantmanager, zevenaar
):
    InburgeraarFactory(gemeente=zevenaar, achternaam="Nietvanmij")
    page = client_for(klantmanager).get(reverse("intake:rsd_klanten")).content.decode()
    assert dossier.achternaam in page
    assert "Nietvanmij" not in page


def test_bulk_assign_ignores_dossiers_out_of_scope(
    client_for, dossier, dossier_duiven, casusregisseur, zevenaar
):
    from tests.factories.accounts import UserFactory

    collega = UserFactory(gemeenten=[zevenaar])
    response = client_for(casusregisseur).post(
        reverse("monitoring:toewijzen"),
        {"dossiers": [dossier.pk, dossier_duiven.pk], "casusregisseur": collega.pk},
    )
    assert response.status_code == 200  # the form shows the refused choice
    dossier_duiven.refresh_from_db()
    dossier.refresh_from_db()
    assert dossier_duiven.casusregisseur != collega
    assert dossier.casusregisseur != collega
