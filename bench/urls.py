"""The portal's URLs plus the bare view the load benchmark uses as the ceiling of this machine:
a Django view rendering a minimal template through the whole middleware stack (bench only, never
in the production URLs)."""

from django.http import HttpResponse
from django.template import engines
from django.urls import path

from federation.urls import urlpatterns as portal

BARE = engines["django"].from_string(
    '<!DOCTYPE html><html lang="zh-hans"><head><meta charset="utf-8"><title>{{ title }}</title></head>'
    "<body><p>{{ title }}</p></body></html>"
)


def bare(request):
    return HttpResponse(BARE.render({"title": "基准"}, request))


urlpatterns = [path("bench/bare/", bare, name="bench_bare"), *portal]
