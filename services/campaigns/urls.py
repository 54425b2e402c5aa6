"""URLs of campaigns (names services:campaign_*), included by services/urls.py."""

from django.urls import path

from . import views

urlpatterns = [
    path("campaigns/", views.CampaignListView.as_view(), name="campaign_list"),
    path("campaigns/add/", views.CampaignEditView.as_view(), name="campaign_add"),
    path("campaigns/<int:pk>/", views.CampaignDetailView.as_view(), name="campaign_detail"),
    path("campaigns/<int:pk>/edit/", views.CampaignEditView.as_view(), name="campaign_edit"),
]
