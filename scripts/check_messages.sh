#!/usr/bin/env bash
# The zh_Hans catalogs must be complete: no untranslated or fuzzy entries. Extraction runs into a
# temporary copy of the tree so that checking never rewrites the committed catalogs.
set -euo pipefail
top=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tar --exclude=./.venv --exclude=./.git --exclude=./static/vendor --exclude=./artifacts --exclude=./private -cf - . | tar -xf - -C "$tmp"
cd "$tmp"
"$top/.venv/bin/python" manage.py makemessages -l zh_Hans --no-location --no-obsolete --ignore=bench -v0
status=0
for po in $(find . -path ./static -prune -o -name django.po -print); do
  missing=$(msgattrib --untranslated --no-obsolete "$po" | grep -c '^msgid ' || true)
  fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$po" | grep -c '^msgid ' || true)
  # msgattrib prints the header entry too when anything is printed
  [ "$missing" -gt 0 ] && missing=$((missing - 1))
  [ "$fuzzy" -gt 0 ] && fuzzy=$((fuzzy - 1))
  if [ "$missing" -gt 0 ] || [ "$fuzzy" -gt 0 ]; then
    echo "translation catalog ${po#./}: $missing untranslated, $fuzzy fuzzy (run 'make messages' and fill them in)" >&2
    msgattrib --untranslated --no-obsolete "$po" | grep '^msgid ' | head -20 >&2
    status=1
  fi
done
exit $status
