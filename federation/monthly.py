"""The monthly work report (月度工作报告): a Word file from an editable template, and its appendix.

Figures come only from ``registry.figures_for`` (the dashboard's source too): the month's, the
previous month's and those of the same month last year, plus twelve months of counts for the trend
chart, all read by ``snapshot`` and stored on the report (``Report.figures``) with the moment they
were read. ``build`` renders the snapshot into the Word template (docxtpl, Jinja placeholders): the
newest one an administrator uploaded (``ReportTemplate``), else ``federation/data/``'s default,
made by ``scripts/make_monthly_template.py``. The appendix is the month's ledgers in one workbook
(``federation.ledgers.write_appendix``), a report of its own asked for together with the Word file.

On the 1st of each month at 08:00 (Asia/Shanghai) beat runs ``send_monthly_reports``: the previous
month's report for every member of leadership, built and sent by email (once: a rerun sends nothing).
"""

from __future__ import annotations

import datetime
import logging
import tempfile
from decimal import Decimal
from pathlib import Path

from django import forms
from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import registry
from .region import city_name

logger = logging.getLogger(__name__)

KEY = "monthly"
APPENDIX_KEY = "monthly_appendix"
PERMISSION = "federation.view_monthly_report"
DEFAULT_TEMPLATE = Path(__file__).resolve().parent / "data" / "monthly_report_template.docx"
# The months of the trend chart, ending with the report's month.
TREND_MONTHS = 12
# How many count figures the charts show (those with the largest values).
CHART_SERIES = 5
CHART_BARS = 8

# The names a template may use (the context ``context_for`` gives); anything else is refused on upload.
VARIABLES = {
    "title": gettext_lazy("the report's title, e.g. 2026年11月工作报告"),
    "year": gettext_lazy("the year (number)"),
    "month": gettext_lazy("the month (number)"),
    "period": gettext_lazy("the month as text, e.g. 2026年11月"),
    "previous_period": gettext_lazy("the previous month as text"),
    "last_year_period": gettext_lazy("the same month last year as text"),
    "city": gettext_lazy("the city's name, e.g. 西宁市 (the region's, federation.region)"),
    "district": gettext_lazy("the district, or the whole city"),
    "read_at": gettext_lazy("when the figures were read"),
    "figures": gettext_lazy(
        "every figure in order; each has label, value, unit, previous, last_year, vs_previous, vs_last_year"
    ),
    "by_key": gettext_lazy('one figure by its key, e.g. by_key["requests.received"].value'),
    "sections": gettext_lazy(
        'the figures of one module by the first part of their key, e.g. sections["campaigns"] (campaign progress)'
    ),
    "charts": gettext_lazy("the pictures: charts.trend (twelve months), charts.compare (this month against others)"),
    "changes": gettext_lazy("for a rebuilt report: the figures that changed since the previous build"),
}


# --- the month ---


def month_period(year: int, month: int) -> tuple[datetime.date, datetime.date]:
    """The first and the last day of a month."""
    start = datetime.date(year, month, 1)
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return start, following - datetime.timedelta(days=1)


def shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    """The month ``by`` months after (before, when negative) ``year``-``month``."""
    index = year * 12 + (month - 1) + by
    return index // 12, index % 12 + 1


def month_label(year: int, month: int) -> str:
    return _("%(year)d-%(month)02d") % {"year": year, "month": month}


def report_title(year: int, month: int) -> str:
    return _("Monthly work report %(period)s") % {"period": month_label(year, month)}


