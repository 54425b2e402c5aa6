#!/usr/bin/env bash
# `make run-prod`: the production stack on loopback — production settings, gunicorn
# (deploy/gunicorn.conf.py), a Celery worker and beat — against the local PostgreSQL and Redis, so
# what a server runs is what is tried here. No TLS and no nginx in front: the cookies are not marked
# Secure and nothing redirects to https (set by the variables below, never in a real deployment).
# Stop with Ctrl-C: all three processes stop together. RUN_PROD_WORKER=0 leaves the worker out (the
# fault runs, scripts/faults.py, start their own so they can kill it without stopping the stack).
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-8000}
mkdir -p artifacts/run-prod
secret_file=artifacts/run-prod/secret-key
[ -s "$secret_file" ] || .venv/bin/python -c "import secrets; print(secrets.token_urlsafe(50))" > "$secret_file"
export DJANGO_SETTINGS_MODULE=federation.settings.production
export SECRET_KEY=${SECRET_KEY:-$(cat "$secret_file")}
export ALLOWED_HOSTS=${ALLOWED_HOSTS:-127.0.0.1,localhost}
export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/federation_prod}
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/2}
export MEDIA_ROOT=${MEDIA_ROOT:-$PWD/artifacts/run-prod/private}
export BACKUP_ROOT=${BACKUP_ROOT:-$PWD/artifacts/run-prod/backups}
export PUBLIC_BASE_URL=${PUBLIC_BASE_URL:-http://127.0.0.1:$PORT}
export CSRF_TRUSTED_ORIGINS=${CSRF_TRUSTED_ORIGINS:-http://127.0.0.1:$PORT,http://localhost:$PORT}
export SECURE_SSL_REDIRECT=False SECURE_HSTS_SECONDS=0 COOKIES_SECURE=False RATELIMIT_TRUSTED_PROXY=False
export GUNICORN_BIND=127.0.0.1:$PORT

db=${DATABASE_URL##*/}
psql "${DATABASE_URL%/*}/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1 \
  || psql "${DATABASE_URL%/*}/postgres" -qc "CREATE DATABASE \"$db\" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py collectstatic --noinput -v0
.venv/bin/python manage.py seed_demo --if-empty
.venv/bin/python manage.py check --deploy --fail-level ERROR

pids=()
trap 'kill "${pids[@]}" 2>/dev/null; wait' EXIT INT TERM
.venv/bin/gunicorn -c deploy/gunicorn.conf.py federation.wsgi & pids+=($!)
if [ "${RUN_PROD_WORKER:-1}" != 0 ]; then
  .venv/bin/celery -A federation worker -l INFO --concurrency 2 & pids+=($!)
fi
.venv/bin/celery -A federation beat -l INFO --schedule artifacts/run-prod/celerybeat-schedule & pids+=($!)
echo "Production stack on http://127.0.0.1:$PORT (gunicorn, beat${pids[2]:+, worker}); Ctrl-C stops it."
wait -n "${pids[@]}"
