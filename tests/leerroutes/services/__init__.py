"""The leerroutes services against the real database, one module per part.

Dates: today is whatever the clock says, but the services refuse hours, exams and
signatures in the future. So the first PIP is vastgesteld with a dagtekening in the
past (scenario.DAGTEKENING, 1 March 2026): the termijn then starts on 2 March 2026
and the months of hours after it are behind us, so every hour goes through
uren_vastleggen, the same service a casusregisseur uses, and nothing is written
past its rules.
"""
