"""Settings shared by every environment, read from the environment (django-environ).

With no DATABASE_URL the portal runs on an SQLite file and, with no REDIS_URL, Celery runs
tasks eagerly and the cache is local memory: the "embedded default" that `make run` uses.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _
from kombu import Queue

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=True)
# Development default only; production.py refuses to start without a real one.
SECRET_KEY = env("SECRET_KEY", default="dev-insecure-key-do-not-use-in-production-0123456789")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_tables2",
    "simple_history",
    "axes",
    "federation",
    "enterprises",
    "chambers",
    "services",
    "villages",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "federation.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before anything reads the body: an oversized one is refused unread (413).
    "federation.middleware.BodySizeLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "federation.middleware.MethodNotAllowedPageMiddleware",
    # Axes must be last: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# Scripts and styles from the portal's own files only; no inline script, no eval. Inline style
# attributes stay allowed (Bootstrap's components and htmx's indicator set them). Images: the
# portal's own, and data: URIs (QR codes). No frames of or by anyone.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

ROOT_URLCONF = "federation.urls"
WSGI_APPLICATION = "federation.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "federation.context_processors.portal",
            ],
        },
    }
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
# A kept connection is checked before each request reuses it: after a database restart a worker
# reconnects instead of answering one 500.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    # Short timeouts: a cache that does not answer is given up quickly (the rate limits then count in
    # the process, federation/ratelimit.py) instead of holding the request.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Celery (federation/celery.py reads the CELERY_ namespace) ---
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TIMEZONE = "Asia/Shanghai"
CELERY_TASK_TIME_LIMIT = 30 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 25 * 60
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_QUEUE", default="federation")
# Reports (exports, the monthly report) run long: a queue of their own, so that they never hold up
# notices and imports; run a worker for it with `-Q reports --concurrency 1` (prefetch 1 as above).
CELERY_REPORT_QUEUE = env("CELERY_REPORT_QUEUE", default="reports")
CELERY_TASK_ROUTES = {
    "federation.build_report": {"queue": CELERY_REPORT_QUEUE},
    "federation.send_monthly_reports": {"queue": CELERY_REPORT_QUEUE},
}
# A worker started without -Q consumes both queues.
CELERY_TASK_QUEUES = (Queue(CELERY_TASK_DEFAULT_QUEUE), Queue(CELERY_REPORT_QUEUE))
# A web request that queues a task while the broker is down fails within seconds (the job or report
# then says the background service is unavailable, and can be retried), instead of retrying for 19 s.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True  # the worker itself keeps trying at start
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.5, "interval_max": 0.5}
# A task taken by a worker that died is given to another worker after this many seconds (tasks are
# acknowledged late). REPORT_STALE_AFTER and IMPORT_STALE_AFTER lie between the task time limit (a
# live worker never runs longer) and this, so a dead build is marked failed before its redelivery.
CELERY_BROKER_VISIBILITY_TIMEOUT = env.int("CELERY_BROKER_VISIBILITY_TIMEOUT", default=60 * 60)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_BROKER_VISIBILITY_TIMEOUT,
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
    "max_retries": 1,
}
# Periodic tasks are declared by the apps themselves (``registry.schedules`` in each AppConfig.ready())
# and merged into this schedule by federation/celery.py; the settings name no app's task.
CELERY_BEAT_SCHEDULE = {}
REPORT_RETENTION_DAYS = env.int("REPORT_RETENTION_DAYS", default=30)
# The CJK font of the charts in generated reports (Debian's fonts-noto-cjk, scripts/system_deps.sh).
REPORT_CJK_FONT = env("REPORT_CJK_FONT", default="/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
# Minutes after which a report still "generating" is taken to have lost its worker (restart, crash):
# it is marked failed with a reason, and its person can retry it from the report centre.
REPORT_STALE_AFTER = env.int("REPORT_STALE_AFTER", default=CELERY_TASK_TIME_LIMIT // 60 + 5)
# The same for imports being checked or applied (federation.imports.jobs.fail_stale_jobs).
IMPORT_STALE_AFTER = env.int("IMPORT_STALE_AFTER", default=CELERY_TASK_TIME_LIMIT // 60 + 5)
# Larger enterprise exports are built by the report centre (a Celery task) instead of the request.
ENTERPRISE_EXPORT_DIRECT_MAX = env.int("ENTERPRISE_EXPORT_DIRECT_MAX", default=20000)

# --- Imports (federation.imports): limits of every import, and of each spec (<prefix>_…) ---
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=50 * 1024 * 1024)
# A zip bomb is refused when an XLSX unpacks to more than this, or to more than this many times its size.
IMPORT_MAX_UNCOMPRESSED = env.int("IMPORT_MAX_UNCOMPRESSED", default=1024 * 1024 * 1024)
IMPORT_MAX_RATIO = env.int("IMPORT_MAX_RATIO", default=200)
# Uploaded files hold personal data; they are deleted this many days after upload (the job stays).
IMPORT_RETENTION_DAYS = env.int("IMPORT_RETENTION_DAYS", default=30)
ENTERPRISE_IMPORT_MAX_BYTES = env.int("ENTERPRISE_IMPORT_MAX_BYTES", default=IMPORT_MAX_BYTES)
ENTERPRISE_IMPORT_MAX_UNCOMPRESSED = env.int("ENTERPRISE_IMPORT_MAX_UNCOMPRESSED", default=IMPORT_MAX_UNCOMPRESSED)
ENTERPRISE_IMPORT_MAX_RATIO = env.int("ENTERPRISE_IMPORT_MAX_RATIO", default=IMPORT_MAX_RATIO)
ENTERPRISE_IMPORT_RETENTION_DAYS = env.int("ENTERPRISE_IMPORT_RETENTION_DAYS", default=IMPORT_RETENTION_DAYS)

# --- Public forms: rate limits per client address (federation/ratelimit.py) ---
# Whether the address comes from the reverse proxy's headers (X-Forwarded-For, else X-Real-IP)
# instead of the connection, which behind nginx is always the proxy's own. Off here (no proxy in
# development: a visitor could forge the header); production.py turns it on.
RATELIMIT_TRUSTED_PROXY = env.bool("RATELIMIT_TRUSTED_PROXY", default=False)
# Sized for one venue's Wi-Fi: at a lecture 80 companies scan the same QR code from one address
# within ten minutes and must all get through. The captcha, not the address limit, stops robots;
# the limit only caps a flood from one address.
SERVICES_SUBMIT_LIMIT = env.int("SERVICES_SUBMIT_LIMIT", default=200)  # submissions per address per window
SERVICES_SUBMIT_WINDOW = env.int("SERVICES_SUBMIT_WINDOW", default=60 * 60)  # seconds
# The chambers' public join form: the request form's policy unless set apart.
CHAMBERS_APPLY_LIMIT = env.int("CHAMBERS_APPLY_LIMIT", default=SERVICES_SUBMIT_LIMIT)
CHAMBERS_APPLY_WINDOW = env.int("CHAMBERS_APPLY_WINDOW", default=SERVICES_SUBMIT_WINDOW)
# Unsuccessful tracking-code lookups per address (twice as many per code) per quarter hour: a code
# is shown only with the phone number used, so guessing is slow however many phones share an address.
SERVICES_LOOKUP_MISS_LIMIT = env.int("SERVICES_LOOKUP_MISS_LIMIT", default=5)

# --- Accounts, sessions, lockout ---
AUTHENTICATION_BACKENDS = [
    "federation.signin.AddressThrottleBackend",  # per address, then per account: before any hashing
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # 等保2.0: three of the four character classes, and no repeated unit ("staff2staff2").
    {"NAME": "federation.passwords.CharacterClassValidator", "OPTIONS": {"min_classes": 3}},
    {"NAME": "federation.passwords.RepeatedPatternValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# Sessions end after 30 minutes without a request (the expiry moves with every request).
SESSION_COOKIE_AGE = 30 * 60
# No script reads either cookie (forms carry the CSRF token in a hidden field), so neither is
# readable from JavaScript; SameSite=Lax keeps them off cross-site posts.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_SAVE_EVERY_REQUEST = True
# Database sessions (they survive a Redis outage); an unreachable database on saving one is a 500,
# not the 400 of a deleted session (federation/sessions.py).
SESSION_ENGINE = "federation.sessions"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_FAILURE_VIEW = "federation.views.errors.csrf_failure"

AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
# Lock the account *from the address the failures came from*: an outsider who types a leader's
# name with wrong passwords from the internet locks that name for their own address only, while the
# leader signs in from the office as usual. Not the address alone: a whole office shares one NAT
# address, and one person's typos would lock everybody there out. Guessing from many addresses is
# met by the per-address throttle below and by the password rules (federation.passwords).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
# The locked page says until when (federation.signin); axes records the address the
# rate limit sees (the proxy's header behind nginx, not the proxy).
AXES_LOCKOUT_CALLABLE = "federation.signin.axes_lockout"
AXES_CLIENT_IP_CALLABLE = "federation.signin.axes_client_ip"
# Failed sign-ins per client address per window, checked before any password is hashed: a spray
# over many usernames or a flood of wrong passwords from one address stops here. Far above what an
# office sharing one NAT address mistypes in a quarter of an hour.
LOGIN_ADDRESS_FAILURE_LIMIT = env.int("LOGIN_ADDRESS_FAILURE_LIMIT", default=20)
LOGIN_ADDRESS_WINDOW = env.int("LOGIN_ADDRESS_WINDOW", default=15 * 60)  # seconds
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_VERBOSE = False

# Seconds an empty form's HTML (the public request form, a list's filters) is kept in each worker
# process (federation.fragments); choices read from the database follow an admin change this late.
PAGE_FRAGMENT_TTL = env.int("PAGE_FRAGMENT_TTL", default=300)

# Threads (each with its own database connection) over which a page spreads independent reads, such
# as the dashboard's figure providers (federation.parallel); 1 runs them one after another.
PARALLEL_THREADS = env.int("PARALLEL_THREADS", default=2)

# --- Internationalisation: Chinese first, English selectable ---
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files ---
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploads and generated files are private: never under the static root, never served by URL;
# views stream them after a permission check.
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "private")))
MEDIA_URL = "/files/"
# ``manage.py backup``: where the timestamped backups go, and how many of them are kept.
BACKUP_ROOT = Path(env("BACKUP_ROOT", default=str(BASE_DIR / "backups")))
BACKUP_KEEP = env.int("BACKUP_KEEP", default=14)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Whole request bodies, files included (federation.middleware.BodySizeLimitMiddleware): a page that
# takes more declares its own ``max_body_size`` (the public request form: its attachments; the
# import upload: the spec's file limit). nginx's client_max_body_size: the largest of them.
BODY_MAX_BYTES = env.int("BODY_MAX_BYTES", default=1024 * 1024)  # anonymous requests
BODY_MAX_BYTES_SIGNED_IN = env.int("BODY_MAX_BYTES_SIGNED_IN", default=40 * 1024 * 1024)  # staff forms with files

_email = env.email_url("EMAIL_URL", default="consolemail://")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email.get("EMAIL_HOST", "")
EMAIL_PORT = _email.get("EMAIL_PORT") or 25
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="portal@gsl.xining.example")

FORMS_URLFIELD_ASSUME_HTTPS = True

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
# The empty choice of every list filter's select reads 全部 (all), not django-filter's "---------".
FILTERS_EMPTY_CHOICE_LABEL = _("All")
DJANGO_TABLES2_TEMPLATE = "includes/table.html"

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# --- The region the portal serves (README "另一个城市 / Another city") ---
# The city's national code (NBS): its districts and counties are what every form, filter and figure
# calls "district" (federation.region). Its divisions are reference data: ``manage.py load_region PATH``
# loads a file in the layout of federation/data/xining_divisions.csv; FEDERATION_DIVISIONS_FILE is the
# file loaded by ``migrate`` into an empty database.
FEDERATION_REGION_CODE = env("FEDERATION_REGION_CODE", default="630100")
# The city's name as records and demo data write it (西宁市); empty: the name of the division with the
# region's code.
FEDERATION_CITY_NAME = env("FEDERATION_CITY_NAME", default="")
# The city's telephone area code, for demo landlines (0971 Xining, 0972 Haidong).
FEDERATION_AREA_CODE = env("FEDERATION_AREA_CODE", default="0971")
FEDERATION_DIVISIONS_FILE = Path(
    env("FEDERATION_DIVISIONS_FILE", default=str(BASE_DIR / "federation" / "data" / "xining_divisions.csv"))
)
# The portal's title (page titles, the top bar, the sign-in page, posters); empty: the translated
# default, 工商联综合服务平台.
PORTAL_TITLE = env("PORTAL_TITLE", default="")
PORTAL_NAME = _("Federation of Industry and Commerce Portal")
# The address enterprises reach the portal at from the internet (scheme, host, optional port/prefix).
# Every QR code and every link in an email is built on it (federation.links.public_url), never on the
# address a staff member happened to browse from, which is often an intranet one.
# The telephone number offered to people who cannot use a public form's captcha picture (federation.captcha).
SERVICE_HOTLINE = env("SERVICE_HOTLINE", default="12345")
PUBLIC_BASE_URL = env("PUBLIC_BASE_URL", default="http://127.0.0.1:8000").rstrip("/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# The embedded default (SQLite) cannot create a UNIQUE ... NULLS NOT DISTINCT constraint (a campaign's
# one goal per measure and split); PostgreSQL creates it, and the forms check it on both.
SILENCED_SYSTEM_CHECKS += ["models.W047"]
