"""Every write to a traject, hours, exams, participation and the keten goes through
this package, by part:

- traject.py: assigning a taalaanbieder and closing a traject;
- pip.py: the PIP changes that reach into the route (afschalen, schakelen);
- uren.py: hours entered by hand, and the totals the rules need;
- uren_import.py: an aanbieder's monthly hours from a CSV file;
- voortgang.py: voortgangsrapportages and voortgangsgesprekken;
- voldaan.py: exams, the afronding, and closing the route when it is voldaan;
- participatie.py: participation activities;
- keten.py: referrals to ketenpartners and maatschappelijke begeleiding.

Like the other apps' services: keyword-only, the acting user, one transaction, an
entry on the dossier's timeline and in the verwerkingenlog, and a Dutch
ValidationError for what the user can fix. After each change the person's
Routestand is derived again (leerroutes.routestand).
"""
