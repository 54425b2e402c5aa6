"""The enterprises app's own entries on the 一企一档 timeline: facts the record itself holds
(founding, joining the federation). Other apps add theirs through ``federation.registry.timeline`` (a ``TimelineProvider``)."""

from django.utils.translation import gettext as _

from federation.registry import TimelineEntry


def record_entries(enterprise, limit=None):
    """Founding and federation membership, from the record's own fields (no query; at most two)."""
    entries = []
    if enterprise.founded_on:
        entries.append(TimelineEntry(enterprise.founded_on, _("Registration"), _("Founded"), icon="flag"))
    if enterprise.is_member and enterprise.member_since:
        level = enterprise.get_member_level_display() if enterprise.member_level else ""
        title = _("Joined the federation") + (f" ({level})" if level else "")
        entries.append(TimelineEntry(enterprise.member_since, _("Membership"), title, icon="people"))
    return entries[:limit] if limit else entries
