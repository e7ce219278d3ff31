"""The demo region: made-up but realistic data for demonstrations (see
`python manage.py demo_region`)."""
