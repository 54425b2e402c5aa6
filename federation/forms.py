"""Forms of the core."""

from django import forms

from .models import CalendarDay


class DateInput(forms.DateInput):
    """The browser's date picker (``type=date``), which only shows a value written as YYYY-MM-DD,
    whatever the language's display format."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class CalendarDayForm(forms.ModelForm):
    """A day off or a make-up working day in the holiday calendar."""

    class Meta:
        model = CalendarDay
        fields = ["date", "kind", "name", "source"]
        widgets = {"date": DateInput}
