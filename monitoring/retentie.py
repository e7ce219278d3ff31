"""Retention (SECURITY RL-10) of the monitoring app's models: what the nightly job
(`intake/anonimiseren.py`) does with a dossier past its bewaartermijn.

A closed dossier's signals are resolved; the snooze and its reason go. The signal's
kind, dates and the object it was about stay for the record of what was signalled.
"""

from zevenaar_inburgering.bewaartermijn import Wissen

from .models import Signaal

REGELS = [
    Wissen(Signaal, "inburgeraar", {"gesnoozed_tot": None, "snooze_reden": ""}),
]
