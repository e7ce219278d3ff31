"""What every leerroutes service shares: a refused change writes nothing, and each
queryset shows a role only the rows of its own dossiers."""

import datetime as dt

from django.core.exceptions import ValidationError

import pytest

from intake.models import Gebeurtenis
from leerroutes.models import (
    Afronding,
    Examenpoging,
    MaatschappelijkeBegeleiding,
    Organisatie,
    Participatieactiviteit,
    Routestand,
    Traject,
    Urenregistratie,
    Verwijzing,
    Voortgangsgesprek,
    Voortgangsrapportage,
)
from leerroutes.services.keten import begeleiding_vastleggen, verwijzing_aanmaken
from leerroutes.services.voortgang import voortgang_vastleggen
from tests.factories.leerroutes import taalaanbieder
from tests.leerroutes.scenario import (
    afronding,
    examen,
    participatie,
    pip_vastgesteld,
    toewijzen,
    uren,
)
from zevenaar_inburgering.verwerkingen.models import Verwerking

pytestmark = [pytest.mark.django_db, pytest.mark.pdf]


# --- A refused change --------------------------------------------------------------


def test_refused_changes_write_nothing(in_traject, casusregisseur, aanbieder):
    """A ValidationError rolls the whole service back: no row, no timeline entry,
    no log line."""
    gebeurtenissen = Gebeurtenis.objects.count()
    verwerkingen = Verwerking.objects.count()
    with pytest.raises(ValidationError):
        toewijzen(in_traject, aanbieder, casusregisseur, start=dt.date(2026, 6, 1))
    with pytest.raises(ValidationError):
        uren(in_traject, casusregisseur, "nt2", 1, 10, vanaf=1)
    assert Gebeurtenis.objects.count() == gebeurtenissen
    assert Verwerking.objects.count() == verwerkingen


# --- Scope ---------------------------------------------------------------------------


@pytest.fixture
def alles_vastgelegd(in_traject, casusregisseur):
    """One of every row, for `in_traject` (a client of `klantmanager`)."""
    uren(in_traject, casusregisseur, "nt2", 1, 40)
    examen(in_traject, casusregisseur, "lezen", "A2", dt.date(2026, 6, 1))
    participatie(
        in_traject,
        casusregisseur,
        "vrijwilligerswerk",
        "Voedselbank",
        dt.date(2026, 3, 1),
    )
    voortgang_vastleggen(
        inburgeraar=in_traject,
        data={"datum": dt.date(2026, 6, 30), "lezen": "A2"},
        acting_user=casusregisseur,
    )
    partner = Organisatie.objects.create(
        naam="Vluchtelingenwerk", soort="maatschappelijke_begeleiding"
    )
    verwijzing_aanmaken(
        inburgeraar=in_traject,
        data={
            "ketenpartner": partner,
            "reden": "Begeleiding",
            "verstuurd_op": dt.date(2026, 3, 3),
        },
        acting_user=casusregisseur,
    )
    begeleiding_vastleggen(
        inburgeraar=in_traject,
        data={"organisatie": partner, "start": dt.date(2026, 3, 3)},
        acting_user=casusregisseur,
    )
    return in_traject


RSD_ZICHTBAAR = [
    Traject,
    Urenregistratie,
    Participatieactiviteit,
    Examenpoging,
    Routestand,
    Afronding,
]
NIET_VOOR_RSD = [
    Voortgangsrapportage,
    Verwijzing,
    MaatschappelijkeBegeleiding,
    Voortgangsgesprek,
]


def test_scope_of_the_querysets(
    alles_vastgelegd,
    casusregisseur,
    andere_casusregisseur,
    klantmanager,
    andere_klantmanager,
    beleidsmedewerker,
    functioneel_beheerder,
):
    afronding(alles_vastgelegd, casusregisseur, map_afgerond_op=dt.date(2026, 6, 1))
    for model in RSD_ZICHTBAAR + NIET_VOOR_RSD:
        assert model.objects.exists(), model
        # The dossier roles of the gemeente see every row.
        for user in (casusregisseur, functioneel_beheerder):
            assert model.objects.visible_to(user).count() == model.objects.count()
        # Another gemeente, another klantmanager's clients, aggregates only: none.
        for user in (andere_casusregisseur, andere_klantmanager, beleidsmedewerker):
            assert not model.objects.visible_to(user).exists(), (model, user)
    for model in RSD_ZICHTBAAR:
        assert model.objects.visible_to(klantmanager).exists(), model
    for model in NIET_VOOR_RSD:
        assert not model.objects.visible_to(klantmanager).exists(), model

    # The client moves to the other klantmanager: the route goes with them.
    alles_vastgelegd.rsd_klantmanager = andere_klantmanager
    alles_vastgelegd.save()
    for model in RSD_ZICHTBAAR:
        assert model.objects.visible_to(andere_klantmanager).exists(), model
        assert not model.objects.visible_to(klantmanager).exists(), model
    for model in NIET_VOOR_RSD:
        assert not model.objects.visible_to(andere_klantmanager).exists(), model


def test_scope_keeps_gemeenten_apart(
    alles_vastgelegd, dossier_duiven, andere_casusregisseur, casusregisseur
):
    """Duiven's casusregisseur sees Duiven's rows and none of Zevenaar's."""
    pip_vastgesteld(dossier_duiven, andere_casusregisseur, ontzorgen=False)
    toewijzen(dossier_duiven, taalaanbieder("Taalhuis Duiven"), andere_casusregisseur)
    for model in (Traject, Routestand, Voortgangsgesprek):
        zichtbaar = model.objects.visible_to(andere_casusregisseur)
        assert {r.inburgeraar_id for r in zichtbaar} == {dossier_duiven.pk}
        zichtbaar = model.objects.visible_to(casusregisseur)
        assert {r.inburgeraar_id for r in zichtbaar} == {alles_vastgelegd.pk}
