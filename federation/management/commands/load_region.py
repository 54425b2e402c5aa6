"""``manage.py load_region PATH [--dry-run]``: load a region's divisions (a file in the layout of
federation/data/xining_divisions.csv) into the reference data, in one transaction."""

import os

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from federation.reference import DivisionFileError, read_divisions, save_divisions
from federation.region import region_code


class Command(BaseCommand):
    help = (
        "Load the administrative divisions at PATH (CSV, UTF-8, header code,name,level,parent_code,note: one city, "
        "its districts and counties, their townships; NBS codes). Idempotent: new codes are added, changed names "
        "updated; divisions not in the file stay. Nothing is saved when a line is wrong. Ends with one line: "
        "created=N updated=N unchanged=N."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--dry-run", action="store_true", help="Check and count only; change nothing.")

    def handle(self, *args, path, dry_run, **options):
        if not os.path.isfile(path) or not os.access(path, os.R_OK):
            raise CommandError(_("Cannot read the file %(path)s.") % {"path": path})
        try:
            checked = read_divisions(path)
        except DivisionFileError as exc:
            raise CommandError(_("Nothing was loaded:") + "\n" + "\n".join(exc.lines()))
        with transaction.atomic():
            counts = save_divisions(apps.get_model("federation", "Division"), checked)
            if dry_run:
                transaction.set_rollback(True)
        city = checked.city
        self.stdout.write(
            _("%(city)s %(code)s: %(counties)s districts and counties, %(townships)s townships.")
            % {
                "city": city.name,
                "code": city.code,
                "counties": checked.count("county"),
                "townships": checked.count("township"),
            }
        )
        if city.code != region_code():
            self.stdout.write(
                _("The portal serves region %(current)s: set FEDERATION_REGION_CODE=%(code)s to serve this one.")
                % {"current": region_code(), "code": city.code}
            )
        line = "created={created} updated={updated} unchanged={unchanged}".format(**counts)
        self.stdout.write(line + (" " + _("(dry run: nothing saved)") if dry_run else ""))
