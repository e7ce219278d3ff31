"""Financieel ontzorgen (DOMAIN.md §5): the period, the fixed costs, the payments
RSD makes, the course "omgaan met geld" and the ontzorgingsbeschikking.

Legal basis: Participatiewet art. 56a [S: Schulinck, "Ontzorgen van
inburgeringsplichtige asielstatushouders met recht op bijstand"], for holders of an
asylum permit (a nareiziger's derived one included; not a family member with a
regular permit: rules.ontzorgen_weigering, DOMAIN.md §13.5). Ontzorgen lasts
`ontzorgen_maanden` (a dated parameter, 6 by default: the 56a period) from the date
the right to bijstand starts, ends earlier when the bijstand ends, and lasts longer
only as maatwerk on another basis (Ontzorging.andere_grondslag) with a reason.

The package, by part:

- rules.py: the pure rules (no ORM, no clock: the caller passes `vandaag`);
- betalingsoverzicht.py: due against paid, per month and per fixed cost (pure);
- services.py: the period, the machtiging, the course, the zelfredzaamheid and the
  ontzorgingsbeschikking;
- vaste_lasten.py: the fixed costs and the payments RSD records for them.

The services are keyword-only, one transaction each, with a timeline entry and a
verwerkingenlog row per change and ValidationError (Dutch) for what the user can fix.
"""
