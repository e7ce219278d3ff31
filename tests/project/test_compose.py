"""docker-compose.yml and the Dockerfile, checked by reading them (no Docker engine here)."""

import re
import shlex
from pathlib import Path
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parents[2]
APP_SERVICES = ("web", "worker", "beat")


def _compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def _services() -> dict:
    return _compose()["services"]


def _interpolate(value: str) -> str:
    """Resolve Compose's ${VAR:-default} / ${VAR-default} to the default."""
    return re.sub(r"\$\{[A-Za-z_][A-Za-z0-9_]*:?-([^}]*)\}", r"\1", value)


def _command(service: dict) -> list[str]:
    command = service["command"]
    words = shlex.split(command) if isinstance(command, str) else list(command)
    if words[:2] == ["sh", "-c"]:
        words = words[:2] + shlex.split(words[2])
    return words


def _environment(service: dict) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return {key: _interpolate(str(value)) for key, value in env.items()}


def _dockerfile() -> str:
    return (ROOT / "Dockerfile").read_text(encoding="utf-8")


def test_compose_has_exactly_the_five_services():
    assert set(_services()) == {"db", "redis", "web", "worker", "beat"}


def test_web_worker_and_beat_build_from_the_same_dockerfile():
    builds = []
    for name in APP_SERVICES:
        build = _services()[name]["build"]
        if isinstance(build, str):
            build = {"context": build}
        builds.append((build["context"], build.get("dockerfile", "Dockerfile")))
    assert builds == [(".", "Dockerfile")] * 3
    assert (ROOT / "Dockerfile").is_file()


def test_web_migrates_and_then_serves_the_wsgi_app_with_gunicorn():
    words = _command(_services()["web"])
    assert "gunicorn" in words
    assert "zevenaar_inburgering.wsgi" in words
    assert "migrate" in words
    assert words.index("migrate") < words.index("gunicorn")


def test_worker_runs_a_celery_worker_of_the_project_app():
    words = _command(_services()["worker"])
    assert words[:3] == ["celery", "-A", "zevenaar_inburgering"]
    assert "worker" in words
    assert "beat" not in words


def test_beat_runs_celery_beat_of_the_project_app_as_exactly_one_replica():
    service = _services()["beat"]
    words = _command(service)
    assert words[:3] == ["celery", "-A", "zevenaar_inburgering"]
    assert "beat" in words
    assert "worker" not in words
    assert service.get("deploy", {}).get("replicas", 1) == 1
    assert "scale" not in service


def test_app_services_reach_postgres_and_redis_by_service_name():
    for name in APP_SERVICES:
        env = _environment(_services()[name])
        database = urlsplit(env["DATABASE_URL"])
        broker = urlsplit(env["CELERY_BROKER_URL"])
        assert database.scheme in {"postgres", "postgresql"}, name
        assert database.hostname == "db", name
        assert broker.scheme == "redis", name
        assert broker.hostname == "redis", name


def test_app_services_wait_for_a_healthy_database():
    assert "healthcheck" in _services()["db"]
    for name in APP_SERVICES:
        depends_on = _services()[name]["depends_on"]
        assert depends_on["db"]["condition"] == "service_healthy", name
        assert "redis" in depends_on, name


def test_db_is_postgres_15_on_a_named_volume():
    compose = _compose()
    db = compose["services"]["db"]
    assert db["image"] == "postgres:15" or db["image"].startswith("postgres:15.")
    volume = db["volumes"][0].split(":")[0]
    assert volume in compose["volumes"]
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])


def test_redis_is_a_broker_that_never_evicts_and_never_saves():
    redis = _services()["redis"]
    assert redis["image"].startswith("redis:7")
    words = _command(redis)
    assert words[words.index("--maxmemory-policy") + 1] == "noeviction"
    assert words[words.index("--save") + 1] == ""


def test_dockerfile_installs_front_end_assets_with_npm_ci_and_uses_no_cdn():
    dockerfile = _dockerfile()
    assert re.search(r"^RUN npm ci\b", dockerfile, re.MULTILINE)
    assert not re.search(r"https?://", dockerfile, re.IGNORECASE)


def test_dockerfile_runs_gunicorn_as_a_non_root_user():
    dockerfile = _dockerfile()
    users = re.findall(r"^USER\s+(\S+)", dockerfile, re.MULTILINE)
    assert users and users[-1] not in {"root", "0"}
    assert "zevenaar_inburgering.wsgi" in dockerfile.split("\nCMD", 1)[1]
    assert "collectstatic" in dockerfile
