"""Factories of pip_plans: the PIP and its beschikking, the termijn with bezwaar and
verlenging, ontzorgen, handhaving and its letters, with their domain states as traits.

A vastgesteld PIP, a beschikking, a verlenging and a brief never change (database
triggers), so they are made in their final state and never saved twice. Their PDF is
"test.pdf", no file; `met_bestand=True` stores a stand-in. A rendered PDF comes from
the services: `pip_vaststellen`, `zaak_tot_boete` (in `diensten`).

    PipFactory(inburgeraar=d)                     # a concept with complete content
    PipFactory(inburgeraar=d, vastgesteld=True)   # vastgesteld on `dagtekening`
    BeschikkingFactory(pip__inburgeraar=d)        # a vastgesteld PIP's beschikking
    InburgeringstermijnFactory(inburgeraar=d)     # first beschikking and the 3 years
    BezwaarFactory(beschikking=b, beslist=True)   # ongegrond verklaard
    OntzorgingFactory(inburgeraar=d)              # 6 months from the bijstand start
    OntzorgingFactory(..., verlengd=True)         # maatwerk beyond the regular end
    OntzorgingFactory(..., bijstand_beeindigd=True)  # ended early with the bijstand
    HandhavingszaakFactory(inburgeraar=d)         # overtreding vastgelegd
    HandhavingszaakFactory(..., gewaarschuwd=True)   # schriftelijk gewaarschuwd
    HandhavingszaakFactory(..., met_rapport=True) # rapport made, zienswijze awaited
    HandhavingszaakFactory(..., zienswijze_ontvangen=True)  # ... and received
    HandhavingszaakFactory(..., boete=True)       # besluit: a fine
    HandhavingszaakFactory(..., afgezien=True)    # besluit: no fine
    BriefFactory(boetebeschikking=True)          # a fine's boetebeschikking
    BezwaarFactory(beschikking=None, boetebeschikking=brief)  # bezwaar against it

One module a part: `basis` (Dutch time, the stored-PDF columns), `pip`, `ontzorgen`,
`handhaving`, and `diensten` (through the services); import from the package.
"""

from tests.factories.pip_plans.basis import (
    AMSTERDAM,
    DocumentFactory,
    met_bestand,
    middag,
)
from tests.factories.pip_plans.diensten import (
    concept_vaststellen,
    pip_vaststellen,
    vaste_lasten_invullen,
    zaak_tot_boete,
)
from tests.factories.pip_plans.handhaving import (
    BriefFactory,
    HandhavingszaakFactory,
    MaatregelFactory,
)
from tests.factories.pip_plans.ontzorgen import (
    BetalingFactory,
    OntzorgingFactory,
    VasteLastFactory,
)
from tests.factories.pip_plans.pip import (
    BeschikkingFactory,
    BezwaarFactory,
    InburgeringstermijnFactory,
    InkomendeVerhuizingFactory,
    PipFactory,
    VerlengingFactory,
    complete_pip_data,
)

__all__ = [
    "AMSTERDAM",
    "BeschikkingFactory",
    "BetalingFactory",
    "BezwaarFactory",
    "BriefFactory",
    "DocumentFactory",
    "HandhavingszaakFactory",
    "InburgeringstermijnFactory",
    "InkomendeVerhuizingFactory",
    "MaatregelFactory",
    "OntzorgingFactory",
    "PipFactory",
    "VasteLastFactory",
    "VerlengingFactory",
    "complete_pip_data",
    "concept_vaststellen",
    "met_bestand",
    "middag",
    "pip_vaststellen",
    "vaste_lasten_invullen",
    "zaak_tot_boete",
]
