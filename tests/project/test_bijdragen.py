from zevenaar_inburgering.bijdragen import per_app


def test_per_app_collects_in_installed_apps_order():
    # Every domain app has a `models` module; django.contrib apps come first.
    namen = [module.__name__ for module in per_app("models")]
    eigen = [
        naam
        for naam in namen
        if naam.split(".")[0] in {"intake", "pip_plans", "leerroutes", "monitoring"}
    ]
    assert eigen == [
        "intake.models",
        "pip_plans.models",
        "leerroutes.models",
        "monitoring.models",
    ]


def test_per_app_skips_apps_without_the_module():
    assert per_app("bestaat_niet_in_enige_app") == []
