"""Handhaving (DOMAIN.md §7): a stale versie changes nothing, and every step writes
a gebeurtenis and a verwerking — a refused step none."""

from decimal import Decimal

from django.core.exceptions import ValidationError

import pytest

from intake.models import Gebeurtenis
from pip_plans.handhaving.services import (
    besluit_nemen,
    waarschuwing_versturen,
    zienswijze_vastleggen,
)
from pip_plans.models import Bezwaar, Brief, HandhavingStatus
from pip_plans.tijdlijn import GebeurtenisSoort
from tests.pip_plans.handhavingszaken.helpers import (
    RAPPORT,
    ZIENSWIJZE,
    D,
    afzien,
    besluiten,
    bezwaar,
    bezwaar_beslissen,
    boete,
    maatregel,
    openen,
    rapport,
    refused,
    vers,
    waarschuwen,
    zienswijze,
)
from zevenaar_inburgering.verwerkingen.models import Verwerking

# --- Optimistic locking --------------------------------------------------------------


@pytest.mark.pdf
@pytest.mark.django_db
def test_a_stale_versie_is_refused_and_changes_nothing(
    dossier, casusregisseur, collega
):
    zaak = openen(dossier, casusregisseur)
    oud = zaak.versie
    rapport(zaak, casusregisseur, "500")
    zaak = vers(zaak)
    assert zaak.versie == oud + 1
    gebeurtenissen = Gebeurtenis.objects.count()
    verwerkingen = Verwerking.objects.count()
    brieven = Brief.objects.count()

    with pytest.raises(ValidationError) as exc:
        besluit_nemen(zaak=zaak, versie=oud, acting_user=collega, **boete("300"))
    assert exc.value.code == "stale"
    with pytest.raises(ValidationError) as exc:
        zienswijze_vastleggen(
            zaak=zaak,
            versie=oud,
            ontvangen=True,
            ontvangen_op=ZIENSWIJZE,
            zienswijze="Te laat gezien.",
            acting_user=casusregisseur,
        )
    assert exc.value.code == "stale"

    na = vers(zaak)
    assert na.versie == oud + 1
    assert na.status == HandhavingStatus.ZIENSWIJZE
    assert na.besluit == "" and na.zienswijze_ontvangen_op is None
    assert na.rapport_op == RAPPORT and na.voorgenomen_bedrag == Decimal("500.00")
    assert Brief.objects.count() == brieven == 2  # the voornemen and the afschrift
    assert Gebeurtenis.objects.count() == gebeurtenissen
    assert Verwerking.objects.count() == verwerkingen


@pytest.mark.django_db
def test_a_stale_waarschuwing_makes_no_letter(dossier, casusregisseur):
    zaak = openen(dossier, casusregisseur)
    with pytest.raises(ValidationError) as exc:
        waarschuwing_versturen(
            zaak=zaak, versie=zaak.versie + 1, acting_user=casusregisseur
        )
    assert exc.value.code == "stale"
    assert not Brief.objects.exists()
    assert vers(zaak).status == HandhavingStatus.OVERTREDING


# --- Gebeurtenis and verwerkingenlog ---------------------------------------------------


@pytest.mark.pdf
@pytest.mark.django_db
def test_every_step_writes_a_gebeurtenis_and_a_verwerking(
    dossier, casusregisseur, collega
):
    """Each step by its user: the rapport by `casusregisseur`, the boete by
    `collega`, the beslissing op bezwaar by `casusregisseur` again (functiescheiding,
    Awb art. 10:3)."""

    def gebeurtenissen():
        return list(
            Gebeurtenis.objects.filter(
                inburgeraar=dossier,
                soort__in=[GebeurtenisSoort.HANDHAVING, GebeurtenisSoort.PIP],
            )
            .order_by("pk")
            .values_list("omschrijving", flat=True)
        )

    def verwerkingen():
        return Verwerking.objects.filter(
            object_id=str(dossier.pk), handeling__in=["Handhaving", "Bezwaar"]
        ).count()

    zaak = openen(dossier, casusregisseur)
    assert len(gebeurtenissen()) == 1 and verwerkingen() == 1
    stappen = [
        lambda: waarschuwen(zaak, casusregisseur),
        lambda: rapport(zaak, casusregisseur, "800"),
        lambda: zienswijze(zaak, casusregisseur),
        lambda: besluiten(zaak, collega, boete("800")),
        lambda: bezwaar(zaak, casusregisseur, D(2026, 4, 1)),
        lambda: bezwaar_beslissen(
            Bezwaar.objects.get(), casusregisseur, D(2026, 5, 15)
        ),
    ]
    for n, stap in enumerate(stappen, start=2):
        stap()
        assert len(gebeurtenissen()) == n
        assert verwerkingen() == n
    alle = " | ".join(gebeurtenissen())
    assert "Handhavingszaak gestart: niet meewerken aan de brede intake" in alle
    assert "Schriftelijke waarschuwing verstuurd (WAARS-" in alle
    assert "besluit uiterlijk 1 juni 2026" in alle
    assert "voornemen VOORN-" in alle and "afschrift van het rapport RAPP-" in alle
    assert "Zienswijze ontvangen op 10 maart 2026" in alle
    assert "Boete opgelegd: € 800,00" in alle
    assert "Bezwaar ontvangen tegen boetebeschikking BOETE-" in alle
    assert "Beslissing op bezwaar tegen boetebeschikking BOETE-" in alle
    assert ": ongegrond (brief BOB-" in alle
    assert Gebeurtenis.objects.filter(
        gebruiker=collega, omschrijving__startswith="Boete opgelegd"
    ).exists()
    # The letters are logged as generated documents besides.
    assert Verwerking.objects.filter(object_id=str(dossier.pk)).count() > verwerkingen()


@pytest.mark.django_db
def test_afzien_and_maatregel_write_a_gebeurtenis_and_a_verwerking(
    dossier, casusregisseur, klantmanager
):
    zaak = openen(dossier, casusregisseur)
    besluiten(zaak, casusregisseur, afzien())
    assert Gebeurtenis.objects.filter(
        inburgeraar=dossier,
        soort=GebeurtenisSoort.HANDHAVING,
        omschrijving="Afgezien van een boete",
    ).exists()
    assert Verwerking.objects.filter(
        object_id=str(dossier.pk),
        handeling="Handhaving",
        actie_naam="Afgezien van een boete",
    ).exists()

    maatregel(dossier, klantmanager, D(2026, 3, 10))
    assert Verwerking.objects.filter(
        object_id=str(dossier.pk),
        actie_naam="Maatregel vastgelegd",
        actor=klantmanager,
    ).exists()


@pytest.mark.django_db
def test_a_refused_step_writes_nothing(dossier, casusregisseur, collega):
    zaak = openen(dossier, casusregisseur)
    refused(besluiten, zaak, collega, boete("900"))
    refused(rapport, zaak, casusregisseur, "900")
    assert Gebeurtenis.objects.filter(soort=GebeurtenisSoort.HANDHAVING).count() == 1
    assert Verwerking.objects.filter(object_id=str(dossier.pk)).count() == 1
