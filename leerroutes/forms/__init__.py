"""The forms of leerroutes, by page: route.py, participatie.py (also the RSD route
page's activities) and uren_import.py."""
