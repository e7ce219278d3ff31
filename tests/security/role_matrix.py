"""AC-02: the role × URL matrix. Review changes to this table like code.

One row per URL pattern of the project (tests/urlwalk.all_urls(): the row's key is the
URL name, or the route for the few unnamed admin patterns), one column per persona.
A URL that takes an object gets the object of the persona's own side: a Zevenaar
dossier assigned to `cr` and `km` (tests/security/conftest.py, `scenario.eigen`),
with everything hanging off it.

Columns (personas, tests/security/conftest.py):
    cr          casusregisseur of Zevenaar (the dossier's own gemeente)
    cr_ander    casusregisseur of Duiven (another gemeente)
    km          RSD klantmanager of the dossier (their own client)
    km_ander    another RSD klantmanager
    bm          beleidsmedewerker of Zevenaar
    fb          functioneel beheerder of Zevenaar
    inactief    a functioneel beheerder logged in (both factors), then deactivated
    zonder_2fa  a functioneel beheerder with a password but no second factor (no
                authenticator app set up yet)

Cells: an HTTP status, a `Redirect` (302 to that URL; only its path is compared), or
HANDLED (a POST the view accepted and answered: 200, 204, 400 with the form's
errors, or a 302 within the application; not a refusal).

MATRIX holds the GET of every URL. POST_MATRIX holds the POST (with an empty body)
of every URL that refuses a GET with 405 to somebody: the action itself; and the
POST of a page that takes an upload too (the Documenten tab), whose GET is a page.
"""

from typing import NamedTuple


class Redirect(NamedTuple):
    """302 to the URL named `name` (reversed with the object `kind`, if given) or to
    the literal path `name` when it starts with '/'."""

    name: str
    kind: str | None = None


class Handled(NamedTuple):
    """A POST the view handled rather than refused."""


HANDLED = Handled()


class Row(NamedTuple):
    cr: object
    cr_ander: object
    km: object
    km_ander: object
    bm: object
    fb: object
    inactief: object
    zonder_2fa: object


PERSONAS = Row._fields

# Where the refused go.
L = Redirect("login")  # no valid session (inactive user): our login page
T = Redirect("tweestaps:instellen")  # password only, no authenticator app yet
A = Redirect("/beheer/login/")  # the admin's login URL (which redirects to ours)
H = HANDLED

