"""A URLconf for the figures' tests: the portal's, with a bare chamber list (type, status, district and
the figures' filters) standing in for ``chambers:chamber_list`` where the records part is absent."""

import django_filters
import django_tables2 as tables
from django.urls import include, path

from chambers import urls as chamber_urls
from chambers.choices import ChamberType, Status
from chambers.figure_filters import ChamberFigureFilters
from chambers.models import Chamber
from federation import urls as portal_urls
from federation.models import Division
from federation.views.generic import ObjectListView


class FilterSet(ChamberFigureFilters):
    chamber_type = django_filters.ChoiceFilter(choices=ChamberType.choices)
    status = django_filters.ChoiceFilter(choices=Status.choices)
    district = django_filters.ModelChoiceFilter(queryset=Division.objects.all())

    class Meta:
        model = Chamber
        fields = ["chamber_type", "status", "district"]


class Table(tables.Table):
    class Meta:
        model = Chamber
        fields = ["name", "status"]


class ListView(ObjectListView):
    queryset = Chamber.objects.all()
    filterset_class = FilterSet
    table_class = Table


STAND_INS = [
    path("", ListView.as_view(), name="chamber_list"),
    path("add/", ListView.as_view(), name="chamber_add"),  # the list's "Add" button reverses it
]
names = {p.name for p in STAND_INS}
chambers = [p for p in chamber_urls.urlpatterns if getattr(p, "name", "") not in names]
urlpatterns = [
    path("chambers/", include(([*chambers, *STAND_INS], "chambers"))),
    *[p for p in portal_urls.urlpatterns if getattr(p, "namespace", None) != "chambers"],
]
