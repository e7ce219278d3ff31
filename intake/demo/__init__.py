"""The demo region: made-up but realistic data for demonstrations (see
`python manage.py demo_region`).

Each app adds its own part in its own `demo` package, and the command collects them
with `per_app("demo")` in INSTALLED_APPS order, so a part may build on the parts of
the apps below it. The agreed function is

    vul_aan(*, stdout, vandaag: date, dossiers: int) -> None

which adds the app's part (or writes that it is already there: a second run adds
nothing). `vandaag` is the one day the whole region counts from; `dossiers` is the
size asked for, which only intake's part uses: the other parts scale with
`regio.op_schaal`, from the demo dossiers in the database.

Intake's part: the gemeenten and staff, and the dossiers with their households,
notes and timeline (`huishoudens.RegionBuilder`).
"""

from datetime import date

from .huishoudens import RegionBuilder
from .medewerkers import ensure_gemeenten, ensure_staff
from .regio import demo_dossiers


def vul_aan(*, stdout, vandaag: date, dossiers: int) -> None:
    gemeenten = ensure_gemeenten()
    staff = ensure_staff(gemeenten)
    existing = demo_dossiers().count()
    if existing:
        stdout.write(
            f"De demoregio bestaat al ({existing} demodossiers); er zijn geen "
            "dossiers toegevoegd."
        )
        return
    builder = RegionBuilder(
        today=vandaag, gemeenten=gemeenten, staff=staff, dossiers=dossiers
    )
    builder.build()
    builder.save()
    stdout.write("Demoregio aangemaakt.")
