"""A dossier with every kind of related object, and every URL pattern filled in with
the pks of those objects (not dummy ids), for the CF-03 and CF-04 walks: a request
that reaches a view then really finds its object, so a state change would really
happen and be seen by `fingerprint()`."""

from __future__ import annotations

import datetime as dt
import re

from django.apps import apps
from django.db import connection

from intake import services as intake_services
from intake.models import DuoImport
from leerroutes import services as leerroute_services
from leerroutes.models import Organisatie, OrganisatieSoort, UrenImport
from monitoring.models import Ketenoverleg, Kwartaalrapport, Signaal, SignaalSoort
from pip_plans import handhaving, ontzorgen
from pip_plans import services as pip_services
from tests.intake_factories import WerkervaringFactory
from tests.leerroutes.conftest import taalaanbieder
from tests.leerroutes.scenario import pip_vastgesteld, toewijzen
from tests.urlwalk import all_urls

GEDRAGING_OP = dt.date(2026, 6, 1)


def volledig_dossier(dossier, casusregisseur, klantmanager, beleidsmedewerker):
    """Give `dossier` (Zevenaar, bijstand, casusregisseur and klantmanager assigned)
    the usual related objects, through the services where they exist. Returns
    {name: object}."""
    user = casusregisseur
    beschikking = pip_vastgesteld(dossier, user)
    aanbieder = taalaanbieder()
    traject = toewijzen(dossier, aanbieder, user)
    intake = dossier.intakes.get(vervangen_op__isnull=True)
    werkervaring = WerkervaringFactory(intake=intake)
    concept = pip_services.pip_wijziging_starten(
        inburgeraar=dossier,
        reden="overig",
        toelichting="Nieuwe afspraken.",
        acting_user=user,
    )
    bezwaar = pip_services.bezwaar_registreren(
        beschikking=beschikking,
        ontvangen_op=beschikking.dagtekening + dt.timedelta(days=7),
        gronden="Het aantal uren is te hoog.",
        acting_user=user,
    )
    intake_services.notitie_toevoegen(
        inburgeraar=dossier, tekst="Gesprek gevoerd.", acting_user=user
    )
    intake_services.huishoudlid_toevoegen(
        inburgeraar=dossier,
        data={
            "naam": "Rami Haddad",
            "geboortedatum": dt.date(2015, 2, 3),
            "relatie": "kind",
        },
        acting_user=user,
    )
    ontzorging = ontzorgen.ontzorging_starten(inburgeraar=dossier, acting_user=user)
    vaste_last = ontzorging.vaste_lasten.first()
    zaak = handhaving.handhavingszaak_aanmaken(
        inburgeraar=dossier,
        overtreding="pvt",
        datum_overtreding=GEDRAGING_OP,
        feiten="Niet verschenen bij de PVT-bijeenkomst.",
        acting_user=user,
    )
    brief = handhaving.waarschuwing_versturen(
        zaak=zaak, versie=zaak.versie, opdracht="Kom naar de PVT.", acting_user=user
    )
    zaak.refresh_from_db()
    handhaving.maatregel_vastleggen(
        inburgeraar=dossier,
        grond="re_integratie",
        datum_gedraging=GEDRAGING_OP,
        omschrijving="Niet verschenen bij het werkgeversgesprek.",
        besluit_op=GEDRAGING_OP + dt.timedelta(days=7),
        verlaging_procent=20,
        duur_maanden=1,
        acting_user=klantmanager,
    )
    activiteit = leerroute_services.activiteit_vastleggen(
        inburgeraar=dossier,
        data={
            "soort": "vrijwilligerswerk",
            "organisatie": "Voedselbank",
            "start": dt.date(2026, 5, 1),
        },
        acting_user=user,
    )
    ketenpartner = Organisatie.objects.create(
        naam="Vluchtelingenwerk", soort=OrganisatieSoort.MAATSCHAPPELIJKE_BEGELEIDING
    )
    verwijzing = leerroute_services.verwijzing_aanmaken(
        inburgeraar=dossier,
        data={
            "ketenpartner": ketenpartner,
            "reden": "Schuldhulp.",
            "verstuurd_op": dt.date(2026, 5, 2),
        },
        acting_user=user,
    )
    gesprek = dossier.voortgangsgesprekken.order_by("gepland_op").first()
    signaal = Signaal.objects.create(
        soort=SignaalSoort.PIP_TE_LAAT,
        inburgeraar=dossier,
        object_type="intake.inburgeraar",
        object_id=str(dossier.pk),
        vervaldatum=dt.date(2026, 6, 30),
        verantwoordelijke=user,
    )
    duo_import = DuoImport.objects.create(bestandsnaam="duo.csv", geupload_door=user)
    uren_import = UrenImport.objects.create(
        aanbieder=aanbieder,
        bestandsnaam="uren.csv",
        geupload_door=user,
        status="geweigerd",
        fouten=[{"regel": 2, "reden": "Onbekend v-nummer."}],
    )
    rapport = Kwartaalrapport.objects.create(
        jaar=2026,
        kwartaal=1,
        gemeente=dossier.gemeente,
        aangevraagd_door=beleidsmedewerker,
    )
    overleg = Ketenoverleg.objects.create(
        datum=dt.date(2026, 5, 1),
        onderwerp="Wachttijden taalaanbod",
        vastgelegd_door=user,
    )
    overleg.gemeenten.set([dossier.gemeente])
    overleg.partners.set([ketenpartner])
    return {
        "dossier": dossier,
        "beschikking": beschikking,
        "traject": traject,
        "werkervaring": werkervaring,
        "concept": concept,
        "bezwaar": bezwaar,
        "vaste_last": vaste_last,
        "zaak": zaak,
        "brief": brief,
        "activiteit": activiteit,
        "verwijzing": verwijzing,
        "gesprek": gesprek,
        "signaal": signaal,
        "duo_import": duo_import,
        "uren_import": uren_import,
        "rapport": rapport,
        "overleg": overleg,
    }