class MonthlyReportForm(forms.Form):
    """What the monthly report is asked for: a month (not one that has not begun) and a district."""

    month = forms.CharField(
        label=gettext_lazy("Month"),
        widget=forms.TextInput(attrs={"type": "month"}),
        help_text=gettext_lazy("Year and month, e.g. 2026-11."),
    )
    district = forms.ModelChoiceField(
        label=gettext_lazy("District"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("The whole city"),
    )

    def __init__(self, *args, **kwargs):
        from .models import Division

        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = Division.objects.counties()
        if not self.is_bound:
            year, month = shift_month(*_today_month(), -1)
            self.initial.setdefault("month", f"{year:04d}-{month:02d}")

    def clean_month(self):
        value = (self.cleaned_data["month"] or "").strip()
        try:
            year, month = (int(part) for part in value.split("-"))
            datetime.date(year, month, 1)
        except ValueError:
            raise forms.ValidationError(_("Enter the month as year and month, e.g. 2026-11.")) from None
        if (year, month) > _today_month():
            raise forms.ValidationError(_("That month has not begun yet."))
        if year < 2000:
            raise forms.ValidationError(_("Enter the month as year and month, e.g. 2026-11."))
        return year, month

    def report_params(self) -> dict:
        year, month = self.cleaned_data["month"]
        district = self.cleaned_data.get("district")
        return {"year": year, "month": month, "district": district.pk if district else ""}

    def request_reports(self, user):
        """Ask for the Word report and its appendix with these parameters."""
        year, month = self.cleaned_data["month"]
        return request_monthly_report(user, year, month, self.cleaned_data.get("district"))


def _today_month() -> tuple[int, int]:
    today = timezone.localdate()
    return today.year, today.month


def _district(params):
    from .models import Division

    return Division.objects.filter(pk=params.get("district")).first() if params.get("district") else None


# --- the figures ---


def _plain(value):
    """A figure's value as JSON keeps it: money as a string (exact), the rest as it is."""
    return str(value) if isinstance(value, Decimal) else value


def _values(figures) -> dict:
    return {f.key: _plain(f.value) for f in figures}


def snapshot(params: dict) -> dict:
    """Every figure of the month (and of the previous month, the same month last year, the twelve
    months of the trend) read now through ``registry.figures_for``: what the report stores and shows."""
    # The labels as the report shows them; the fifteen months' figures share their grouped queries.
    with translation.override(settings.LANGUAGE_CODE), registry.gathering():
        return _snapshot(params)


def _snapshot(params: dict) -> dict:
    year, month = int(params["year"]), int(params["month"])
    district = _district(params)
    read_at = timezone.now()
    current = registry.figures_for(*month_period(year, month), district)
    previous = _values(registry.figures_for(*month_period(*shift_month(year, month, -1)), district))
    last_year = _values(registry.figures_for(*month_period(year - 1, month), district))
    trend = []
    for back in range(TREND_MONTHS - 1, 0, -1):
        y, m = shift_month(year, month, -back)
        trend.append(
            {"month": month_label(y, m), "values": _values(registry.figures_for(*month_period(y, m), district))}
        )
    trend.append({"month": month_label(year, month), "values": _values(current)})
    return {
        "read_at": read_at.isoformat(),
        "year": year,
        "month": month,
        "district": district.pk if district else "",
        "district_name": district.name if district else "",
        "figures": [
            {
                "key": f.key,
                "label": str(f.label),
                "unit": str(f.unit),
                "value": _plain(f.value),
                "previous": previous.get(f.key),
                "last_year": last_year.get(f.key),
                "count": f.is_count,
                "rate": f.is_rate,
            }
            for f in current
        ],
        "trend": trend,
    }


# --- the document ---


def _number(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, str):
        value = Decimal(value)
    return number_format(value, force_grouping=True, use_l10n=False) if not isinstance(value, float) else f"{value:g}"


def _difference(now, before, rate: bool) -> str:
    """The change from ``before`` to ``now``: "+3（+12.5%）" for a count, "+2.1 个百分点" for a rate."""
    if now in (None, "") or before in (None, ""):
        return "—"
    now, before = Decimal(str(now)), Decimal(str(before))
    delta = now - before
    sign = "+" if delta > 0 else ""
    if rate:
        return _("%(delta)s percentage points") % {"delta": f"{sign}{delta.normalize():f}"}
    text = f"{sign}{_number(delta)}"
    if before:
        percent = (delta / before * 100).quantize(Decimal("0.1"))
        text += _(" (%(percent)s%%)") % {"percent": f"{sign}{percent}"}
    return text


def _row(figure: dict) -> dict:
    rate = figure.get("rate", False)
    unit = figure.get("unit", "")
    return {
        "key": figure["key"],
        "label": figure["label"],
        "unit": unit,
        "value": _number(figure["value"]),
        "previous": _number(figure.get("previous")),
        "last_year": _number(figure.get("last_year")),
        "vs_previous": _difference(figure["value"], figure.get("previous"), rate),
        "vs_last_year": _difference(figure["value"], figure.get("last_year"), rate),
    }


def context_for(snap: dict, charts: dict | None = None) -> dict:
    """What the template sees (the names of ``VARIABLES``), from a stored snapshot."""
    year, month = snap["year"], snap["month"]
    rows = [_row(f) for f in snap["figures"]]
    sections: dict[str, list] = {}
    for row in rows:
        sections.setdefault(row["key"].split(".")[0], []).append(row)
    read_at = datetime.datetime.fromisoformat(snap["read_at"])
    changes = snap.get("changes") or {}
    return {
        "title": report_title(year, month),
        "year": year,
        "month": month,
        "period": month_label(year, month),
        "previous_period": month_label(*shift_month(year, month, -1)),
        "last_year_period": month_label(year - 1, month),
        "city": city_name(),
        "district": snap.get("district_name") or _("The whole city"),
        "read_at": f"{timezone.localtime(read_at):%Y-%m-%d %H:%M}",
        "figures": rows,
        "by_key": {row["key"]: row for row in rows},
        "sections": sections,
        "charts": charts or {},
        "changes": [
            {
                "label": c["label"],
                "unit": c.get("unit", ""),
                "before": _number(c.get("before")),
                "after": _number(c.get("after")),
            }
            for c in changes.get("changed", [])
        ],
    }


def template_path() -> Path | str:
    """The Word template in use: the newest uploaded one, else the default."""
    from .models import ReportTemplate

    uploaded = ReportTemplate.objects.filter(kind=KEY).first()
    return uploaded.file.path if uploaded else DEFAULT_TEMPLATE


def build(params: dict, path: str, snap: dict) -> int:
    """Render the snapshot into the template at ``path``; returns the number of figures."""
    from docxtpl import DocxTemplate

    template = DocxTemplate(str(template_path()))
    with translation.override(settings.LANGUAGE_CODE), tempfile.TemporaryDirectory() as folder:
        charts = draw_charts(template, snap, Path(folder))
        template.render(context_for(snap, charts), autoescape=True)
        template.save(path)
    return len(snap["figures"])


def build_appendix(params: dict, path: str) -> int:
    """The month's ledgers as the person who asked may read them, one sheet each."""
    from django.contrib.auth import get_user_model

    from .ledgers import write_appendix

    user = get_user_model().objects.filter(pk=params.get("user")).first()
    start, end = month_period(int(params["year"]), int(params["month"]))
    return write_appendix(path, user, start, end, params.get("district") or None)


# --- the charts ---


def chart_font_path() -> Path:
    """The Simplified Chinese face of the CJK font the setup installs (fonts-noto-cjk), taken out of
    its collection once: matplotlib reads the first face of a .ttc, which is the Japanese one."""
    source = Path(settings.REPORT_CJK_FONT)
    if not source.is_file():
        raise FileNotFoundError(
            _("The Chinese font for the charts is missing (%(path)s); install fonts-noto-cjk.") % {"path": source}
        )
    if source.suffix.lower() != ".ttc":
        return source
    target = Path(tempfile.gettempdir()) / f"federation-{source.stem}-sc.otf"
    if not target.exists():
        from fontTools.ttLib import TTCollection

        collection = TTCollection(str(source))
        face = next(f for f in collection.fonts if f["name"].getDebugName(1).endswith(" SC"))
        partial = target.with_suffix(".part")
        face.save(str(partial))
        partial.replace(target)
    return target


def draw_charts(template, snap: dict, folder: Path) -> dict:
    """The trend of the largest counts over twelve months and this month against the previous month
    and last year, as pictures in the document (Chinese labels in the CJK font)."""
    import matplotlib

    matplotlib.use("Agg")
    from docx.shared import Mm
    from docxtpl import InlineImage
    from matplotlib import pyplot as plt
    from matplotlib.font_manager import FontProperties

    font = FontProperties(fname=str(chart_font_path()), size=9)
    counts = [f for f in snap["figures"] if f.get("count")]
    charts = {}

    # The counts that moved most over the year (a flat total says little), the largest first.
    def movement(f):
        values = [point["values"].get(f["key"]) or 0 for point in snap["trend"]]
        return (max(values) - min(values), f["value"] or 0)

    months = range(len(snap["trend"]))
    figure, axes = plt.subplots(figsize=(7.0, 3.2), dpi=150)
    for f in sorted(counts, key=movement, reverse=True)[:CHART_SERIES]:
        axes.plot(months, [point["values"].get(f["key"]) or 0 for point in snap["trend"]], marker="o", label=f["label"])
    axes.set_xticks(list(months), [point["month"] for point in snap["trend"]])
    axes.set_title(_("The last twelve months"), fontproperties=font)
    _finish_axes(axes, font, legend=bool(counts))
    charts["trend"] = _save(figure, folder / "trend.png", template, InlineImage, Mm, plt)

    def change(f):
        value = f["value"] or 0
        return (abs(value - (f.get("previous") or 0)) + abs(value - (f.get("last_year") or 0)), value)

    bars = sorted(counts, key=change, reverse=True)[:CHART_BARS]
    figure, axes = plt.subplots(figsize=(7.0, 3.4), dpi=150)
    width = 0.27
    positions = range(len(bars))
    for offset, (field, label) in enumerate(
        [
            ("value", month_label(snap["year"], snap["month"])),
            ("previous", _("Previous month")),
            ("last_year", _("Same month last year")),
        ]
    ):
        axes.bar([p + (offset - 1) * width for p in positions], [f.get(field) or 0 for f in bars], width, label=label)
    axes.set_xticks(list(positions), [f["label"] for f in bars])
    axes.set_title(_("This month against the previous month and last year"), fontproperties=font)
    _finish_axes(axes, font, legend=True)
    charts["compare"] = _save(figure, folder / "compare.png", template, InlineImage, Mm, plt)
    return charts


def _finish_axes(axes, font, legend: bool):
    for label in [*axes.get_xticklabels(), *axes.get_yticklabels()]:
        label.set_fontproperties(font)
    axes.tick_params(axis="x", labelrotation=30)
    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis="y", alpha=0.3)
    if legend:
        axes.legend(prop=font, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))


