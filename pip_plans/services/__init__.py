"""Every write to a PIP, a beschikking, the termijn or a bezwaar goes through this
package: pip.py (the PIP's versions, vaststellen with the beschikking, DUO's
verlenging of the termijn), verhuizing.py (the termijn and leerroute taken over
after an incoming verhuizing) and bezwaar.py (bezwaar against a beschikking).

Each function takes the acting user, runs in one transaction, writes the dossier's
timeline and the verwerkingenlog, and raises ValidationError (Dutch) for what the
user can fix. The services of ontzorgen and handhaving are in their own packages
(pip_plans.ontzorgen, pip_plans.handhaving).
"""
