#!/usr/bin/env bash
# Takes a Debian 12 server from nothing to a running portal (run as root from a checkout of the
# portal, e.g. /srv/federation). Safe to run again after an upgrade: it installs what is missing,
# migrates, collects static files and restarts the units. What each step does: README, "Deployment".
set -euo pipefail
APP_DIR=${APP_DIR:-/srv/federation}
ENV_FILE=/etc/federation/federation.env
cd "$APP_DIR"

apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  python3 python3-venv postgresql redis-server nginx gettext fonts-noto-cjk

id federation >/dev/null 2>&1 || useradd --system --home /var/lib/federation --shell /usr/sbin/nologin federation
install -d -o federation -g federation -m 750 /var/lib/federation /var/lib/federation/private /var/log/federation
install -d -o federation -g federation -m 750 /var/backups/federation
install -d -m 755 /etc/federation
if [ ! -f "$ENV_FILE" ]; then
  install -m 640 -o root -g federation deploy/env.example "$ENV_FILE"
  sed -i "s|^SECRET_KEY=.*|SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')|" "$ENV_FILE"
  echo "Wrote $ENV_FILE: fill in ALLOWED_HOSTS, DATABASE_URL's password, EMAIL_URL, then run this again." >&2
  exit 1
fi

# The database and its owner (the password is the one in DATABASE_URL).
set -a; . "$ENV_FILE"; set +a
DB_PASSWORD=$(python3 -c "import os, urllib.parse; print(urllib.parse.urlparse(os.environ['DATABASE_URL']).password or '')")
sudo -u postgres psql -tAc "SELECT 1 FROM pg_roles WHERE rolname='federation'" | grep -q 1 \
  || sudo -u postgres psql -c "CREATE ROLE federation LOGIN PASSWORD '${DB_PASSWORD}'"
sudo -u postgres psql -tAc "SELECT 1 FROM pg_database WHERE datname='federation'" | grep -q 1 \
  || sudo -u postgres createdb -O federation -E UTF8 -T template0 --lc-collate=C.UTF-8 --lc-ctype=C.UTF-8 federation

# The code's environment: exactly the locked versions, checked by hash.
[ -d .venv ] || python3 -m venv .venv
.venv/bin/pip install --quiet --upgrade pip
.venv/bin/pip install --quiet --require-hashes -r requirements.lock
chown -R federation:federation "$APP_DIR"
run() { sudo -u federation --preserve-env=DJANGO_SETTINGS_MODULE env $(grep -v '^#' "$ENV_FILE" | xargs) "$@"; }
run .venv/bin/python manage.py migrate --noinput
run .venv/bin/python manage.py compilemessages --ignore=.venv -v0
run .venv/bin/python manage.py collectstatic --noinput -v0
run .venv/bin/python manage.py check --deploy

install -m 644 deploy/systemd/federation-*.service deploy/systemd/federation-*.timer /etc/systemd/system/
install -m 644 deploy/nginx/federation.conf /etc/nginx/sites-available/federation
ln -sf /etc/nginx/sites-available/federation /etc/nginx/sites-enabled/federation
systemctl daemon-reload
systemctl enable --now federation-web federation-worker federation-beat federation-backup.timer
systemctl restart federation-web federation-worker federation-beat
nginx -t && systemctl reload nginx
echo "Running. Create the first administrator: sudo -u federation ... manage.py createsuperuser"
