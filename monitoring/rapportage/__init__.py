"""The kwartaalrapportage: its figures (`cijfers.bereken`, one module per report
section) and the making and storing of a report (`rapport`)."""
