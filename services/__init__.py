from django.utils.translation import gettext_lazy

# The dashboard block the services' activity shares (visits, events, policies and campaigns each add
# their figures to it: registry.DashboardBlock of this key and title).
DASHBOARD_BLOCK = gettext_lazy("Visits, events, policies and campaigns")
