"""``manage.py seed_demo``: demo users (one per role) and each app's demo data; safe to run twice."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from federation import registry
from federation.demo import DEMO_PASSWORD, DEMO_USERS, create_demo_users


class Command(BaseCommand):
    help = "Create demo users for every role and let each app add its demo data (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enterprises", type=int, default=None, help="Number of generated enterprises (default: a small set)."
        )

        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing but print the logins when users already exist."
        )

    def handle(self, *args, **options):
        if options["if_empty"] and get_user_model().objects.exists():
            self.stdout.write("数据库已有数据，跳过演示数据 / database not empty, demo data skipped.")
            self._print_logins([(u, r, False) for u, _n, r, _s in DEMO_USERS])
            return
        with transaction.atomic():
            users = create_demo_users()
        for hook in registry.demo_data:
            hook(**{**options, "stdout": self.stdout})  # call_command(..., stdout=…) puts stdout in options too
        self._print_logins(users)

    def _print_logins(self, users):
        self.stdout.write(self.style.SUCCESS(f"演示账号 / demo logins (password 密码: {DEMO_PASSWORD}):"))
        for username, role, _created in users:
            self.stdout.write(f"  {username:<10} {role}")
