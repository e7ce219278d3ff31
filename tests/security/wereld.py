"""The worlds of the security tests: one client's complete dossier (`Wereld`, made by
`bouw_wereld`) and the module-scoped `Scenario` of three of them with the personas,
all on SCENARIO_DAG. The fixtures that build them are in conftest.py.
"""

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Group
from django.utils import timezone

from intake.models import DocumentSoort
from monitoring.models import SignaalVoorkeur
from monitoring.rapportage.rapport import rapport_maken
from pip_plans.models import Brief, BriefSoort, BrieftekstSoort
from pip_plans.ontzorgen.services import ontzorgingsbeschikking_opmaken
from pip_plans.services.brieftekst import concept_openen
from pip_plans.services.uitnodigingen import uitnodigingen_maken
from tests.factories.accounts import UserFactory
from tests.factories.dossier import volledig_dossier
from tests.factories.intake import document
from tests.factories.leerroutes import UrenImportFactory
from tests.factories.monitoring import (
    KetenoverlegFactory,
    KwartaalrapportFactory,
    UitvoeringskostenFactory,
)
from tests.factories.pip_plans import zaak_tot_boete
from tests.security.canaries import DIPLOMA_TEKST, Canaries

# The day the worlds' fixed dates belong to: the PIP vastgesteld on 1 March 2026, the
# ontzorging from 1 April, the boete of 1 June, a meeting held on 10 June, the
# kwartaalrapport of Q2 2026, and a signal due on 20 December and snoozed until
# 1 December with a meeting planned on 10 December (so "Te doen" is empty). The
# worlds are built, and every test that uses one runs, on this day with the clock
# running on: from the start of the module-scoped `scenario` to the end of its
# module (one clock, so that what a test does comes after what was built, and a
# login attempt the scenario made is as fresh as it was with the real clock), and
# from the start of each test that uses `wereld`.
SCENARIO_DAG = dt.datetime(2026, 11, 28, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


@dataclass
class Wereld:
    """One client's dossier and every object hanging off it."""

    naam: str  # the canary achternaam
    dossier: object
    objects: dict = field(default_factory=dict)  # kind -> instance
    brieven: dict = field(default_factory=dict)  # BriefSoort -> Brief
    documenten: dict = field(default_factory=dict)  # DocumentSoort -> Document

    def __getitem__(self, kind):
        return self.objects[kind]


@dataclass
class Scenario:
    personas: dict
    eigen: Wereld
    ander_km: Wereld
    duiven: Wereld
    canaries: Canaries
    media_root: object
    admin_objects: dict  # "app_label.model_name" -> instance

    @property
    def werelden(self):
        return {"eigen": self.eigen, "ander_km": self.ander_km, "duiven": self.duiven}


def persona_maken(username, role, *gemeenten):
    return UserFactory(username=username, role=role, gemeenten=list(gemeenten))


def bouw_wereld(
    *,
    naam,
    gemeente_obj,
    cr,
    km,
    beheerder,
    aanbieder,
    ketenpartner,
    canaries,
    rapport=True,
):
    """A complete dossier of `cr` (and `km`, when given) named `naam`, with canaries
    in its texts, its letters rendered and its documents stored by the services;
    and the concept of a letter text of its gemeente, opened by its functioneel
    `beheerder`."""
    c = canaries
    dossier = volledig_dossier(
        casusregisseur=cr,
        klantmanager=km,
        handhaving=False,
        voornamen="Amal",
        aanbieder=aanbieder,
        ketenpartner=ketenpartner,
        achternaam=naam,
        gemeente=gemeente_obj,
        tekst=c.tekst,
    )
    w = Wereld(naam=naam, dossier=dossier.dossier, objects=dossier.objects)
    # Uploaded documents (issue 20), stored through the service: a diploma with a
    # harmless text (the RSD klantmanager may download it: the world's `document`),
    # and the two health kinds with a health canary in the file's text and in
    # the note (mark_all keeps the note's health canary).
    w.documenten = {
        soort: document(
            w.dossier,
            cr,
            soort=soort,
            tekst=c.document_tekst(soort) or DIPLOMA_TEKST,
            notitie=c.document_notitie(soort) or "",
        )
        for soort in (
            DocumentSoort.DIPLOMA,
            DocumentSoort.MEDISCHE_VERKLARING,
            DocumentSoort.COA_PROFIEL,
        )
    }
    w.objects["document"] = w.documenten[DocumentSoort.DIPLOMA]
    # Canaries in every text written so far, before any PDF is rendered.
    c.mark_all()

    # The ontzorgingsbeschikking (a letter the RSD may see) and handhaving up to the
    # boete: waarschuwing and boetebeschikking.
    ontzorgingsbeschikking_opmaken(ontzorging=w["ontzorging"], acting_user=cr)
    w.objects["zaak"] = zaak_tot_boete(
        w.dossier, cr, lambda veld: c(f"pip_plans.Handhavingszaak.{veld}")
    )
    # An uitnodiging for the brede intake made in bulk, with its bundle.
    type(w.dossier).objects.filter(pk=w.dossier.pk).update(
        straat="Kerkstraat", huisnummer="1", postcode="6901 AB", woonplaats="Zevenaar"
    )
    w.dossier.refresh_from_db()
    vandaag = timezone.localdate()
    (uitnodiging,) = uitnodigingen_maken(
        [w.dossier],
        afspraak_datum=vandaag + dt.timedelta(days=14),
        afspraak_tijd=None,
        afspraak_plaats="Gemeentehuis",
        verzenddatum=vandaag,
        acting_user=cr,
    )
    w.objects["brievenbundel"] = uitnodiging.bundel
    w.brieven = {b.soort: b for b in Brief.objects.filter(inburgeraar=w.dossier)}
    w.objects["brief"] = w.brieven[BriefSoort.ONTZORGINGSBESCHIKKING]

    # Imports (no dossier, but an uploader) and the gemeente's keten and report.
    w.objects["uren_import"] = UrenImportFactory(
        aanbieder=aanbieder, bestandsnaam=f"uren-{naam}.csv", geupload_door=cr
    )
    w.objects["ketenoverleg"] = KetenoverlegFactory(
        onderwerp=f"Overleg {naam}", vastgelegd_door=cr, gemeenten=[gemeente_obj]
    )
    if rapport:
        aanvraag = KwartaalrapportFactory(gemeente=gemeente_obj, aangevraagd_door=cr)
        w.objects["kwartaalrapport"] = rapport_maken(aanvraag.pk)
    # The gemeente's letter text (issue 20 item 2; no person data, so no canaries):
    # a concept, so that the walks reach the editor and every action on it. The
    # worlds of one gemeente share it (one concept per letter and gemeente).
    w.objects["brieftekst"] = concept_openen(
        soort=BrieftekstSoort.UITNODIGING_INTAKE,
        gemeente=gemeente_obj,
        acting_user=beheerder,
    )
    return w


def _admin_object_makers(personas, zevenaar) -> dict:
    """How to make one object of each admin model that may have none yet."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django_otp.plugins.otp_static.models import StaticDevice

    from tests.otp import app_voor
    from zevenaar_inburgering.accounts import gebeurtenissen
    from zevenaar_inburgering.accounts.models import Beveiligingsgebeurtenis

    cr = personas["cr"]
    poging = {
        "username": "onbekend.account",
        "ip_address": "127.0.0.1",
        "user_agent": "pytest",
        "http_accept": "text/html",
        "path_info": "/inloggen/",
    }
    return {
        "auth.group": lambda: Group.objects.get_or_create(name="Beheerders")[0],
        "accounts.user": lambda: cr,
        "accounts.gemeente": lambda: zevenaar,
        "accounts.beveiligingsgebeurtenis": lambda: gebeurtenissen.vastleggen(
            Beveiligingsgebeurtenis.Soort.INLOGGEN, user=cr
        ),
        "axes.accessattempt": lambda: AccessAttempt.objects.create(
            **poging, get_data="", post_data="", failures_since_start=1
        ),
        "axes.accesslog": lambda: AccessLog.objects.create(**poging),
        "axes.accessfailurelog": lambda: AccessFailureLog.objects.create(**poging),
        "otp_totp.totpdevice": lambda: app_voor(cr),
        "otp_static.staticdevice": lambda: StaticDevice.objects.create(
            user=cr, name="Reservecodes"
        ),
        "monitoring.signaalvoorkeur": lambda: SignaalVoorkeur.objects.get_or_create(
            user=cr
        )[0],
        "monitoring.uitvoeringskosten": lambda: UitvoeringskostenFactory(
            gemeente=zevenaar, jaar=2026, kwartaal=1
        ),
    }


def admin_objects(personas, zevenaar) -> dict:
    """One object of every model registered in the admin (for its object URLs):
    made by _admin_object_makers, or else the first row the scenario made."""
    from django.contrib import admin

    makers = _admin_object_makers(personas, zevenaar)
    result = {}
    for model in admin.site._registry:
        label = model._meta.label_lower
        if label in makers:
            result[label] = makers[label]()
        else:
            result[label] = model._default_manager.order_by("pk").first()
    return result
