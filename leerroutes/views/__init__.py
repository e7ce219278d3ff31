"""The pages of leerroutes, by part: route.py (the dossier's route page),
participatie.py (participation, keten and voortgangsgesprekken), rsd.py (the RSD
klantmanager's client and route pages), pip.py (the PIP pages that change the
route), uren_import.py (an aanbieder's hours from a CSV file); pagina.py holds what
the route, participation and RSD route pages share."""
