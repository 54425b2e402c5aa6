"""The services app's URLs: each sub-domain's patterns under the one namespace "services"."""

from .policies import urls as policies_urls
from .requests import urls as requests_urls

app_name = "services"

urlpatterns = [
    *requests_urls.urlpatterns,
    *policies_urls.urlpatterns,
]
