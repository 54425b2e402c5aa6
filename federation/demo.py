"""Demo data of the core: one user per role. Domain apps add theirs through ``registry.demo_data``."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from . import roles

DEMO_PASSWORD = "Xining@2026demo"

DEMO_USERS = [
    # username, full name (stored as first_name), role group, is_superuser
    ("admin", "系统管理员", roles.ADMIN, True),
    ("leader", "王局长", roles.LEADERSHIP, False),
    ("staff", "李干事", roles.STAFF, False),
    ("staff2", "马干事", roles.STAFF, False),
    ("secretary", "赵秘书长", roles.CHAMBER_SECRETARY, False),
]


def create_demo_users(stdout=None):
    """Create (or leave as they are) one user per role; returns [(username, role)]."""
    roles.sync_role_permissions()
    User = get_user_model()
    created = []
    for username, full_name, role, superuser in DEMO_USERS:
        user, was_created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": full_name, "is_staff": superuser, "is_superuser": superuser},
        )
        if was_created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        user.groups.add(Group.objects.get(name=role))
        created.append((username, role, was_created))
    return created
