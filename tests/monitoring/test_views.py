"""Signals on the casusregisseur's werkvoorraad ("Te doen") and snoozing one with a
reason: bad input answered on the form, another gemeente's signal a 404."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

import pytest

from monitoring.signalering import sweep
from tests.monitoring.conftest import ontzorging, signalen

pytestmark = pytest.mark.django_db


@pytest.fixture
def signaal(dossier, casusregisseur):
    """An "ontzorgen eindigt" signal of `dossier` for its casusregisseur."""
    vandaag = timezone.localdate()
    ontzorging(dossier, casusregisseur, vandaag + dt.timedelta(days=10))
    sweep(vandaag)
    return signalen("ontzorgen_eindigt").get()


def te_doen(client) -> str:
    html = client.get(reverse("monitoring:werkvoorraad")).content.decode()
    start = html.index('id="te-doen"')
    return html[start : html.index("</section>", start)]


def test_te_doen_on_the_werkvoorraad(client_for, casusregisseur, signaal):
    html = te_doen(client_for(casusregisseur))
    assert "Ontzorgen eindigt binnen 4 weken" in html
    assert signaal.inburgeraar.naam in html


def test_each_signal_has_its_own_snooze_fields(client_for, casusregisseur, signaal):
    """The empty fields the template writes itself carry the names the snooze view
    reads (the form's prefix), required, with the form's labels and limits."""
    html = te_doen(client_for(casusregisseur))
    veld = f"signaal-{signaal.pk}"
    for fragment in (
        f'<label for="id_{veld}-tot" class="form-label requiredField">Uitstellen tot',
        f'<input type="date" name="{veld}-tot" class="dateinput form-control" '
        f'required id="id_{veld}-tot">',
        f'<label for="id_{veld}-reden" class="form-label requiredField">Reden',
        f'<input type="text" name="{veld}-reden" maxlength="300" '
        f'class="textinput form-control" required id="id_{veld}-reden">',
    ):
        assert fragment in html


def test_snooze_with_a_reason(client_for, casusregisseur, signaal):
    client = client_for(casusregisseur)
    url = reverse("monitoring:signaal_uitstellen", args=[signaal.pk])
    tot = timezone.localdate() + dt.timedelta(days=7)
    prefix = f"signaal-{signaal.pk}"
    # Without a reason: refused on the form, the date kept, nothing changed.
    response = client.post(
        url, {f"{prefix}-tot": tot.isoformat(), f"{prefix}-reden": ""}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "<title>Fout:" in html and tot.isoformat() in html
    signaal.refresh_from_db()
    assert signaal.gesnoozed_tot is None

    response = client.post(
        url, {f"{prefix}-tot": tot.isoformat(), f"{prefix}-reden": "Wacht op RSD"}
    )
    assert response.status_code == 302
    signaal.refresh_from_db()
    assert signaal.gesnoozed_tot == tot and signaal.snooze_reden == "Wacht op RSD"
    assert "Ontzorgen eindigt" not in te_doen(client)


def test_another_gemeente_gets_404(client_for, andere_casusregisseur, signaal):
    url = reverse("monitoring:signaal_uitstellen", args=[signaal.pk])
    response = client_for(andere_casusregisseur).post(url, {})
    assert response.status_code == 404


def test_snoozing_a_signal_resolved_meanwhile_says_so(
    client_for, casusregisseur, signaal
):
    """The signal left the "Te doen" list (resolved by a sweep while the page was
    open): the refusal is shown above the list, not lost with the hidden form."""
    signaal.opgelost_op = timezone.now()
    signaal.save(update_fields=["opgelost_op"])
    prefix = f"signaal-{signaal.pk}"
    tot = timezone.localdate() + dt.timedelta(days=7)
    response = client_for(casusregisseur).post(
        reverse("monitoring:signaal_uitstellen", args=[signaal.pk]),
        {f"{prefix}-tot": tot.isoformat(), f"{prefix}-reden": "Wacht op RSD"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Het signaal is niet uitgesteld: Dit signaal is al opgelost." in html
    signaal.refresh_from_db()
    assert signaal.gesnoozed_tot is None
