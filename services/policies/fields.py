"""A field holding several choices in one column (",medium,small,"), queryable on every database
the project runs on (PostgreSQL and the embedded SQLite): "has ``small``" is ``contains=",small,"``
and "any" is the empty string. Used for the policy's conditions on the enterprise's choice fields."""

from django import forms
from django.db import models


class ChoiceListField(models.CharField):
    """A list of choice values stored delimited by commas, with a comma at each end."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def to_python(self, value):
        if isinstance(value, list | tuple):
            return list(value)
        return [v for v in (value or "").split(",") if v]

    def get_prep_value(self, value):
        if isinstance(value, list | tuple):
            return f",{','.join(value)}," if value else ""
        return value or ""

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def validate(self, value, model_instance):
        # Each value must be one of the choices; the list itself is not one.
        allowed = {str(k) for k, _label in self.choices or []}
        for v in self.to_python(value):
            if v not in allowed:
                raise forms.ValidationError(self.error_messages["invalid_choice"], params={"value": v})
        if not self.blank and not value:
            raise forms.ValidationError(self.error_messages["blank"])

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=self.choices,
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
            widget=forms.CheckboxSelectMultiple,
            **{k: v for k, v in kwargs.items() if k in ("label", "help_text", "widget")},
        )

    def get_choices(self, *args, **kwargs):
        return super().get_choices(include_blank=False)
