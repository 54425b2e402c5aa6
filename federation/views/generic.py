"""Generic views the domain apps build on (in the manner of NetBox): a concrete view mostly sets
attributes — ``queryset``, ``filterset_class``, ``table_class``, ``form_class``."""

from contextlib import suppress

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import ProtectedError
from django.http import HttpResponseRedirect
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.generic import DeleteView, DetailView
from django.views.generic.detail import SingleObjectTemplateResponseMixin
from django.views.generic.edit import ModelFormMixin, ProcessFormView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from .. import fragments
from ..exports import dated_filename, xlsx_response
from ..permissions import PortalPermissionMixin, permission_name


class ModelContextMixin:
    """Model names, URL names and the user's permissions for templates."""

    def get_model(self):
        return self.get_permission_model()

    def model_url(self, action, *args):
        model = self.get_model()
        return reverse(f"{model._meta.app_label}:{model._meta.model_name}_{action}", args=args)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        model = self.get_model()
        user = self.request.user
        ctx.update(
            model_meta=model._meta,
            verbose_name=model._meta.verbose_name,
            verbose_name_plural=model._meta.verbose_name_plural,
            list_url=self.model_url("list"),
            can_add=user.has_perm(permission_name(model, "add")),
            can_change=user.has_perm(permission_name(model, "change")),
            can_delete=user.has_perm(permission_name(model, "delete")),
        )
        return ctx


class RestrictedObjectMixin:
    """Looks the object up only among the rows ``restrict_queryset`` allows: outside them, 404."""

    def get_object(self, queryset=None):
        queryset = self.get_queryset() if queryset is None else queryset
        return super().get_object(self.restrict_queryset(self.request, queryset, self.get_action()))


class ObjectListView(PortalPermissionMixin, ModelContextMixin, SingleTableMixin, FilterView):
    """A filtered, sorted, paginated table of objects with an XLSX export of the filtered rows."""

    template_name = "federation/object_list.html"
    paginate_by = 25
    export_filename = None  # default: the model's plural name
    export_enabled = True
    export_permission = None  # e.g. "<app>.export_<model>"; None: whoever sees the list
    # True when the filter form's choices are the same for every user (no per-user querysets): the
    # empty form (no filter chosen) is then rendered once per process (federation.fragments); its
    # crispy widgets were a fifth of a list page's time.
    keep_empty_filters = False
    filter_fields_template = "includes/crispy_form.html"  # rendered with ``filter``, ``form`` and ``filtered``

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "xlsx" and self.export_enabled:
            if not self.can_export():
                raise PermissionDenied
            filterset = self.get_filterset(self.get_filterset_class())
            queryset = filterset.qs if filterset.is_valid() else self.get_queryset().none()
            return self.export(queryset)
        return super().get(request, *args, **kwargs)

    def can_export(self):
        return self.export_enabled and (
            self.export_permission is None or self.request.user.has_perm(self.export_permission)
        )

    def export(self, queryset):
        """Export the filtered rows: by default the table's own columns, as shown."""
        table = self.get_table_class()(queryset, exclude=getattr(self, "export_exclude", ()))
        rows = iter(table.as_values())
        headers = next(rows)
        name = self.export_filename or str(self.get_model()._meta.verbose_name_plural)
        return xlsx_response(dated_filename(name), headers, rows, sheet_name=name)

    def get_filterset_kwargs(self, filterset_class):
        # Filters, the table, the counts and the export all start from the rows the user may reach.
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["queryset"] = self.restrict_queryset(self.request, kwargs["queryset"], self.get_action())
        return kwargs

    def get_paginate_by(self, queryset):
        # The table paginates (and counts) the rows; the ListView underneath must not paginate them
        # a second time, which would run a second COUNT(*) — the costly query on large tables.
        return None

    def get_table_pagination(self, table):
        return {"per_page": self.paginate_by}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        ctx["export_query"] = query.urlencode()
        ctx["can_export"] = self.can_export()
        ctx["add_url"] = self.model_url("add") if ctx["can_add"] else None
        filterset = ctx.get("filter")
        if self.keep_empty_filters and filterset is not None and not filterset.is_bound:
            name = f"{type(self).__module__}.{type(self).__qualname__}.filters"
            ctx["empty_filters"] = fragments.once_per_process(
                name,
                lambda: mark_safe(
                    render_to_string(
                        self.filter_fields_template, {"filter": filterset, "form": filterset.form, "filtered": False}
                    )
                ),
            )
        return ctx


class ObjectDetailView(PortalPermissionMixin, ModelContextMixin, RestrictedObjectMixin, DetailView):
    """One object's page."""


class ObjectEditView(
    PortalPermissionMixin,
    ModelContextMixin,
    RestrictedObjectMixin,
    SingleObjectTemplateResponseMixin,
    ModelFormMixin,
    ProcessFormView,
):
    """Add (no pk in the URL) or change an object with a form; failed forms keep what was typed."""

    template_name = "federation/object_edit.html"

    def get_action(self):
        return "change" if self.kwargs.get(self.pk_url_kwarg) or self.kwargs.get(self.slug_url_kwarg) else "add"

    def get_object(self, queryset=None):
        if self.get_action() == "add":
            return None
        return super().get_object(queryset)

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        adding = self.object is None
        response = super().form_valid(form)
        msg = _("Added “%(obj)s”.") if adding else _("Saved “%(obj)s”.")
        messages.success(self.request, msg % {"obj": self.object})
        return response

    def form_invalid(self, form):
        messages.error(self.request, _("Please correct the errors below; nothing has been saved."))
        return super().form_invalid(form)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["adding"] = self.object is None
        ctx["cancel_url"] = self.object.get_absolute_url() if self.object else ctx["list_url"]
        ctx["delete_url"] = None
        if self.object is not None and ctx["can_delete"]:
            with suppress(NoReverseMatch):  # only models that have a delete page offer one
                ctx["delete_url"] = self.model_url("delete", self.object.pk)
        return ctx


class ObjectDeleteView(PortalPermissionMixin, ModelContextMixin, RestrictedObjectMixin, DeleteView):
    """Delete after confirmation; refuses (with a message) when other records still refer to it."""

    action = "delete"
    template_name = "federation/object_delete.html"

    def get_success_url(self):
        return self.model_url("list")

    def form_valid(self, form):
        obj = self.object
        try:
            obj.delete()
        except ProtectedError:
            messages.error(
                self.request, _("“%(obj)s” cannot be deleted: other records still refer to it.") % {"obj": obj}
            )
            return HttpResponseRedirect(obj.get_absolute_url())
        messages.success(self.request, _("Deleted “%(obj)s”.") % {"obj": obj})
        return HttpResponseRedirect(self.get_success_url())
