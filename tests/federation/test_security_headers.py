"""Security headers (issue 15): a Content-Security-Policy that allows scripts from the portal's own
files only — and no template that would need more — on public and staff pages alike."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["services:request_submit", "login", "healthz"])
def test_every_answer_carries_a_policy_without_inline_script(client, name):
    response = client.get(reverse(name))
    policy = response["Content-Security-Policy"]
    script = re.search(r"script-src ([^;]+)", policy).group(1).split()
    assert script == ["'self'"]  # no 'unsafe-inline', no 'unsafe-eval', no other host
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert "camera=()" in response["Permissions-Policy"]


def test_a_staff_page_carries_it_too(staff_client):
    response = staff_client.get(reverse("home"))
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_no_template_has_an_inline_script_or_an_event_handler_attribute():
    offenders = []
    for path in ROOT.glob("**/templates/**/*.html"):
        if ".venv" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        for tag in re.findall(r"<script\b[^>]*>", text):
            if "src=" not in tag and 'type="application/json"' not in tag:
                offenders.append(f"{path.relative_to(ROOT)}: {tag}")
        offenders += [f"{path.relative_to(ROOT)}: {m}" for m in re.findall(r"\son[a-z]+=\"", text)]
    assert not offenders, offenders


def test_the_session_and_csrf_cookies_are_out_of_reach_of_scripts_and_cross_site_posts(client, staff):
    from conftest import TEST_PASSWORD

    response = client.get(reverse("login"))
    csrf = response.cookies["csrftoken"]
    assert csrf["httponly"] and csrf["samesite"] == "Lax"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode()).group(1)
    response = client.post(
        reverse("login"), {"username": staff.username, "password": TEST_PASSWORD, "csrfmiddlewaretoken": token}
    )
    session = response.cookies["sessionid"]
    assert session["httponly"] and session["samesite"] == "Lax"


def test_production_marks_both_cookies_secure_and_sends_hsts():
    import subprocess
    import sys

    code = (
        "import django; from django.conf import settings; django.setup(); "
        "print(settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE, settings.SECURE_HSTS_SECONDS > 0, "
        "settings.SECURE_CONTENT_TYPE_NOSNIFF, settings.SECURE_REFERRER_POLICY)"
    )
    env = {
        "DJANGO_SETTINGS_MODULE": "federation.settings.production",
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "gsl.example.gov.cn",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
        "PATH": "/usr/bin:/bin",
    }
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.stdout.split() == ["True", "True", "True", "True", "same-origin"], done.stderr
