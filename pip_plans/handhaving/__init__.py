"""Handhaving (DOMAIN.md §7): the college's bestuurlijke boete for an overtreding of a
Wet inburgering 2021 obligation, and its samenloop with a Participatiewet maatregel
that RSD records.

The steps of a handhavingszaak, each a service in services.py, none automatic:

1. handhavingszaak_aanmaken: the overtreding, its date (not in the future), the facts;
2. waarschuwing_versturen (optional): a written warning, a letter PDF;
3. rapport_opmaken: before any fine (the college's maximum of € 800 exceeds the
   € 340 of Awb art. 5:53) a rapport naming the overtreden voorschrift, date and
   place (5:48), with the cautie recorded for a verhoor (5:10a); the voornemen with
   the invitation to a zienswijze and a copy of the rapport go out as letters with
   their verzenddatum; the decision is due 13 weeks after the rapport (5:51);
4. zienswijze_vastleggen: the inburgeraar's response, in writing or orally, or that
   none came;
5. besluit_nemen: by another official than the rapport's (10:3 lid 4), within the
   verval term (5:45): a fine (≤ the dated maximum, only with a verwijtbaarheid
   judgement, 5:41; the amount reasoned, 5:46; an asielstatushouder only as an
   exceptional case; fines can be switched off per doelgroep) with the
   boetebeschikking PDF, or afzien with a reason;
6. bezwaar: pip_plans.services.bezwaar, the same for a PIP beschikking.

No second zaak on the same facts (5:43); no zaak for a Wi2013 dossier (DOMAIN §13.5).

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
