"""Handhaving (DOMAIN.md §7): the college's bestuurlijke boete for an overtreding of a
Wet inburgering 2021 obligation, and its samenloop with a Participatiewet maatregel
that RSD records.

The steps of a handhavingszaak, each a service in services.py, none automatic:

1. handhavingszaak_aanmaken: the overtreding, its date (not in the future), the facts;
2. waarschuwing_versturen (optional): a written warning, a letter PDF;
3. rapport_opmaken: for an intended fine above `boete_rapport_grens` (€ 340) a rapport
   and a zienswijze term (Awb art. 5:53); the decision is due 13 weeks after the
   rapport (Awb art. 5:51), stored as `beslistermijn`;
4. zienswijze_vastleggen: the inburgeraar's response, or that none came;
5. besluit_nemen: a fine (≤ the dated maximum, only with a verwijtbaarheid judgement,
   Awb art. 5:41; fines can be switched off per doelgroep) with the boetebeschikking
   PDF, or afzien with a reason;
6. boete_bezwaar_registreren / boete_bezwaar_beslissen: bezwaar, 6 weeks (Awb 6:7).

The package, by part:

- rules.py: the pure rules (no ORM, no clock: the caller passes the date and the
  dated parameters);
- selectors.py: the dated parameters on a day and the reads the pages share;
- services.py: the steps above, keyword-only, one transaction each, a timeline entry
  (Gebeurtenis HANDHAVING or MAATREGEL) and a verwerkingenlog row per change,
  optimistic locking on Handhavingszaak.versie, and ValidationError with Dutch
  messages per field for what the user can fix;
- maatregel.py: the Participatiewet maatregel the RSD klantmanager records;
- samenloop.py: a maatregel and a handhavingszaak of the same person close in time.
"""