# fmt: off
#                        cr    cr_ander km    km_ander bm    fb    inactief zonder_2fa
PUBLIC           = Row(200,  200,     200,  200,     200,  200,  200,     200)
# The casusregisseur's pages and lists (DOSSIER_ROLES: casusregisseur, functioneel
# beheer), an object of the own gemeente: another gemeente gets 404, other roles 403.
DOSSIER_LIST     = Row(200,  200,     403,  403,     403,  200,  L,       T)
DOSSIER_PAGE     = Row(200,  404,     403,  403,     403,  200,  L,       T)
# Their POST-only actions: the role check comes before require_POST, the object
# lookup after it (so another gemeente sees 405 on GET and 404 on POST).
DOSSIER_ACTION   = Row(405,  405,     403,  403,     403,  405,  L,       T)
DOSSIER_ACTION_P = Row(H,    404,     403,  403,     403,  H,    L,       T)
DOSSIER_LIST_P   = Row(H,    H,       403,  403,     403,  H,    L,       T)
# Handhaving (dossierrol_vereist): anybody without a dossier role gets 404, not 403.
HANDHAVING_PAGE  = Row(200,  404,     404,  404,     404,  200,  L,       T)
HANDHAVING_ACT   = Row(405,  405,     404,  404,     404,  405,  L,       T)
HANDHAVING_ACT_P = Row(H,    404,     404,  404,     404,  H,    L,       T)
# The RSD klantmanager's own pages (RSD_ROLES) of their own client.
RSD_LIST         = Row(403,  403,     200,  200,     403,  403,  L,       T)
RSD_PAGE         = Row(403,  403,     200,  404,     403,  403,  L,       T)
RSD_ACTION       = Row(403,  403,     405,  405,     403,  403,  L,       T)
RSD_ACTION_P     = Row(403,  403,     H,    404,     403,  403,  L,       T)
# Aggregates: dashboard and kwartaalrapporten (MONITORING_ROLES).
MONITORING       = Row(403,  403,     403,  403,     200,  200,  L,       T)
MONITORING_ACT   = Row(403,  403,     403,  403,     405,  405,  L,       T)
MONITORING_ACT_P = Row(403,  403,     403,  403,     H,    H,    L,       T)
# Ketenoverleg (KETEN_ROLES: casusregisseur, beleid, beheer), per gemeente.
KETEN_LIST       = Row(200,  200,     403,  403,     200,  200,  L,       T)
KETEN_OBJECT     = Row(200,  404,     403,  403,     200,  200,  L,       T)
# Verwerkingenlog: functioneel beheer only.
VERWERKINGENLOG  = Row(403,  403,     403,  403,     403,  200,  L,       T)
# Letter texts (BRIEFTEKST_ROLES: functioneel beheer only), of the own gemeenten:
# the role check comes first (403), then the method (405 on GET of an action),
# then the lookup (another gemeente's text: 404, tests/security/test_ac03_idor.py).
BRIEFTEKST       = Row(403,  403,     403,  403,     403,  200,  L,       T)
BRIEFTEKST_ACT   = Row(403,  403,     403,  403,     403,  405,  L,       T)
# The Django admin: the site's own views (the admin redirects to its login itself,
# also for an inactive user) ...
ADMIN_SITE       = Row(A,    A,       A,    A,       A,    200,  A,       T)
# ... and the views of a model (LoginRequiredMiddleware sends the inactive user to
# our login). `admin_row()` fills in the functioneel beheerder's column.
ADMIN_MODEL      = Row(A,    A,       A,    A,       A,    None, L,       T)
# fmt: on


def _home(cr, km, bm):
    return Row(cr, cr, km, km, bm, cr, L, T)


WERKVOORRAAD = Redirect("monitoring:werkvoorraad")
RSD_KLANTEN = Redirect("intake:rsd_klanten")
DASHBOARD = Redirect("monitoring:dashboard")
HOME = Redirect("home")
# A form of a completed brede intake, or of a vastgesteld PIP, sends back to its
# overview (the scenario's intake is afgerond, its PIP vastgesteld).
INTAKE_GESLOTEN = DOSSIER_PAGE._replace(
    cr=Redirect("intake:brede_intake", "dossier"),
    fb=Redirect("intake:brede_intake", "dossier"),
)
PIP_GESLOTEN = DOSSIER_PAGE._replace(
    cr=Redirect("pip_plans:pip", "dossier"), fb=Redirect("pip_plans:pip", "dossier")
)

