"""The services app's URLs: each sub-domain's patterns under the one namespace "services"."""

from .campaigns import urls as campaigns_urls
from .events import urls as events_urls
from .jobfairs import urls as jobfairs_urls
from .legal import urls as legal_urls
from .policies import urls as policies_urls
from .requests import urls as requests_urls
from .visits import urls as visits_urls

app_name = "services"

urlpatterns = [
    *requests_urls.urlpatterns,
    *events_urls.urlpatterns,
    *campaigns_urls.urlpatterns,
    *visits_urls.urlpatterns,
    *policies_urls.urlpatterns,
    *jobfairs_urls.urlpatterns,
    *legal_urls.urlpatterns,
]
