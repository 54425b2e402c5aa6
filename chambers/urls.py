from django.urls import path

from .views import records

app_name = "chambers"

urlpatterns = [
    # Chamber records (一会一档)
    path("", records.ChamberListView.as_view(), name="chamber_list"),
    path("add/", records.ChamberEditView.as_view(), name="chamber_add"),
    path("<int:pk>/", records.ChamberDetailView.as_view(), name="chamber_detail"),
    path("<int:pk>/edit/", records.ChamberEditView.as_view(), name="chamber_edit"),
    path("<int:pk>/action/<str:action>/", records.ChamberActionView.as_view(), name="chamber_action"),
]
