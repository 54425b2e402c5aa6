"""Staff forms of the village pairing programme: village, pairing (partners picked, villages chosen,
the form checked against their counts, no enterprise–village pair twice in a batch), project,
progress report (a lower cumulative figure asks for a reason; a closed quarter's change too) and
annual target."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chambers.models import Chamber
from enterprises.picker import EnterprisesField
from federation.forms import DateInput, EmptyChoiceMixin, MoneyField, PhoneField
from federation.models import Division
from federation.uploads import check_upload

from . import quarters
from .choices import MONEY_MEASURES, PairingForm
from .models import AnnualTarget, Pairing, PairingProject, ProgressReport, Village

PHOTO_KINDS = ("jpg", "png")


def townships():
    return Division.objects.townships().select_related("parent")


class TownshipChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.parent.name if obj.parent_id else ''} {obj.name}".strip()


def check_district(district, township):
    """The refusal of a township named with a district that does not contain it (None when they agree)."""
    if district and township and township.parent_id != district.pk:
        return _(
            "%(township)s is not in %(district)s: choose the township of that district, or the right district."
        ) % {
            "township": township.name,
            "district": district.name,
        }
    return None


class VillageForm(EmptyChoiceMixin, forms.ModelForm):
    """A village: its district (to check the township) and township from the reference divisions."""

    district = forms.ModelChoiceField(
        queryset=Division.objects.counties(), label=_("District / county"), required=False
    )
    township = TownshipChoiceField(queryset=townships(), label=_("township"))

    class Meta:
        model = Village
        fields = ["district", "township", "name", "is_key", "households", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.township_id:
            self.initial.setdefault("district", self.instance.township.parent_id)

    def clean(self):
        data = super().clean()
        error = check_district(data.get("district"), data.get("township"))
        if error:
            self.add_error("township", error)
        return data


class VillagesField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        key = _("key village") if obj.is_key else ""
        return f"{obj.township.parent.name if obj.township.parent_id else ''} {obj}{' · ' + str(key) if key else ''}"


FORM_RULES = {
    PairingForm.ONE_TO_ONE: (lambda partners, villages: partners == 1 and villages == 1),
    PairingForm.ONE_TO_MANY: (lambda partners, villages: partners == 1 and villages >= 2),
    PairingForm.MANY_TO_ONE: (lambda partners, villages: partners >= 2 and villages == 1),
}


def form_error(form, partners: int, villages: int):
    """Why the pairing form disagrees with the counts of partners and villages (None when it agrees)."""
    if FORM_RULES[form](partners, villages):
        return None
    messages = {
        PairingForm.ONE_TO_ONE: _("A one-to-one pairing has one enterprise or chamber and one village."),
        PairingForm.ONE_TO_MANY: _("A one-to-many pairing has one enterprise or chamber and two or more villages."),
        PairingForm.MANY_TO_ONE: _("A many-to-one pairing has two or more enterprises or chambers and one village."),
    }
    return (
        messages[form]
        + " "
        + _("This one has %(partners)d and %(villages)d.")
        % {
            "partners": partners,
            "villages": villages,
        }
    )


def repeated_pairs(batch, enterprises, chambers, villages, exclude_pk=None) -> list[str]:
    """The partner–village pairs already paired in another pairing of the same batch, as "A — B"."""
    others = Pairing.objects.filter(batch=batch).exclude(pk=exclude_pk)
    village_ids = [v.pk for v in villages]
    found = []
    for field, partners in (("enterprises", enterprises), ("chambers", chambers)):
        ids = [p.pk for p in partners]
        if not ids or not village_ids:
            continue
        rows = (
            others.filter(**{f"{field}__in": ids}, villages__in=village_ids)
            .values_list(f"{field}__name", "villages__township__name", "villages__name")
            .distinct()
        )
        # The join yields every partner × village of the other pairing: keep the pairs of this one.
        names = {p.name for p in partners}
        wanted = {str(v) for v in villages}
        for partner, township, village in rows:
            if partner in names and f"{township}{village}" in wanted:
                found.append(f"{partner} — {township}{village}")
    return sorted(set(found))


class PairingEditForm(EmptyChoiceMixin, forms.ModelForm):
    enterprises = EnterprisesField(
        label=_("enterprises"),
        required=False,
        help_text=_("Type two characters of the name (or the start of the credit code) and pick one or more."),
    )
    chambers = forms.ModelMultipleChoiceField(
        queryset=Chamber.objects.order_by("name"), label=_("chambers of commerce"), required=False
    )
    villages = VillagesField(
        queryset=Village.objects.select_related("township__parent").order_by("township__code", "name"),
        label=_("villages"),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    partner_phone = PhoneField(landline=True, label=_("partner's contact phone"), required=False)
    village_phone = PhoneField(landline=True, label=_("village's contact phone"), required=False)

    class Meta:
        model = Pairing
        fields = [
            "form",
            "enterprises",
            "chambers",
            "villages",
            "batch",
            "start_year",
            "agreement_date",
            "partner_contact",
            "partner_phone",
            "village_contact",
            "village_phone",
            "notes",
        ]
        widgets = {"agreement_date": DateInput, "form": forms.RadioSelect, "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["form"].choices = [c for c in self.fields["form"].choices if c[0]]
        if self.instance.pk:
            self.initial.setdefault("enterprises", list(self.instance.enterprises.values_list("pk", flat=True)))
        else:
            year = timezone.localdate().year
            self.fields["start_year"].initial = year
            self.fields["batch"].initial = f"{year}年度"

    def clean_start_year(self):
        year = self.cleaned_data["start_year"]
        if year is not None and not 2000 <= year <= timezone.localdate().year + 1:
            raise ValidationError(_("Give a start year between 2000 and next year."))
        return year

    def clean(self):
        data = super().clean()
        enterprises, chambers = data.get("enterprises") or [], data.get("chambers") or []
        villages = data.get("villages") or []
        if "enterprises" in self.errors or "villages" in self.errors or not data.get("form"):
            return data
        partners = len(enterprises) + len(chambers)
        if not partners:
            self.add_error("enterprises", _("Pick at least one enterprise or chamber."))
            return data
        error = form_error(data["form"], partners, len(villages))
        if error:
            self.add_error("form", error)
        if data.get("batch"):
            repeated = repeated_pairs(data["batch"], enterprises, chambers, villages, exclude_pk=self.instance.pk)
            if repeated:
                self.add_error(
                    "villages",
                    _("Already paired in batch %(batch)s: %(pairs)s.")
                    % {"batch": data["batch"], "pairs": "；".join(repeated)},
                )
        return data


class PairingActionForm(forms.Form):
    """The reason or note of a status change (required to terminate)."""

    text = forms.CharField(label=_("reason / note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class PairingProjectForm(EmptyChoiceMixin, forms.ModelForm):
    planned_investment = MoneyField(label=_("planned investment"), required=False)
    actual_investment = MoneyField(label=_("actual investment"), required=False)
    income_increase = MoneyField(label=_("villagers' income increase"), required=False)

    class Meta:
        model = PairingProject
        fields = [
            "village",
            "project_type",
            "name",
            "planned_investment",
            "actual_investment",
            "jobs",
            "income_increase",
            "households_benefiting",
            "start_date",
            "end_date",
            "status",
            "is_typical",
        ]
        widgets = {"start_date": DateInput, "end_date": DateInput}

    def __init__(self, *args, pairing=None, **kwargs):
        super().__init__(*args, **kwargs)
        if pairing is not None:
            self.instance.pairing = pairing
        self.pairing = self.instance.pairing
        self.fields["village"].queryset = self.pairing.villages.select_related("township").order_by("name")
        villages = list(self.fields["village"].queryset)
        if len(villages) == 1 and not self.instance.pk:
            self.fields["village"].initial = villages[0].pk
        for name in ("actual_investment", "income_increase"):
            self.fields[name].help_text = _("Up to now, before quarterly reports are filed.")

    def clean(self):
        data = super().clean()
        for name in ("actual_investment", "income_increase"):
            if data.get(name) is None and name not in self.errors:
                data[name] = 0
                setattr(self.instance, name, 0)
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("A project cannot end before it starts."))
        return data


class ProgressReportForm(forms.ModelForm):
    """A quarter's report. A cumulative figure lower than the previous quarter's is questioned: the
    form comes back with a warning until a reason is given. Changing a report of a closed quarter
    (its reporting window is over) needs a reason, which the audit keeps."""

    cumulative_investment = MoneyField(label=_("cumulative investment"))
    cumulative_income = MoneyField(label=_("cumulative income increase"))
    change_reason = forms.CharField(
        label=_("reason for changing a closed quarter"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The quarter's reporting window is over: say why the report changes (kept in the audit)."),
    )
    photo = forms.FileField(label=_("photo"), required=False, help_text=_("JPG or PNG, at most 10 MB."))

    class Meta:
        model = ProgressReport
        fields = [
            "year",
            "quarter",
            "cumulative_investment",
            "cumulative_jobs",
            "cumulative_income",
            "narrative",
            "decrease_reason",
            "change_reason",
            "photo",
        ]
        widgets = {"narrative": forms.Textarea(attrs={"rows": 4}), "decrease_reason": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, project=None, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        if project is not None:
            self.instance.project = project
        self.project = self.instance.project
        self.today = today or timezone.localdate()
        self.lower = []  # the figures lower than the previous report's, once cleaned
        self.closed = bool(self.instance.pk) and quarters.is_closed(
            self.instance.year, self.instance.quarter, self.today
        )
        if self.instance.pk:
            # A report stays in its quarter: another quarter is another report.
            for name in ("year", "quarter"):
                self.fields[name].disabled = True
        else:
            year, quarter = quarters.of(self.today)
            year, quarter = (year - 1, 4) if quarter == 1 else (year, quarter - 1)
            self.fields["year"].initial, self.fields["quarter"].initial = year, quarter
        if not self.closed:
            del self.fields["change_reason"]

    def previous(self, year, quarter):
        return (
            ProgressReport.objects.filter(project=self.project)
            .exclude(pk=self.instance.pk)
            .filter(models_before(year, quarter))
            .order_by("-year", "-quarter")
            .first()
        )

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if not photo:
            return None
        kind = check_upload(photo, kinds=PHOTO_KINDS)
        return (photo, kind)

    def clean(self):
        data = super().clean()
        year, quarter = data.get("year"), data.get("quarter")
        if not year or not quarter:
            return data
        project = self.project
        if quarters.last_day(year, quarter) < project.start_date:
            self.add_error(
                "quarter",
                _("The project starts on %(date)s: there is no report for an earlier quarter.")
                % {"date": project.start_date},
            )
        elif project.end_date and quarters.first_day(year, quarter) > project.end_date:
            self.add_error(
                "quarter",
                _("The project ended on %(date)s: there is no report for a later quarter.")
                % {"date": project.end_date},
            )
        elif quarters.first_day(year, quarter) > self.today:
            self.add_error("quarter", _("This quarter has not begun yet."))
        elif (
            not self.instance.pk and ProgressReport.objects.filter(project=project, year=year, quarter=quarter).exists()
        ):
            self.add_error("quarter", _("This quarter already has a report: open it to change it."))
        previous = self.previous(year, quarter)
        if previous is not None:
            pairs = (
                ("cumulative_investment", previous.cumulative_investment),
                ("cumulative_jobs", previous.cumulative_jobs),
                ("cumulative_income", previous.cumulative_income),
            )
            self.lower = [name for name, before in pairs if data.get(name) is not None and data[name] < before]
            if self.lower and not (data.get("decrease_reason") or "").strip():
                labels = "、".join(str(self.fields[n].label) for n in self.lower)
                self.add_error(
                    "decrease_reason",
                    _(
                        "%(fields)s is lower than in the report for %(quarter)s: figures are cumulative; check them, or say why they fell."
                    )
                    % {"fields": labels, "quarter": previous.quarter_label},
                )
        if self.closed and not (data.get("change_reason") or "").strip():
            self.add_error("change_reason", _("The quarter is closed: give the reason for the change."))
        return data


def models_before(year, quarter):
    from django.db.models import Q

    return Q(year__lt=year) | Q(year=year, quarter__lt=quarter)


class AnnualTargetForm(EmptyChoiceMixin, forms.ModelForm):
    class Meta:
        model = AnnualTarget
        fields = ["year", "measure", "target", "notes"]
        help_texts = {"target": _("Money in yuan; counts as whole numbers.")}

    def clean(self):
        data = super().clean()
        target, measure = data.get("target"), data.get("measure")
        if target is not None and measure and measure not in MONEY_MEASURES and target != int(target):
            self.add_error("target", _("This measure counts whole numbers."))
        return data