def _save(figure, path, template, InlineImage, Mm, plt):
    figure.tight_layout()
    figure.savefig(path)
    plt.close(figure)
    return InlineImage(template, str(path), width=Mm(160))


# --- templates an administrator uploads ---


def sample_snapshot() -> dict:
    """A snapshot to try a template with: this month's figures (so that every key a template may name
    is there), one month of trend, one made-up change."""
    now = timezone.localdate()
    figures = [
        {"key": f.key, "label": str(f.label), "unit": str(f.unit), "value": _plain(f.value),
         "previous": _plain(f.value), "last_year": _plain(f.value), "count": f.is_count, "rate": f.is_rate}
        for f in registry.figures_for(*month_period(now.year, now.month))
    ]  # fmt: skip
    return {
        "read_at": timezone.now().isoformat(),
        "year": now.year,
        "month": now.month,
        "district": "",
        "district_name": "",
        "figures": figures,
        "trend": [{"month": month_label(now.year, now.month), "values": {f["key"]: f["value"] for f in figures}}],
        "changes": {"changed": [{"label": "示例", "unit": "", "before": 1, "after": 2}]},
    }


def check_template(fileobj) -> list[str]:
    """Why a Word file cannot serve as the monthly report's template (empty: it can): a placeholder
    Jinja cannot parse, a name the report does not give, or a render that fails on this month's figures
    (e.g. a figure's key that does not exist)."""
    from docxtpl import DocxTemplate
    from jinja2 import TemplateError, TemplateSyntaxError

    try:
        template = DocxTemplate(fileobj)
        names = template.get_undeclared_template_variables()
    except TemplateSyntaxError as exc:
        return [_("A placeholder cannot be read: %(message)s (near “%(source)s”)")
                % {"message": exc.message, "source": _near(exc)}]  # fmt: skip
    except Exception as exc:  # not a Word document docxtpl can open
        return [_("The file cannot be opened as a Word template: %(error)s") % {"error": exc}]
    unknown = sorted(set(names) - set(VARIABLES))
    if unknown:
        return [_("Unknown placeholder names: %(names)s. The report gives: %(known)s.")
                % {"names": "、".join(unknown), "known": "、".join(VARIABLES)}]  # fmt: skip
    try:
        fileobj.seek(0)
        template = DocxTemplate(fileobj)
        snap = sample_snapshot()
        with tempfile.TemporaryDirectory() as folder:
            template.render(context_for(snap, draw_charts(template, snap, Path(folder))), autoescape=True)
    except TemplateError as exc:
        return [_("The template fails on sample figures: %(error)s") % {"error": exc}]
    return []


