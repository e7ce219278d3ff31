"""The pip_plans app's models, by sub-domain; imported here so Django finds them
and `from pip_plans.models import …` names the app's model API. Access helpers:
pip_plans.models.toegang."""

from .bezwaar import (  # noqa: F401
    GEGROND,
    Bezwaar,
    BezwaarQuerySet,
    BezwaarUitkomst,
)
from .brief import (  # noqa: F401
    BESLUITEN,
    RSD_BRIEVEN,
    ZAAKBRIEVEN,
    Brief,
    BriefQuerySet,
    BriefSoort,
    Brievenbundel,
    BrievenbundelQuerySet,
)
from .brieftekst import (  # noqa: F401
    Brieftekst,
    BrieftekstQuerySet,
    BrieftekstSoort,
    BrieftekstStatus,
)
from .handhaving import (  # noqa: F401
    LOPENDE_HANDHAVING,
    BesluitSoort,
    HandhavingStatus,
    Handhavingszaak,
    HandhavingszaakQuerySet,
    Maatregel,
    MaatregelGrond,
    MaatregelQuerySet,
    Overtreding,
    Verwijtbaarheid,
    ZienswijzeWijze,
)
from .ontzorgen import (  # noqa: F401
    STANDAARD_VASTE_LASTEN,
    AndereGrondslag,
    Betaling,
    BetalingQuerySet,
    CursusStatus,
    Frequentie,
    Ontzorging,
    OntzorgingQuerySet,
    VasteLast,
    VasteLastQuerySet,
    VasteLastSoort,
)
from .pip import (  # noqa: F401
    ROUTE_WIJZIGENDE_REDENEN,
    Beschikking,
    BeschikkingQuerySet,
    Inburgeringstermijn,
    InburgeringstermijnQuerySet,
    InkomendeVerhuizing,
    InkomendeVerhuizingQuerySet,
    KnmVorm,
    Pip,
    PipQuerySet,
    PipStatus,
    Taalniveau,
    VerhuizingBron,
    Verlenging,
    VerlengingReden,
    WijzigingReden,
)
