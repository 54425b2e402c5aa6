"""The sign-in page, throttled by account and by address (``federation.signin``)."""

from django.contrib.auth import views as auth_views
from django.urls import reverse

from federation import roles, signin
from federation.forms import LoginForm


class LoginView(auth_views.LoginView):
    """Django's sign-in; while the address is held, the locked page instead of a form error."""

    authentication_form = LoginForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        if signin.address_locked(request):
            return signin.address_lockout(request)
        return super().post(request, *args, **kwargs)

    def get_default_redirect_url(self):
        """Leadership land on the dashboard (数据驾驶舱); everyone else on their workbench."""
        user = self.request.user
        if not user.is_superuser and {g.name for g in user.groups.all()} == {roles.LEADERSHIP}:
            return reverse("federation:dashboard")
        return super().get_default_redirect_url()
