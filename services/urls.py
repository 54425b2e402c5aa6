"""The services app's URLs: each sub-domain's patterns under the one namespace "services"."""

from .events import urls as events_urls
from .requests import urls as requests_urls

app_name = "services"

urlpatterns = [
    *requests_urls.urlpatterns,
    *events_urls.urlpatterns,
]