def _near(exc) -> str:
    """The text of the line a syntax error was found on, without the document's XML."""
    import re

    lines = (exc.source or "").splitlines()
    line = lines[exc.lineno - 1] if exc.lineno and exc.lineno <= len(lines) else ""
    return re.sub(r"<[^>]+>", "", line).strip()[:120]


# --- asking for it, and the schedule ---


def request_monthly_report(user, year: int, month: int, district=None, *, scheduled=False):
    """Ask for the month's Word report and its appendix of ledgers (two files in the report centre).
    The schedule (``scheduled``) builds them itself instead of queueing them."""
    from .reports import request_report

    params = {"year": year, "month": month, "district": getattr(district, "pk", district) or ""}
    title = report_title(year, month)
    if district:
        title = f"{title}（{getattr(district, 'name', district)}）"
    report = request_report(KEY, params, user, title, scheduled=scheduled, queue=not scheduled)
    appendix = request_report(
        APPENDIX_KEY, {**params, "user": user.pk}, user, _("%(title)s, appendix of ledgers") % {"title": title},
        scheduled=scheduled, queue=not scheduled,
    )  # fmt: skip
    return report, appendix


def leadership():
    from django.contrib.auth import get_user_model

    from .roles import LEADERSHIP

    return get_user_model().objects.filter(groups__name=LEADERSHIP, is_active=True).exclude(email="").order_by("pk")


