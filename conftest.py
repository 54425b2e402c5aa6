"""Root fixtures: a named user for every role, the browser set-up, and the real Celery worker."""

import os

# Playwright's sync API runs an event loop in the main thread; Django must still allow the ORM.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest
from django.test import Client
from hypothesis import settings as hypothesis_settings

from federation import roles

# Hypothesis everywhere (property and fuzz tests): "ci", the default, draws the same examples on
# every run (derandomize) and keeps no example database, so a CI failure is reproducible and no
# .hypothesis/ folder is written; HYPOTHESIS_PROFILE=explore draws new random examples each run
# (with FUZZ_EXAMPLES=500, tests/fuzzing.py, for a longer hunt).
hypothesis_settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
hypothesis_settings.register_profile("explore", derandomize=False, database=None, print_blob=True)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

TEST_PASSWORD = "Tested-Passw0rd!"
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The role groups and their permissions, once for the whole session.

    ``migrate`` already syncs them (post_migrate); this makes sure of it once rather than for every
    user a test creates. A transactional test's flush empties the tables, then emits post_migrate
    again, whose receiver (``sync_role_permissions``, like ``ensure_reference_data`` for the
    reference data) puts the groups back for the next test."""
    with django_db_blocker.unblock():
        roles.sync_role_permissions()


def _make_user(django_user_model, username, role=None, superuser=False):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(
        username=username, password=TEST_PASSWORD, first_name=username, is_superuser=superuser, is_staff=superuser
    )
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def admin_user(db, django_user_model):
    return _make_user(django_user_model, "admin_user", roles.ADMIN, superuser=True)


@pytest.fixture
def leader(db, django_user_model):
    return _make_user(django_user_model, "leader", roles.LEADERSHIP)


@pytest.fixture
def staff(db, django_user_model):
    return _make_user(django_user_model, "staff", roles.STAFF)


@pytest.fixture
def staff2(db, django_user_model):
    return _make_user(django_user_model, "staff2", roles.STAFF)


@pytest.fixture
def secretary(db, django_user_model):
    return _make_user(django_user_model, "secretary", roles.CHAMBER_SECRETARY)


@pytest.fixture
def outsider(db, django_user_model):
    """Signed in, but holding no role at all."""
    return _make_user(django_user_model, "outsider")


@pytest.fixture
def role_users(admin_user, leader, staff, secretary, outsider):
    return {"admin": admin_user, "leader": leader, "staff": staff, "secretary": secretary, "outsider": outsider}


@pytest.fixture
def assert_roles(role_users):
    """assert_roles(url, {"admin": 200, ..., "anonymous": 302}, method="get"): one page, every role
    of the cast (see ``tests/kit.py``)."""
    from tests.kit import check_roles

    def _assert_roles(url, expected, method="get", data=None):
        check_roles(role_users, url, expected, method=method, data=data)

    return _assert_roles


def client_for(client, user):
    client.force_login(user)
    return client


# Each role's client is its own Client, so a test may use several of them side by side.
@pytest.fixture
def staff_client(staff):
    return client_for(Client(), staff)


@pytest.fixture
def leader_client(leader):
    return client_for(Client(), leader)


@pytest.fixture
def admin_client_(admin_user):
    return client_for(Client(), admin_user)


# --- Browser (Playwright driving Debian's Chromium; never Playwright's own download) ---


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # Reduced motion: Bootstrap then drops its colour transitions, so axe-core never measures the
    # contrast of a button caught half-way through one (a flaky "color-contrast" finding).
    return {**browser_context_args, "locale": "zh-CN", "timezone_id": "Asia/Shanghai", "reduced_motion": "reduce"}


SCREENSHOTS = os.path.join(os.path.dirname(__file__), "artifacts", "screenshots")


@pytest.fixture
def shoot(page):
    """shoot("name") saves a desktop and a 390-px phone screenshot of the current page."""

    def _shoot(name, phone=True):
        os.makedirs(SCREENSHOTS, exist_ok=True)
        size = page.viewport_size
        page.set_viewport_size({"width": 1366, "height": 900})
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}-desktop.png"), full_page=True)
        if phone:
            page.set_viewport_size({"width": 390, "height": 844})
            page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}-phone.png"), full_page=True)
        if size:
            page.set_viewport_size(size)

    return _shoot


# --- A real Celery worker consuming from the real Redis broker ---


@pytest.fixture(scope="session")
def celery_worker(django_db_setup, django_db_blocker):
    """One solo worker for the session, on the tests' own Redis database and queue."""
    from celery.contrib.testing.worker import start_worker

    from federation.celery import app

    app.conf.task_always_eager = False
    with django_db_blocker.unblock(), start_worker(app, pool="solo", perform_ping_check=False, loglevel="WARNING") as w:
        yield w
    app.conf.task_always_eager = True


@pytest.fixture
def real_celery(celery_worker):
    """Tasks go through Redis to the worker for this test (instead of running eagerly)."""
    from federation.celery import app

    app.conf.task_always_eager = False
    yield celery_worker
    app.conf.task_always_eager = True
