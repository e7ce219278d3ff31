"""The intake app's models, by sub-domain; imported here so Django finds them
and `from intake.models import …` names the app's model API."""

from .brede_intake import (  # noqa: F401
    WETTELIJKE_ONDERDELEN,
    Alfabetisering,
    BredeIntake,
    BredeIntakeQuerySet,
    GesprekSoort,
    IntakeAanleiding,
    IntakeStatus,
    IntakeWens,
    LbtUitkomst,
    OnderdeelStatus,
    Opleidingsniveau,
    WettelijkOnderdeel,
    onderwijsroute_max_leeftijd,
)
from .document import (  # noqa: F401
    GEZONDHEIDSDOCUMENTEN,
    RSD_DOCUMENTEN,
    Document,
    DocumentQuerySet,
    DocumentSoort,
    Inhoudstype,
    intake_onderdeel_keuzes,
)
from .dossier import (  # noqa: F401
    GESLOTEN_STATUSSEN,
    HANDMATIGE_STATUSSEN,
    Doelgroep,
    DoelgroepCategorie,
    Geslacht,
    Huishouden,
    Huishoudlid,
    Inburgeraar,
    InburgeraarQuerySet,
    Leerroute,
    Notitie,
    Relatie,
    Status,
    Verblijfsvergunning,
    WetRegime,
    rsd_klanten,
    verblijfsvergunning_bij_doelgroep,
)
from .duo import (  # noqa: F401
    DuoImport,
    DuoImportQuerySet,
    DuoImportRegel,
    DuoSignaal,
    SignaalSoort,
    Uitkomst,
)
from .intake_delen import (  # noqa: F401
    Gesprek,
    IntakeGezondheid,
    IntakeGezondheidQuerySet,
    IntakeOnderdeel,
    IntakeOnderdeelSoort,
    Werkervaring,
)
from .status import (  # noqa: F401
    BRONNEN,
    PLICHT_EINDE,
    StatusBron,
    Statuswijziging,
    StatuswijzigingQuerySet,
)
from .tijdlijn import Gebeurtenis  # noqa: F401
from .werkvoorraad import (  # noqa: F401
    WerkvoorraadVoorkeur,
)
