"""Public pages of the chamber registry (no login, phone first): the directory of active chambers
and the application to join one (入会申请).

The application form has the request form's guards (services/requests/views/public.py): CSRF
(Django's middleware), a per-address rate limit on submissions, the offline captcha, the consent
checkbox; the write is labelled the public's in the audit (``audit.public_form``).
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from federation import audit, captcha, ratelimit
from federation.forms import CaptchaFormMixin, PhoneField, SingleLineField, USCCField
from federation.models import Division

from .. import operations
from ..choices import ChamberType, Status
from ..models import Chamber, JoinApplication

SESSION_APPLIED = "chambers_applied"
DIRECTORY_PAGE_SIZE = 30


def _submit_limit():
    return settings.CHAMBERS_APPLY_LIMIT, settings.CHAMBERS_APPLY_WINDOW


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Chamber name"), required=False, max_length=100)
    district = forms.ModelChoiceField(
        label=gettext_lazy("District / county"),
        queryset=Division.objects.counties(),
        required=False,
        empty_label=gettext_lazy("All districts"),
    )
    chamber_type = forms.ChoiceField(
        label=gettext_lazy("Type"),
        choices=[("", gettext_lazy("All types")), *ChamberType.choices],
        required=False,
    )


class PublicDirectoryView(View):
    """商会名录: active chambers only, with their office contacts (never a person's phone)."""

    template_name = "chambers/public_directory.html"

    def get(self, request):
        form = DirectoryFilterForm(request.GET or None)
        chambers = Chamber.objects.in_directory().select_related("district")
        if form.is_valid():
            data = form.cleaned_data
            if data["q"]:
                chambers = chambers.filter(Q(name__icontains=data["q"]) | Q(short_name__icontains=data["q"]))
            if data["district"]:
                chambers = chambers.filter(district=data["district"])
            if data["chamber_type"]:
                chambers = chambers.filter(chamber_type=data["chamber_type"])
        chambers = chambers.only("pk", "name", "chamber_type", "district__name", "address", "office_phone", "status")
        page = Paginator(chambers, DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        return render(request, self.template_name, {"form": form, "page": page, "query": query.urlencode()})


class JoinApplicationForm(CaptchaFormMixin, forms.ModelForm):
    """The public application form: the enterprise, a contact, consent and the captcha."""

    phone = PhoneField(label=gettext_lazy("Mobile phone"))
    uscc = forms.CharField(
        label=gettext_lazy("Unified social credit code"),
        required=False,
        max_length=18,
        help_text=gettext_lazy("18 characters; helps the chamber find your enterprise's record."),
    )
    consent = forms.BooleanField(
        label=gettext_lazy(
            "I agree that the chamber and the federation use the personal information above only to handle this application (Personal Information Protection Law)."
        ),
        error_messages={
            "required": gettext_lazy(
                "Please agree to the use of your personal information, or we cannot handle the application."
            )
        },
    )

    class Meta:
        model = JoinApplication
        fields = ["enterprise_name", "uscc", "contact_person", "phone", "message"]
        field_classes = {"enterprise_name": SingleLineField, "uscc": USCCField, "contact_person": SingleLineField}
        widgets = {"message": forms.Textarea(attrs={"rows": 4})}


class JoinApplyView(View):
    """入会申请: the public form of one chamber; a chamber not 正常 says so instead of the form."""

    template_name = "chambers/join_apply.html"

    def dispatch(self, request, pk):
        self.chamber = get_object_or_404(Chamber.objects.exclude(status=Status.DEREGISTERED), pk=pk)
        return super().dispatch(request, pk)

    def get(self, request, pk):
        return self.render(JoinApplicationForm())

    def post(self, request, pk):
        if not self.open:
            return self.render(None, status=409)
        limit, window = _submit_limit()
        if ratelimit.limit_request(request, "chambers-apply", limit, window):
            messages.error(request, _("Too many requests from your network in the last hour. Please try again later."))
            return self.render(JoinApplicationForm(request.POST), status=429)
        form = JoinApplicationForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Please correct the marked fields."))
            return self.render(form)
        data = form.cleaned_data
        try:
            with audit.public_form():  # the audit shows these rows as the public's, not a blank user
                application = operations.submit_application(
                    self.chamber,
                    enterprise_name=data["enterprise_name"],
                    uscc=data["uscc"],
                    contact_person=data["contact_person"],
                    phone=data["phone"],
                    message=data["message"],
                    consent=data["consent"],
                )
        except operations.ChamberError as exc:
            messages.error(request, str(exc))
            return self.render(form, status=409)
        request.session[SESSION_APPLIED] = application.pk
        return redirect("chambers:join_applied")

    @property
    def open(self):
        return self.chamber.status == Status.ACTIVE

    def render(self, form, status=200):
        return render(
            self.request,
            self.template_name,
            {
                "chamber": self.chamber,
                "form": form if self.open else None,
                "challenge": captcha.new_challenge() if self.open else None,
            },
            status=status,
        )


class JoinAppliedView(View):
    """The success page: what happens next."""

    def get(self, request):
        pk = request.session.get(SESSION_APPLIED)
        application = JoinApplication.objects.select_related("chamber").filter(pk=pk).first() if pk else None
        if application is None:
            return redirect("chambers:public_directory")
        return render(request, "chambers/join_applied.html", {"application": application})


__all__ = ["JoinAppliedView", "JoinApplyView", "PublicDirectoryView"]
