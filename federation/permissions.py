"""The one permission mixin for views (DESIGN §6): roles are enforced here, not only in menus.

Two levels: the model permission derived from the view's model and action, and the rows a user may
reach — ``restrict_queryset`` — through which the generic list, detail, edit and delete views filter
(e.g. a chamber secretary reaches only their own chamber's members), so no view writes it by hand."""

from django.contrib.auth.mixins import PermissionRequiredMixin


def permission_name(model, action: str) -> str:
    """``<app_label>.view_<model>`` for (Model, "view"), e.g. ``federation.view_calendarday``."""
    return f"{model._meta.app_label}.{action}_{model._meta.model_name}"


class PortalPermissionMixin(PermissionRequiredMixin):
    """Requires a permission derived from the view's model and ``action`` (view/add/change/delete),
    unless ``permission_required`` names one. Anonymous users go to the login page (302);
    signed-in users without the permission get the 403 page."""

    action = "view"

    def get_permission_required(self):
        if self.permission_required:
            return super().get_permission_required()
        return (permission_name(self.get_permission_model(), self.get_action()),)

    def get_action(self):
        return self.action

    def restrict_queryset(self, request, queryset, action):
        """The rows of ``queryset`` this request's user may reach for ``action``: by default what the
        queryset's own ``restrict(user, action)`` allows (a model manager's queryset may define it),
        else the queryset unchanged. Override it on a view for a rule of that view only."""
        restrict = getattr(queryset, "restrict", None)
        return restrict(request.user, action) if callable(restrict) else queryset

    def get_permission_model(self):
        model = getattr(self, "model", None)
        if model is None:
            model = self.queryset.model
        return model
