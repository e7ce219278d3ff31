import datetime as dt

from django.core.exceptions import ValidationError
from django.urls import reverse

import pytest

from intake import services
from intake.models import Gebeurtenis, Inburgeraar, Status
from intake.tijdlijn import GebeurtenisSoort
from tests.factories.accounts import UserFactory
from tests.factories.intake import InburgeraarFactory, make_bsn, nieuw_dossier_post
from zevenaar_inburgering.verwerkingen.models import Actie, Verwerking

pytestmark = pytest.mark.django_db


def form_data(dossier: Inburgeraar, **changes) -> dict:
    """The edit form as the browser would post it, unchanged unless told."""
    data = {
        "v_nummer": dossier.v_nummer,
        "voornamen": dossier.voornamen,
        "tussenvoegsel": dossier.tussenvoegsel,
        "achternaam": dossier.achternaam,
        "geboortedatum": dossier.geboortedatum.isoformat(),
        "geslacht": dossier.geslacht,
        "gemeente": dossier.gemeente_id,
        "wet_regime": dossier.wet_regime,
        "doelgroep": dossier.doelgroep,
        "status": dossier.status,
        "datum_kennisgeving": dossier.datum_kennisgeving.isoformat(),
        "casusregisseur": dossier.casusregisseur_id or "",
        "rsd_klantmanager": dossier.rsd_klantmanager_id or "",
        "bijstand": "on" if dossier.bijstand else "",
        "bijstand_start": dossier.bijstand_start.isoformat()
        if dossier.bijstand_start
        else "",
        "verblijfsvergunning": dossier.verblijfsvergunning,
        "versie": dossier.versie,
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_create_dossier_normalises_postcode_and_logs(
    client_for, casusregisseur, zevenaar
):
    bsn = make_bsn(77)
    response = client_for(casusregisseur).post(
        reverse("intake:dossier_aanmaken"),
        nieuw_dossier_post(bsn, zevenaar, postcode="6901ab"),
    )
    dossier = Inburgeraar.objects.get(bsn=bsn)
    assert response.status_code == 302
    assert response.url == reverse("monitoring:dossier", args=[dossier.pk])
    assert dossier.postcode == "6901 AB"
    assert dossier.gebeurtenissen.get().soort == GebeurtenisSoort.AANGEMAAKT
    row = Verwerking.objects.get(actie=Actie.AANMAKEN)
    assert row.object_id == str(dossier.pk)
    assert row.betrokkene_id and bsn not in row.betrokkene_id


def test_bad_input_keeps_what_was_typed_and_changes_nothing(
    client_for, casusregisseur, zevenaar
):
    response = client_for(casusregisseur).post(
        reverse("intake:dossier_aanmaken"),
        {
            "bsn": "123456789",
            "voornamen": "Selam",
            "achternaam": "",
            "geboortedatum": "31-02-2020",
            "postcode": "1234 SA",
            "gemeente": zevenaar.pk,
            "wet_regime": "wi2021",
            "doelgroep": "asielstatushouder",
            "status": "signaal_ontvangen",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "elfproef" in page
    assert "Dit veld is verplicht" in page
    assert "geldige Nederlandse postcode" in page
    assert 'value="Selam"' in page and 'value="123456789"' in page
    assert not Inburgeraar.objects.exists()
    assert not Verwerking.objects.filter(actie=Actie.AANMAKEN).exists()


def test_casusregisseur_cannot_create_dossier_for_another_gemeente(
    client_for, casusregisseur, duiven
):
    response = client_for(casusregisseur).post(
        reverse("intake:dossier_aanmaken"),
        {
            "bsn": make_bsn(5),
            "voornamen": "A",
            "achternaam": "B",
            "geboortedatum": "1990-01-01",
            "geslacht": "man",
            "gemeente": duiven.pk,
            "wet_regime": "wi2021",
            "doelgroep": "overig",
            "status": "signaal_ontvangen",
        },
    )
    assert response.status_code == 400
    assert not Inburgeraar.objects.exists()


def test_edit_records_what_changed_on_the_timeline(client_for, dossier, casusregisseur):
    response = client_for(casusregisseur).post(
        reverse("intake:dossier_wijzigen", args=[dossier.pk]),
        form_data(dossier, achternaam="Haddad-Nasser", status=Status.INTAKE_GEPLAND),
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.achternaam == "Haddad-Nasser"
    assert dossier.versie == 2
    event = dossier.gebeurtenissen.get(soort=GebeurtenisSoort.GEWIJZIGD)
    assert {
        "veld": "Achternaam",
        "oud": "Haddad",
        "nieuw": "Haddad-Nasser",
    } in event.wijzigingen
    assert {
        "veld": "Status",
        "oud": "Signaal ontvangen",
        "nieuw": "Intake gepland",
    } in (event.wijzigingen)
    page = client_for(casusregisseur).get(
        reverse("monitoring:dossier", args=[dossier.pk])
    )
    assert "Haddad → Haddad-Nasser" in page.content.decode()


def test_optimistic_locking_refuses_the_stale_save(
    client_for, dossier, casusregisseur, zevenaar
):
    collega = UserFactory(gemeenten=[zevenaar])
    stale = form_data(dossier, achternaam="Eerste")
    # a colleague saves first
    services.inburgeraar_wijzigen(
        inburgeraar=dossier,
        data={"telefoon": "0612345678"},
        versie=1,
        acting_user=collega,
    )
    response = client_for(casusregisseur).post(
        reverse("intake:dossier_wijzigen", args=[dossier.pk]), stale
    )
    assert response.status_code == 400
    assert "Iemand anders heeft dit dossier gewijzigd" in response.content.decode()
    assert 'value="Eerste"' in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.achternaam == "Haddad"
    assert dossier.telefoon == "0612345678"


def test_edit_cannot_assign_a_casusregisseur_of_another_gemeente(
    client_for, dossier, casusregisseur, andere_casusregisseur
):
    with pytest.raises(ValidationError):
        services.inburgeraar_wijzigen(
            inburgeraar=dossier,
            data={"casusregisseur": andere_casusregisseur},
            versie=dossier.versie,
            acting_user=casusregisseur,
        )
    dossier.refresh_from_db()
    assert dossier.casusregisseur == casusregisseur


def test_note_appears_on_the_timeline(client_for, dossier, casusregisseur):
    client = client_for(casusregisseur)
    response = client.post(
        reverse("monitoring:notitie_toevoegen", args=[dossier.pk]),
        {"tekst": "Warme overdracht met COA gepland."},
    )
    assert response.status_code == 302
    page = client.get(reverse("monitoring:dossier", args=[dossier.pk])).content.decode()
    assert "Warme overdracht met COA gepland." in page
    assert dossier.notities.get().auteur == casusregisseur


def test_empty_note_is_refused_with_a_message(client_for, dossier, casusregisseur):
    response = client_for(casusregisseur).post(
        reverse("monitoring:notitie_toevoegen", args=[dossier.pk]), {"tekst": ""}
    )
    assert response.status_code == 400
    assert "Dit veld is verplicht" in response.content.decode()
    assert not dossier.notities.exists()


def test_household_links_people_at_one_address(client_for, casusregisseur, zevenaar):
    a = InburgeraarFactory(gemeente=zevenaar, postcode="6901 AB", huisnummer="12")
    b = InburgeraarFactory(gemeente=zevenaar, postcode="6901 AB", huisnummer="12")
    client = client_for(casusregisseur)
    assert (
        b.naam
        in client.get(reverse("monitoring:dossier", args=[a.pk])).content.decode()
    )
    client.post(reverse("monitoring:huishouden_koppelen", args=[a.pk]), {"ander": b.pk})
    client.post(
        reverse("monitoring:huishoudlid_toevoegen", args=[a.pk]),
        {"naam": "Rama", "geboortedatum": "2021-06-01", "relatie": "kind"},
    )
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.huishouden == b.huishouden is not None
    page = client.get(reverse("monitoring:dossier", args=[b.pk])).content.decode()
    assert a.naam in page and "Rama" in page


def test_linking_a_household_is_optional_so_it_shows_no_required_asterisk(
    client_for, casusregisseur, zevenaar
):
    a = InburgeraarFactory(gemeente=zevenaar, postcode="6901 AB", huisnummer="12")
    InburgeraarFactory(gemeente=zevenaar, postcode="6901 AB", huisnummer="12")
    client = client_for(casusregisseur)
    page = client.get(reverse("monitoring:dossier", args=[a.pk])).content.decode()
    label = page.split('for="id_ander"', 1)[1].split("</label>", 1)[0]
    assert "Dossier op hetzelfde adres" in label
    assert "asteriskField" not in label and "requiredField" not in label
    # Posting it without a choice still explains itself and links nothing.
    response = client.post(
        reverse("monitoring:huishouden_koppelen", args=[a.pk]), {"ander": ""}
    )
    assert response.status_code == 400
    assert "Kies het dossier dat u wilt koppelen." in response.content.decode()
    a.refresh_from_db()
    assert a.huishouden is None


def test_werkvoorraad_filters_are_saved_per_user(client_for, casusregisseur, zevenaar):
    InburgeraarFactory(gemeente=zevenaar, achternaam="Asielpersoon")
    InburgeraarFactory(
        gemeente=zevenaar, achternaam="Gezinspersoon", gezinsmigrant=True
    )
    client = client_for(casusregisseur)
    client.post(
        reverse("monitoring:werkvoorraad"),
        {"doelgroep": "gezinsvormer", "sorteer": "naam"},
    )
    page = client.get(reverse("monitoring:werkvoorraad")).content.decode()
    assert "Gezinspersoon" in page and "Asielpersoon" not in page
    client.logout()
    page = (
        client_for(casusregisseur)
        .get(reverse("monitoring:werkvoorraad"))
        .content.decode()
    )
    assert "Gezinspersoon" in page and "Asielpersoon" not in page


def test_bsn_search_never_puts_the_bsn_in_a_url_or_the_session(
    client_for, dossier, casusregisseur
):
    client = client_for(casusregisseur)
    response = client.post(
        reverse("monitoring:werkvoorraad"),
        {"zoek": dossier.bsn, "sorteer": "naam"},
        follow=True,
    )
    assert all(dossier.bsn not in url for url, _ in response.redirect_chain)
    assert dossier.bsn not in str(dict(client.session.items()))
    assert dossier.achternaam in response.content.decode()


def test_bulk_reassign(client_for, casusregisseur, zevenaar):
    collega = UserFactory(gemeenten=[zevenaar])
    dossiers = InburgeraarFactory.create_batch(
        3, gemeente=zevenaar, casusregisseur=casusregisseur
    )
    response = client_for(casusregisseur).post(
        reverse("monitoring:toewijzen"),
        {"dossiers": [d.pk for d in dossiers[:2]], "casusregisseur": collega.pk},
    )
    assert response.status_code == 302
    assert Inburgeraar.objects.filter(casusregisseur=collega).count() == 2
    assert Gebeurtenis.objects.filter(soort=GebeurtenisSoort.TOEGEWEZEN).count() == 2
    assert Verwerking.objects.filter(actie=Actie.WIJZIGEN).count() == 2


def test_wrong_method_is_405(client_for, dossier, casusregisseur):
    client = client_for(casusregisseur)
    assert (
        client.get(
            reverse("monitoring:notitie_toevoegen", args=[dossier.pk])
        ).status_code
        == 405
    )
    assert client.get(reverse("monitoring:toewijzen")).status_code == 405


def test_dates_are_shown_in_dutch(client_for, dossier, casusregisseur):
    dossier.datum_kennisgeving = dt.date(2026, 3, 5)
    dossier.save()
    page = client_for(casusregisseur).get(
        reverse("monitoring:dossier", args=[dossier.pk])
    )
    assert "5 maart 2026" in page.content.decode()


def test_werkvoorraad_does_the_same_number_of_queries_for_55_and_500_dossiers(
    client_for, casusregisseur, zevenaar, settings
):
    """The same count for any list longer than a page; a list that fits on one
    page needs no COUNT at all (the page holds the total)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(casusregisseur)
    url = reverse("monitoring:werkvoorraad")

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context)

    InburgeraarFactory.create_batch(5, gemeente=zevenaar, casusregisseur=casusregisseur)
    queries()  # the first request registers the verwerkingsactiviteit
    with_5 = queries()
    InburgeraarFactory.create_batch(
        settings.PAGE_SIZE + 25, gemeente=zevenaar, casusregisseur=casusregisseur
    )
    with_55 = queries()
    InburgeraarFactory.create_batch(
        470 - settings.PAGE_SIZE, gemeente=zevenaar, casusregisseur=casusregisseur
    )
    assert queries() == with_55 == with_5 + 1
    assert with_55 <= 20
