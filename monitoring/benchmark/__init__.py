"""Seed many realistic dossiers fast, for `manage.py benchmark` and the query-count
tests (tests/monitoring/test_query_counts.py).

`seed.seed(n)` adds n dossiers spread over Zevenaar, Duiven and Westervoort, each with
what its age makes likely: the brede intake, PIP versions (vastgesteld ones with
their beschikking and the termijn), trajecten at a contracted aanbieder with their
onderdelen and monthly hours, exams, participation, afronding, the routestand, and
for some ontzorgen, handhaving, bezwaar and a DUO verlenging. Everything is written
with bulk_create in batches: no save(), no signals, no services, no PDFs (a
beschikking names a PDF that is not stored). Rows are made in their final state,
since the database refuses any change to a vastgesteld PIP.

The data is deterministic and additive: a second call continues the numbering, so
`seed(50)` then `seed(950)` gives the same 1,000 dossiers as `seed(1000)` would give
in the first 50 and a further 950. Seeded dossiers are recognised by their BSN
(200000000-299999999, valid under the elfproef). Reference data (staff, the
taalaanbieders and their contracts, ketenoverleggen, uitvoeringskosten) is made once,
whatever n is, so query counts of the reports compare like with like.

Dates count back from today: a plicht started in 2022 is far along, one started
last month has at most an intake.

The parts: `data` (the fixed data and the BSNs), `referentie` (made once), `rijen`
(one chunk's rows, written in bulk) and the builder of one dossier, `dossier.Bouwer`,
which builds on `route.RouteBouwer` (the route after the PIP) and `pip.PipBouwer`
(the helpers, intake, PIP and what pip_plans adds).
"""