def send_monthly_reports(year: int | None = None, month: int | None = None) -> int:
    """The scheduled run (1st of the month, 08:00): the previous month's report and appendix for each
    member of leadership, built here and sent to them by email. Safe to run twice: a report already
    asked for by the schedule is reused, one already sent is not sent again. Returns emails sent."""
    from .models import Report
    from .reports import build as build_report
    from .reports import mark_emailed

    if year is None or month is None:
        year, month = shift_month(*_today_month(), -1)
    sent = 0
    for leader in leadership():
        mine = Report.objects.filter(created_by=leader, scheduled=True, params__year=year, params__month=month)
        report = mine.filter(kind=KEY, params__district="").first()
        appendix = mine.filter(kind=APPENDIX_KEY, params__district="").first()
        if report is None or appendix is None:
            report, appendix = request_monthly_report(leader, year, month, scheduled=True)
        for each in (report, appendix):
            build_report(each.pk)  # idempotent: a finished report is left as it is
            each.refresh_from_db()
        if report.status != Report.Status.DONE or report.emailed_at:
            continue
        _email(leader, report, appendix)
        mark_emailed(report)
        sent += 1
    return sent


def _email(user, report, appendix):
    from django.core.mail import EmailMessage

    message = EmailMessage(
        subject=report.title,
        body=_(
            "Attached is %(title)s generated by the portal, with the month's ledgers as its appendix when it "
            "could be built. Both files are also in your report centre."
        )
        % {"title": report.title},
        to=[user.email],
    )
    for each in (report, appendix):
        if each.status == each.Status.DONE and each.file:
            with each.file.open("rb") as f:
                message.attach(f"{each.title}.{each.format}", f.read(), registry.REPORT_FORMATS[each.format])
    message.send()


def register():
    """The core's report kinds for the monthly report (called from ``FederationConfig.ready``)."""
    registry.reports.register(
        registry.ReportKind(
            KEY,
            gettext_lazy("Monthly work report"),
            PERMISSION,
            build,
            "monthly-report.docx",
            format="docx",
            param_form=MonthlyReportForm,
            snapshot=snapshot,
        )
    )
    registry.reports.register(
        registry.ReportKind(
            APPENDIX_KEY,
            gettext_lazy("Monthly work report, appendix of ledgers"),
            PERMISSION,
            build_appendix,
            "monthly-appendix.xlsx",
        )  # fmt: skip
    )