MATRIX: dict[str, Row] = {
    # --- Project and authentication --------------------------------------------------
    "home": _home(WERKVOORRAAD, RSD_KLANTEN, DASHBOARD),
    "login": Row(HOME, HOME, HOME, HOME, HOME, HOME, 200, HOME),
    "logout": Row(405, 405, 405, 405, 405, 405, 405, 405),
    "health": PUBLIC,
    "toegankelijkheid": PUBLIC,
    # The second-factor steps: a verified user has nothing to enter or set up.
    "tweestaps:controleren": Row(HOME, HOME, HOME, HOME, HOME, HOME, L, T),
    "tweestaps:instellen": Row(*[Redirect("tweestaps:reservecodes")] * 6, L, 200),
    "tweestaps:reservecodes": Row(200, 200, 200, 200, 200, 200, L, T),
    "sessie_verlengen": Row(405, 405, 405, 405, 405, 405, L, T),
    # --- intake -------------------------------------------------------------------------
    "monitoring:werkvoorraad": DOSSIER_LIST,
    "monitoring:toewijzen": DOSSIER_ACTION,
    "monitoring:werkvoorraad_export": DOSSIER_LIST,
    # Letters in bulk from the werkvoorraad's selection, and the bundle made: only
    # who sees every letter in it (another gemeente: 404).
    "monitoring:brieven_maken": DOSSIER_LIST,
    "monitoring:brievenbundel": DOSSIER_PAGE,
    "monitoring:brievenbundel_pdf": DOSSIER_PAGE,
    "intake:dossier_aanmaken": DOSSIER_LIST,
    "monitoring:dossier": DOSSIER_PAGE,
    "intake:dossier_wijzigen": DOSSIER_PAGE,
    "monitoring:notitie_toevoegen": DOSSIER_ACTION,
    "monitoring:huishoudlid_toevoegen": DOSSIER_ACTION,
    "monitoring:huishouden_koppelen": DOSSIER_ACTION,
    "monitoring:status_vastleggen": DOSSIER_ACTION,
    # The overdracht after a verhuizing: made by the dossier roles only.
    "monitoring:overdracht": DOSSIER_ACTION,
    "intake:duo_import": DOSSIER_LIST,
    # An import is seen by its uploader (cr) and functioneel beheer of the gemeente.
    "intake:duo_import_resultaat": DOSSIER_PAGE,
    "intake:rsd_klanten": RSD_LIST,
    "leerroutes:rsd_klant": RSD_PAGE,
    "intake:brede_intake": DOSSIER_PAGE,
    "intake:intake_wijzigen": INTAKE_GESLOTEN,
    "intake:intake_gezondheid": INTAKE_GESLOTEN,
    "intake:intake_onderdelen": INTAKE_GESLOTEN,
    "intake:intake_gesprek_toevoegen": INTAKE_GESLOTEN,
    "intake:intake_werkervaring_toevoegen": INTAKE_GESLOTEN,
    "intake:intake_werkervaring_verwijderen": DOSSIER_ACTION,
    "intake:intake_afronden": DOSSIER_ACTION,
    "intake:intake_heropenen": DOSSIER_ACTION,
    # A document on the dossier (issue 20): the dossier roles of its dossier, and the
    # RSD klantmanager of their own client's diploma (the scenario's `document`; the
    # health kinds are refused to them: test_ac04_every_page.py). The download is
    # GET only; the upload is the POST of the Documenten tab.
    "intake:document": Row(200, 404, 200, 404, 403, 200, L, T),
    # --- pip_plans: PIP, beschikking, bezwaar, termijn, letters ------------------------
    "pip_plans:pip": DOSSIER_PAGE,
    "pip_plans:pip_opstellen": DOSSIER_ACTION,
    # Routed by leerroutes (same paths): these change the route too (issue 15).
    "leerroutes:pip_wijziging_starten": DOSSIER_ACTION,
    "pip_plans:uitstel": DOSSIER_ACTION,
    # The Documenten tab: the list (GET) and the upload (a POST to the same URL:
    # see POST_MATRIX).
    "pip_plans:documenten": DOSSIER_PAGE,
    "leerroutes:pip_bewerken": PIP_GESLOTEN,
    "pip_plans:beschikking": DOSSIER_PAGE,
    "pip_plans:beschikking_pdf": DOSSIER_PAGE,
    "pip_plans:bezwaar_registreren": DOSSIER_ACTION,
    "pip_plans:bezwaar_beslissen": DOSSIER_ACTION,
    "pip_plans:bezwaar_termijn": DOSSIER_ACTION,
    "pip_plans:bezwaar_verdagen": DOSSIER_ACTION,
    "pip_plans:verlenging": DOSSIER_LIST,
    "pip_plans:inkomende_verhuizing": DOSSIER_ACTION,
    # The ontzorgingsbeschikking: the RSD klantmanager may download it for their own
    # client (the handhaving letters not: tests/security/test_ac08_documents.py).
    "pip_plans:brief_pdf": Row(200, 404, 200, 404, 403, 200, L, T),
    # --- pip_plans: letter texts (issue 20 item 2) -------------------------------------
    # The world's `brieftekst` is a concept of the own gemeente (wereld.py).
    "pip_plans:briefteksten": BRIEFTEKST,
    "pip_plans:brieftekst_openen": BRIEFTEKST_ACT,
    # The concept's editor (GET) and its save (a POST to the same URL: POST_MATRIX).
    "pip_plans:brieftekst": BRIEFTEKST,
    # The voorbeeld PDF: a POST, as it records that it was seen.
    "pip_plans:brieftekst_voorbeeld": BRIEFTEKST_ACT,
    "pip_plans:brieftekst_publiceren": BRIEFTEKST_ACT,
    "pip_plans:brieftekst_weggooien": BRIEFTEKST_ACT,
    # --- pip_plans: ontzorgen ------------------------------------------------------------
    "pip_plans:ontzorgen": DOSSIER_PAGE,
    "pip_plans:ontzorgen_starten": DOSSIER_ACTION,
    "pip_plans:ontzorgen_periode": DOSSIER_ACTION,
    "pip_plans:ontzorgen_machtiging": DOSSIER_ACTION,
    "pip_plans:ontzorgen_cursus": DOSSIER_ACTION,
    "pip_plans:ontzorgen_zelfredzaamheid": DOSSIER_ACTION,
    "pip_plans:ontzorgen_last_toevoegen": DOSSIER_ACTION,
    "pip_plans:ontzorgen_beschikking": DOSSIER_ACTION,
    "pip_plans:ontzorgen_voorbeeld": DOSSIER_ACTION,
    "pip_plans:ontzorgen_last_wijzigen": DOSSIER_ACTION,
    "pip_plans:ontzorgen_last_verwijderen": DOSSIER_ACTION,
    "pip_plans:rsd_ontzorgen": RSD_PAGE,
    "pip_plans:rsd_ontzorgen_betaling": RSD_ACTION,
    "pip_plans:rsd_ontzorgen_machtiging": RSD_ACTION,
    "pip_plans:rsd_ontzorgen_last_toevoegen": RSD_ACTION,
    "pip_plans:rsd_ontzorgen_last_wijzigen": RSD_ACTION,
    # --- pip_plans: handhaving -----------------------------------------------------------
    "pip_plans:handhaving": HANDHAVING_PAGE,
    "pip_plans:handhaving_aanmaken": HANDHAVING_ACT,
    "pip_plans:handhavingszaak": HANDHAVING_PAGE,
    "pip_plans:handhaving_waarschuwing": HANDHAVING_ACT,
    "pip_plans:handhaving_rapport": HANDHAVING_ACT,
    "pip_plans:handhaving_zienswijze": HANDHAVING_ACT,
    "pip_plans:handhaving_besluit": HANDHAVING_ACT,
    "pip_plans:handhaving_besluit_voorbeeld": HANDHAVING_ACT,
    "pip_plans:handhaving_bezwaar": HANDHAVING_ACT,
    "pip_plans:rsd_maatregelen": RSD_PAGE,
    "pip_plans:rsd_maatregel_vastleggen": RSD_ACTION,
    # --- leerroutes ----------------------------------------------------------------------
    "leerroutes:route": DOSSIER_PAGE,
    "leerroutes:toewijzen": DOSSIER_ACTION,
    "leerroutes:uren": DOSSIER_ACTION,
    "leerroutes:voortgang": DOSSIER_ACTION,
    "leerroutes:examen": DOSSIER_ACTION,
    "leerroutes:afronding": DOSSIER_ACTION,
    "leerroutes:participatie": DOSSIER_PAGE,
    "leerroutes:activiteit_toevoegen": DOSSIER_ACTION,
    "leerroutes:activiteit_beeindigen": DOSSIER_ACTION,
    "leerroutes:verwijzing_toevoegen": DOSSIER_ACTION,
    "leerroutes:verwijzing_bijwerken": DOSSIER_ACTION,
    "leerroutes:begeleiding_toevoegen": DOSSIER_ACTION,
    "leerroutes:gesprek_plannen": DOSSIER_ACTION,
    "leerroutes:gesprek_vastleggen": DOSSIER_ACTION,
    "leerroutes:uren_import": DOSSIER_LIST,
    "leerroutes:uren_import_resultaat": DOSSIER_PAGE,
    "leerroutes:rsd_route": RSD_PAGE,
    "leerroutes:rsd_activiteit_toevoegen": RSD_ACTION,
    "leerroutes:rsd_activiteit_beeindigen": RSD_ACTION,
    # --- monitoring ----------------------------------------------------------------------
    # The digest preferences: everybody who gets a digest (DIGEST_ROLES), RSD too.
    "monitoring:voorkeuren": Row(200, 200, 200, 200, 403, 200, L, T),
    "monitoring:signaal_uitstellen": DOSSIER_ACTION,
    # The Team page: a dossier role that is a gemeente's teamleider (nobody in the
    # scenario is; tests/monitoring/test_te_doen.py covers the teamleider).
    "monitoring:team": Row(404, 404, 403, 403, 403, 404, L, T),
    "monitoring:ketenoverleggen": KETEN_LIST,
    "monitoring:ketenoverleg_nieuw": KETEN_LIST,
    "monitoring:ketenoverleg_wijzigen": KETEN_OBJECT,
    "monitoring:dashboard": MONITORING,
    "monitoring:kwartaalrapporten": MONITORING,
    "monitoring:kwartaalrapport_aanvragen": MONITORING_ACT,
    "monitoring:kwartaalrapport_status": MONITORING,
    "monitoring:kwartaalrapport_pdf": MONITORING,
    "monitoring:kwartaalrapport_csv": MONITORING,
    # --- verwerkingenlog -----------------------------------------------------------------
    "verwerkingen:zoeken": VERWERKINGENLOG,
    "verwerkingen:export": VERWERKINGENLOG,
    # --- Django admin: the site ----------------------------------------------------------
    # The admin's own login URL is shadowed by a redirect to ours (urls.py); a
    # logged-in user the admin sent there is refused (a redirect would loop).
    "beheer/login/": Row(*[403] * 6, L, 403),
    "admin:login": Row(*[403] * 6, L, 403),
    "admin:index": ADMIN_SITE,
    # Django's admin sends a logged-in non-staff user from its logout to its index.
    "admin:logout": Row(*[Redirect("admin:index")] * 5, 405, A, T),
    "admin:password_change": ADMIN_SITE,
    "admin:password_change_done": ADMIN_SITE,
    "admin:autocomplete": ADMIN_SITE._replace(fb=403),  # no parameters given
    "admin:jsi18n": ADMIN_SITE,
    # "View on site" of a dossier: Inburgeraar has no get_absolute_url.
    "admin:view_on_site": ADMIN_SITE._replace(fb=404),
    "admin:app_list": ADMIN_SITE,  # /beheer/accounts/
    "beheer/(?P<url>.*)$": ADMIN_SITE._replace(fb=404),  # /beheer/x
}

