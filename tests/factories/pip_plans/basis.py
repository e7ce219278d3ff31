"""What the factories of pip_plans share: Dutch time, and the stored-PDF columns of a
document row (the beschikking, a brief)."""

import datetime as dt
from zoneinfo import ZoneInfo

import factory

from zevenaar_inburgering.documents import store_document

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def middag(dag: dt.date) -> dt.datetime:
    """Noon of `dag`, Dutch time: when a factory's PIP is vastgesteld."""
    return dt.datetime.combine(dag, dt.time(12), tzinfo=AMSTERDAM)


def met_bestand(map_: str) -> factory.Trait:
    """A trait: the PDF is a small stored stand-in ("%PDF-1.7 <achternaam>") in
    `map_/<dossier>/<kenmerk>.pdf`, where the services store theirs."""
    return factory.Trait(
        bestand=factory.LazyAttribute(
            lambda o: store_document(
                f"%PDF-1.7 {o.inburgeraar.achternaam}".encode(),
                folder=f"{map_}/{o.inburgeraar.pk}",
                filename=f"{o.kenmerk}.pdf",
            )
        ),
        pdf=factory.LazyAttribute(lambda o: o.bestand[0]),
        sha256=factory.LazyAttribute(lambda o: o.bestand[1]),
    )


class DocumentFactory(factory.django.DjangoModelFactory):
    """A row with a stored PDF: "test.pdf", no file (`met_bestand=True` in a
    subclass: a stored stand-in)."""

    class Meta:
        abstract = True

    pdf = "test.pdf"
    sha256 = "0" * 64

    class Params:
        bestand = None
