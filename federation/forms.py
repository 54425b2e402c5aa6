"""Forms of the core."""

from django import forms

from .models import CalendarDay


class CalendarDayForm(forms.ModelForm):
    """A day off or a make-up working day in the holiday calendar."""

    class Meta:
        model = CalendarDay
        fields = ["date", "kind", "name", "source"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}
