"""The sign-in page, throttled by account and by address (``federation.signin``)."""

from django.contrib.auth import views as auth_views

from federation import signin


class LoginView(auth_views.LoginView):
    """Django's sign-in; while the address is held, the locked page instead of a form error."""

    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        if signin.address_locked(request):
            return signin.address_lockout(request)
        return super().post(request, *args, **kwargs)
