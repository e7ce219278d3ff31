"""Importing a CSV file of DUO signals (the file format is in docs/import-formats.md).

The whole file is one transaction; each line gets an outcome. A line that is
refused changes nothing. A signal id that was processed before changes nothing
(the import is idempotent). A correctie either corrects the fields it carries or,
when it carries none, reverses what the signal it names did.

regels.py checks one line; verwerken.py applies the file to the dossiers.
"""

from .regels import COLUMNS
from .verwerken import duo_signalen_importeren

__all__ = ["COLUMNS", "duo_signalen_importeren"]
