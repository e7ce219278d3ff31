"""The tests' shared vocabulary: a factory_boy factory per model, its domain states
as traits, one module per app (`accounts`, `intake`, `pip_plans`, `leerroutes`,
`monitoring`), and `dossier.volledig_dossier()`, one complete dossier built from
them. Import from the module of the app: `from tests.factories.pip_plans import
PipFactory`.

Factories make rows directly, in the state a trait names (`PipFactory(vastgesteld=
True)`, `HandhavingszaakFactory(boete=True)`), with dates that agree with each other
and with the rules; where a test needs what a service does besides (a rendered PDF,
the timeline, the verwerkingenlog), the helpers next to the factories call the
service (`pip_vaststellen`, `zaak_tot_boete`).
"""
