"""The deployment files (deploy/) agree with the settings they serve: a limit changed in one place
and not the other fails here rather than on the server."""

import re
from pathlib import Path

from django.conf import settings

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def test_nginx_accepts_the_largest_body_a_page_accepts():
    conf = (DEPLOY / "nginx" / "federation.conf").read_text()
    megabytes = int(re.search(r"client_max_body_size (\d+)m;", conf).group(1))
    largest = max(settings.IMPORT_MAX_BYTES + 1024 * 1024, settings.BODY_MAX_BYTES_SIGNED_IN, settings.BODY_MAX_BYTES)
    assert megabytes * 1024 * 1024 >= largest


def test_nginx_passes_the_address_the_rate_limits_read_and_serves_no_private_file():
    conf = (DEPLOY / "nginx" / "federation.conf").read_text()
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in conf
    assert "proxy_set_header X-Real-IP $remote_addr;" in conf
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in conf
    assert str(settings.MEDIA_URL) not in conf  # uploads are streamed by the portal after a permission check


def test_nginx_waits_longer_than_gunicorn_and_the_units_start_what_the_readme_says():
    namespace: dict = {}
    exec((DEPLOY / "gunicorn.conf.py").read_text(), namespace)
    conf = (DEPLOY / "nginx" / "federation.conf").read_text()
    assert int(re.search(r"proxy_read_timeout (\d+)s;", conf).group(1)) > namespace["timeout"]
    assert 1 <= namespace["workers"] <= 9
    units = {p.name: p.read_text() for p in (DEPLOY / "systemd").iterdir()}
    assert "gunicorn -c deploy/gunicorn.conf.py federation.wsgi" in units["federation-web.service"]
    assert "celery -A federation worker" in units["federation-worker.service"]
    assert "celery -A federation beat" in units["federation-beat.service"]
    assert "manage.py backup" in units["federation-backup.service"]
    for unit in ("federation-web.service", "federation-worker.service", "federation-beat.service"):
        assert "EnvironmentFile=/etc/federation/federation.env" in units[unit]


def test_the_environment_template_names_every_variable_production_requires():
    template = (DEPLOY / "env.example").read_text()
    production = (Path(settings.BASE_DIR) / "federation" / "settings" / "production.py").read_text()
    required = set(re.findall(r'env(?:\.\w+)?\("([A-Z_]+)"\)', production))  # no default: must be set
    assert required and all(re.search(rf"^{name}=", template, re.M) for name in required)
