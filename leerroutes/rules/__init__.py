"""Pure rules of the leerroutes, by part:

- waarden.py: the values they share (onderdelen, exam onderdelen, levels, kinds of
  activity) and the helpers that write their Dutch sentences;
- uren.py: attended hours, afschalen, the Z-route's hours, the PVT minimum;
- voldaan.py: whether the inburgeringsplicht is fulfilled, and since when;
- participatie.py: duurzaam werk and meedoen;
- koers.py: on-track, and when a voortgangsgesprek is "te doen".

No ORM and no clock: callers map their models onto the small frozen dataclasses
(`UrenStand`, `Examen`, `Activiteit`) and pass today in. Each rule names its
legal source; [V] verified, [S] seen only in a secondary text, [U] unconfirmed
and therefore an argument or local policy (DOMAIN.md §4, §6, §8 and "Validation
rules"). Thresholds that the law or policy sets and that may change are arguments;
the callers take them from the dated parameters.
"""