# route prefix (up to the first argument) -> the object its <uuid:pk> names
PK_BY_PREFIX = {
    "dossiers/": "dossier",
    "rsd/klanten/": "dossier",
    "beschikkingen/": "beschikking",
    "bezwaren/": "bezwaar",
    "brieven/": "brief",
    "ontzorgen/lasten/": "vaste_last",
    "rsd/ontzorgen/lasten/": "vaste_last",
    "handhaving/": "zaak",
    "participatie/": "activiteit",
    "rsd/activiteiten/": "activiteit",
    "verwijzingen/": "verwijzing",
    "voortgangsgesprekken/": "gesprek",
    "signalen/": "signaal",
    "duo-signalen/": "duo_import",
    "uren-import/": "uren_import",
    "kwartaalrapporten/": "rapport",
    "ketenoverleg/": "overleg",
}
# other argument names -> object
PK_BY_ARG = {"werkervaring_id": "werkervaring", "pip_id": "concept"}


def real_urls(objects):
    """(route, name, path) for every URL pattern, its uuid arguments filled with the
    pks of `objects`. Fails on a new uuid route nobody mapped here."""
    for route, name, path in all_urls():
        if route.startswith("beheer/") or "<uuid:" not in route:
            yield route, name, path
            continue
        prefix = route.split("<", 1)[0]
        if prefix not in PK_BY_PREFIX:
            raise AssertionError(
                f"{route}: add its prefix to tests/security/realdata.PK_BY_PREFIX"
            )

        def value(match, prefix=prefix, route=route):
            arg = match.group(2)
            key = PK_BY_ARG.get(arg) or (PK_BY_PREFIX[prefix] if arg == "pk" else None)
            if key is None:
                raise AssertionError(f"{route}: add <{arg}> to PK_BY_ARG")
            return str(objects[key].pk)

        filled = re.sub(r"<(?:(\w+):)?(\w+)>", value, route)
        yield route, name, "/" + filled


# Tables whose change a request may legitimately cause: the verwerkingenlog (every
# read is logged) and the sessions (login, messages, session timestamps).
MAY_CHANGE = {"verwerkingen.Verwerking", "sessions.Session"}


def fingerprint() -> dict[str, tuple[int, str]]:
    """{model label: (row count, md5 of all rows)} for every table except
    MAY_CHANGE: a change of any row, not only of the counts, shows."""
    state = {}
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            label = model._meta.label
            if label in MAY_CHANGE or not model._meta.managed:
                continue
            table = connection.ops.quote_name(model._meta.db_table)
            # The table name comes from the model registry, quoted; no input.
            cursor.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, '|' "  # noqa: S608
                f"ORDER BY t::text), '')) FROM {table} t"
            )
            state[label] = cursor.fetchone()
    return state


def changed(before: dict, after: dict) -> dict:
    return {
        label: (before.get(label), after.get(label))
        for label in set(before) | set(after)
        if before.get(label) != after.get(label)
    }
