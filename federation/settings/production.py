"""Production: everything from the environment, no default secret, HTTPS assumed (nginx in front)."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = env("SECRET_KEY")  # no default: refuse to start without one
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
# Kept connections are checked before reuse, so a database restart costs no request a 500.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Behind nginx every connection comes from the proxy, so the rate limits of the public forms must
# read the visitor's address from the proxy's headers, or one visitor's limit is the whole city's.
# nginx must set them (and so overwrite whatever a client sent):
#     proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
#     proxy_set_header X-Real-IP $remote_addr;
# The address used is the last one in X-Forwarded-For — the one nginx appended — never a client-
# supplied one in front of it. Set RATELIMIT_TRUSTED_PROXY=False only when nothing sits in front.
RATELIMIT_TRUSTED_PROXY = env.bool("RATELIMIT_TRUSTED_PROXY", default=True)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# Cookies only over HTTPS. COOKIES_SECURE=False is for `make run-prod` on loopback without TLS only.
SESSION_COOKIE_SECURE = env.bool("COOKIES_SECURE", default=True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
