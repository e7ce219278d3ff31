"""The Participatiewet maatregel (Pw art. 18) that the RSD klantmanager records, so
that the casusregisseur sees a samenloop with a handhavingszaak (DOMAIN.md §7.3)."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from intake.models import Inburgeraar
from zevenaar_inburgering.accounts.models import User
from zevenaar_inburgering.nl import datum_tekst, kleine_beginletter

from ..models import Maatregel, MaatregelGrond
from ..tijdlijn import GebeurtenisSoort
from .samenloop import samenloop_voor_rsd
from .services import _check, _vastleggen


@transaction.atomic
def maatregel_vastleggen(
    *,
    inburgeraar: Inburgeraar,
    grond: str,
    datum_gedraging: date | None,
    omschrijving: str,
    besluit_op: date | None,
    acting_user: User,
    verlaging_procent: int | None = None,
    duur_maanden: int | None = None,
) -> Maatregel:
    """A Participatiewet maatregel (Pw art. 18), recorded by the RSD klantmanager.
    The timeline of the dossier says whether it is samenloop."""
    vandaag = timezone.localdate()
    fouten: dict[str, str] = {}
    if grond not in MaatregelGrond.values:
        fouten["grond"] = "Kies de grond van de maatregel."
    if datum_gedraging is None:
        fouten["datum_gedraging"] = "Vul de datum van de gedraging in."
    elif datum_gedraging > vandaag:
        fouten["datum_gedraging"] = "De datum van de gedraging ligt in de toekomst."
    if besluit_op is None:
        fouten["besluit_op"] = "Vul de datum van het besluit van RSD in."
    elif datum_gedraging is not None and besluit_op < datum_gedraging:
        fouten["besluit_op"] = "Het besluit volgt op de gedraging."
    if not omschrijving.strip():
        fouten["omschrijving"] = "Beschrijf de gedraging en het besluit."
    if verlaging_procent is not None and not 0 < verlaging_procent <= 100:
        fouten["verlaging_procent"] = "De verlaging ligt tussen 1 en 100 procent."
    if duur_maanden is not None and duur_maanden < 1:
        fouten["duur_maanden"] = "De duur is minstens 1 maand."
    _check(fouten)
    maatregel = Maatregel.objects.create(
        inburgeraar=inburgeraar,
        grond=grond,
        datum_gedraging=datum_gedraging,
        omschrijving=omschrijving.strip(),
        besluit_op=besluit_op,
        verlaging_procent=verlaging_procent,
        duur_maanden=duur_maanden,
        vastgelegd_door=acting_user,
    )
    met = bool(samenloop_voor_rsd(inburgeraar, [maatregel]))
    _vastleggen(
        inburgeraar,
        acting_user,
        f"Maatregel Participatiewet vastgelegd door RSD: "
        f"{kleine_beginletter(maatregel.get_grond_display())} ({datum_tekst(datum_gedraging)})"
        + (" — samenloop met een handhavingszaak" if met else ""),
        actie_naam="Maatregel vastgelegd",
        soort=GebeurtenisSoort.MAATREGEL,
    )
    return maatregel
