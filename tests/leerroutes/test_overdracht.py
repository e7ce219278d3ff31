"""The overdracht to the new gemeente after an outgoing verhuizing (issue 17 item
4): made from the dossier's Status card once the verhuizing is recorded, a stored
PDF with the termijn, DUO's verlengingen, the leerroute to keep and the results,
and nothing of the brede intake."""

import datetime as dt

from django.urls import reverse

import pytest
from freezegun import freeze_time

from intake.models import Status, StatusBron
from intake.services import status_vastleggen
from pip_plans.models import Brief, BriefSoort, Inburgeringstermijn, VerlengingReden
from pip_plans.services.pip import verlenging_vastleggen
from tests.factories.intake import klaar_voor_pip
from tests.factories.leerroutes import ExamenpogingFactory
from tests.factories.pip_plans import pip_vaststellen
from tests.pip_plans.pdf import pdf_text

pytestmark = [pytest.mark.django_db, pytest.mark.pdf]


@freeze_time("2026-11-16 10:00:00")
def test_the_overdracht_after_a_verhuizing(
    client_for, dossier, casusregisseur, klantmanager
):
    klaar_voor_pip(dossier, casusregisseur)
    pip_vaststellen(dossier, casusregisseur, dagtekening=dt.date(2026, 3, 25))
    termijn = Inburgeringstermijn.objects.get(inburgeraar=dossier)
    verlenging_vastleggen(
        einddata={termijn.pk: dt.date(2029, 9, 30)},
        besluitdatum=dt.date(2026, 10, 1),
        reden=VerlengingReden.ZIEKTE,
        duo_kenmerk="DUO-VL-4455",
        acting_user=casusregisseur,
    )
    ExamenpogingFactory(inburgeraar=dossier, datum=dt.date(2026, 9, 14))
    client = client_for(casusregisseur)
    url = reverse("monitoring:overdracht", args=[dossier.pk])
    pagina = reverse("monitoring:dossier", args=[dossier.pk])

    # Not before the verhuizing is recorded.
    response = client.post(url, follow=True)
    assert "nadat de verhuizing is vastgelegd" in response.content.decode()
    assert not Brief.objects.exists()

    status_vastleggen(
        dossier,
        status=Status.VERHUISD,
        datum=dt.date(2026, 11, 2),
        bron=StatusBron.GEMEENTE,
        nieuwe_gemeente="Arnhem",
        acting_user=casusregisseur,
    )
    assert "Overdracht maken (PDF)" in client.get(pagina).content.decode()
    assert client.post(url).status_code == 302
    brief = Brief.objects.get(inburgeraar=dossier, soort=BriefSoort.OVERDRACHT)

    tekst = pdf_text(brief)
    assert "Gemeente Arnhem" in tekst
    assert "op 2 november 2026 van Zevenaar naar uw gemeente verhuisd" in tekst
    # The termijn from the first PIP (26 March 2026) and DUO's verlenging.
    assert "26 maart 2026" in tekst and "25 maart 2029" in tekst
    assert "kenmerk DUO-VL-4455" in tekst and "30 september 2029" in tekst
    assert "De leerroute die blijft: B1-route" in tekst
    assert "KNM: 14 september 2026" in tekst
    # Nothing of the brede intake, nor the verlenging's reason (may be health).
    assert "Woont met partner" not in tekst
    assert "Ziekte" not in tekst and "ziekte" not in tekst

    html = client.get(pagina).content.decode()
    assert brief.kenmerk in html and "Overdracht opnieuw maken" in html
    download = reverse("pip_plans:brief_pdf", args=[brief.pk])
    assert client.get(download).status_code == 200
    # An RSD klantmanager gets no overdracht.
    assert client_for(klantmanager).get(download).status_code == 404
    assert client_for(klantmanager).post(url).status_code == 403
