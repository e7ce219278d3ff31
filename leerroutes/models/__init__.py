"""The leerroute after the PIP: the keten, trajecten, hours, exams, participation.

Organisations and contracts are reference data kept by functioneel beheer in the
admin. Everything about a person is reached through `visible_to(user)`: the
dossier roles see the dossiers of their gemeenten; an RSD klantmanager sees the
route, hours and participation of their own clients only (`RSD_ZICHTBAAR`).

The models by sub-domain; imported here so Django finds them and
`from leerroutes.models import …` names the app's model API.
"""

from .examen import (  # noqa: F401
    Afronding,
    Examenpoging,
)
from .keten import (  # noqa: F401
    MaatschappelijkeBegeleiding,
    Verwijzing,
    VerwijzingStatus,
    Voortgangsgesprek,
    VoortgangsgesprekQuerySet,
)
from .organisaties import (  # noqa: F401
    Contract,
    ContractOnderdeel,
    Organisatie,
    OrganisatieSoort,
    keurmerk_geldig_q,
)
from .participatie import (  # noqa: F401
    ActiviteitSoort,
    Participatieactiviteit,
)
from .route import (  # noqa: F401
    ROUTE_ONDERDELEN,
    RSD_ZICHTBAAR,
    TAAL_ONDERDELEN,
    Examenonderdeel,
    KoersStatus,
    Niveau,
    Onderdeel,
)
from .routestand import (  # noqa: F401
    Routestand,
)
from .traject import (  # noqa: F401
    Traject,
    TrajectEinde,
    TrajectOnderdeel,
)
from .uren import (  # noqa: F401
    UrenBron,
    UrenImport,
    UrenImportQuerySet,
    UrenImportStatus,
    Urenregistratie,
    Voortgangsrapportage,
)
