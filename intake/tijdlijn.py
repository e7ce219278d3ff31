"""The intake app's kinds of timeline event (`Gebeurtenis.soort`).

Every app registers its own kinds in its own `tijdlijn.py`, as a `GebeurtenisSoort`
(TextChoices); `intake.models.tijdlijn.gebeurtenis_soorten` collects them in
INSTALLED_APPS order as the field's choices, so a new kind needs no migration. A
value is registered once, by the app whose services write it
(tests/project/test_tijdlijn_soorten.py).
"""

from django.db import models


class GebeurtenisSoort(models.TextChoices):
    AANGEMAAKT = "aangemaakt", "Dossier aangemaakt"
    GEWIJZIGD = "gewijzigd", "Dossier gewijzigd"
    NOTITIE = "notitie", "Notitie"
    DUO_SIGNAAL = "duo_signaal", "DUO-signaal verwerkt"
    TOEGEWEZEN = "toegewezen", "Casusregisseur gewijzigd"
    HUISHOUDEN = "huishouden", "Huishouden gewijzigd"
    INTAKE = "intake", "Brede intake"
    GESPREK = "gesprek", "Gesprek"
    STATUS = "status", "Status gewijzigd"
    DOCUMENT = "document", "Document toegevoegd"
