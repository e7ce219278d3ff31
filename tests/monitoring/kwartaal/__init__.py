"""The kwartaalrapportage tests: a fixed scenario (scenario/), its figures, the PDF
and the beleidsmedewerker's pages."""