# --- Django admin: the models --------------------------------------------------------
# What the functioneel beheerder may do with each admin model (RolePermissionBackend
# and the ModelAdmins' own has_*_permission). Every other persona: ADMIN_MODEL.
FULL = {"changelist": 200, "add": 200, "history": 200, "delete": 200, "change": 200}
VIEW = {"changelist": 200, "add": 403, "history": 200, "delete": 403, "change": 200}
# Failed logins (django-axes): view and delete (to unblock), not add.
VIEW_DELETE = {**VIEW, "delete": 200}
NONE = {"changelist": 403, "add": 403, "history": 403, "delete": 403, "change": 403}

ADMIN_MODELS = {
    "auth.group": VIEW,
    "accounts.gemeente": FULL,
    "accounts.user": FULL,
    "accounts.beveiligingsgebeurtenis": VIEW,  # append-only security log
    "verwerkingen.verwerkingsactiviteit": VIEW,
    "parameters.parameter": FULL,
    "intake.intakeonderdeelsoort": FULL,
    "leerroutes.organisatie": FULL,
    "leerroutes.contract": FULL,
    "axes.accessattempt": VIEW_DELETE,
    # the logs of logins and failures are evidence: read-only
    "axes.accesslog": VIEW,
    "axes.accessfailurelog": VIEW,
    # The authenticator apps and backup codes: their admin shows the secret.
    "otp_totp.totpdevice": NONE,
    "otp_static.staticdevice": NONE,
    # Person data (signals name inburgeraars) and monitoring: not for beheer in the
    # admin. NB: Uitvoeringskosten says "functioneel beheer records" them here, but
    # RolePermissionBackend grants no monitoring permission (see the AC-02 report).
    "monitoring.signaal": NONE,
    "monitoring.signaalvoorkeur": NONE,
    "monitoring.uitvoeringskosten": FULL,  # realised costs for the kwartaalrapport
}
# Extra admin views of a model: (model, view name) -> the beheerder's status.
ADMIN_EXTRA_VIEWS = {
    ("accounts.user", "auth_user_password_change"): 200,
    ("otp_totp.totpdevice", "otp_totp_totpdevice_config"): 403,
    ("otp_totp.totpdevice", "otp_totp_totpdevice_qrcode"): 403,
}


