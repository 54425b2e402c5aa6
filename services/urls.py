"""The services app's URLs: each sub-domain's patterns under the one namespace "services"."""

from .requests import urls as requests_urls

app_name = "services"

urlpatterns = [
    *requests_urls.urlpatterns,
]
