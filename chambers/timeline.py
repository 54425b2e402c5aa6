"""The chambers' entries on record pages: a chamber's own events and inspections on its 一会一档,
and an enterprise's memberships on its 一企一档. Each provider runs at most one query per record
type, of at most ``limit`` rows."""

from django.utils.translation import gettext as _

from federation import registry


def chamber_timeline(chamber, limit=None):
    """A chamber's history lines (status changes, activities, failed contacts, checks) and inspections."""
    from .models import AnnualInspection, ChamberEvent

    events = ChamberEvent.objects.filter(chamber=chamber).order_by("-occurred_on", "-pk")
    inspections = AnnualInspection.objects.filter(chamber=chamber).order_by("-inspected_on", "-pk")
    if limit:
        events, inspections = events[:limit], inspections[:limit]
    entries = [
        registry.TimelineEntry(
            when=e.occurred_on,
            kind=e.get_kind_display(),
            title=e.text or e.get_kind_display(),
            detail=f"{e.get_from_status_display()} → {e.get_to_status_display()}" if e.to_status else "",
            icon="flag" if e.to_status else "calendar-event",
        )
        for e in events
    ]
    entries += [
        registry.TimelineEntry(
            when=i.inspected_on,
            kind=_("Annual inspection"),
            title=_("%(year)s annual inspection: %(result)s") % {"year": i.year, "result": i.get_result_display()},
            detail=i.notes,
            icon="clipboard-check",
        )
        for i in inspections
    ]
    return entries


def enterprise_timeline(enterprise, limit=None, user=None):
    """An enterprise's chamber memberships on its page (一企一档) that ``user`` may open (a secretary:
    those of their own chambers): one query of at most ``limit`` rows."""
    from .models import Membership

    rows = Membership.objects.filter(enterprise=enterprise)
    if user is not None:
        rows = rows.restrict(user, "view")
    rows = rows.select_related("chamber").order_by("-started_on", "-pk")
    if limit:
        rows = rows[:limit]
    entries = []
    for m in rows:
        period = f"{m.started_on or '…'} → {m.ended_on or ''}"
        entries.append(
            registry.TimelineEntry(
                when=m.started_on or m.chamber.created_at,
                kind=_("Chamber membership"),
                title=_("%(role)s of %(chamber)s") % {"role": m.get_role_display(), "chamber": m.chamber.name},
                url=m.chamber.get_absolute_url(),
                detail=period,
                icon="people",
            )
        )
    return entries