def admin_row(fb) -> Row:
    return ADMIN_MODEL._replace(fb=fb)


for _label, _rights in ADMIN_MODELS.items():
    _app, _model = _label.split(".")
    for _action, _status in _rights.items():
        MATRIX[f"admin:{_app}_{_model}_{_action}"] = admin_row(_status)
    # The bare object URL redirects to the change page (before any permission check).
    MATRIX[f"beheer/{_app}/{_model}/<path:object_id>/"] = admin_row(
        Redirect(f"admin:{_app}_{_model}_change", f"admin:{_label}")
    )
for (_label, _name), _status in ADMIN_EXTRA_VIEWS.items():
    MATRIX[f"admin:{_name}"] = admin_row(_status)


POST_MATRIX: dict[str, Row] = {
    # The POST of every URL that refuses GET (405) to somebody, with an empty body.
    "logout": Row(*[Redirect("login")] * 8),
    "sessie_verlengen": Row(204, 204, 204, 204, 204, 204, L, T),
    "admin:logout": Row(*[Redirect("admin:index")] * 5, Redirect("login"), A, T),
    # Bulk reassignment of the werkvoorraad: no object in the URL.
    "monitoring:toewijzen": DOSSIER_LIST_P,
    "monitoring:kwartaalrapport_aanvragen": MONITORING_ACT_P,
    # The upload on the Documenten tab (issue 20): the page's own URL, so the role
    # check and the dossier lookup both come before the form (an empty upload is
    # a 400 with the form's errors: handled).
    "pip_plans:documenten": DOSSIER_ACTION_P,
    # Letter texts, as the functioneel beheerder with an empty body: opening names
    # no gemeente of theirs and no kind of letter (404); saving the world's concept
    # and publishing it are 400 with the form's errors; throwing it away is refused
    # by the lock (no `gewijzigd_op`) and sends back to the concept with a message;
    # the voorbeeld needs nothing but the concept: the PDF (200).
    "pip_plans:brieftekst_openen": BRIEFTEKST_ACT._replace(fb=404),
    "pip_plans:brieftekst_voorbeeld": BRIEFTEKST_ACT._replace(fb=200),
    "pip_plans:brieftekst": BRIEFTEKST_ACT._replace(fb=400),
    "pip_plans:brieftekst_publiceren": BRIEFTEKST_ACT._replace(fb=400),
    "pip_plans:brieftekst_weggooien": BRIEFTEKST_ACT._replace(
        fb=Redirect("pip_plans:brieftekst", "brieftekst")
    ),
}
for _name, _row in MATRIX.items():
    if _row == DOSSIER_ACTION and _name not in POST_MATRIX:
        POST_MATRIX[_name] = DOSSIER_ACTION_P
    elif _row == HANDHAVING_ACT:
        POST_MATRIX[_name] = HANDHAVING_ACT_P
    elif _row == RSD_ACTION:
        POST_MATRIX[_name] = RSD_ACTION_P
