"""Policy matching (政策匹配) with the reason shown: the one module the enterprise page's panel, the
public matcher and a policy's outreach list all use, so the three never disagree.

A policy names, for five fields of the enterprise record, the values it applies to (each empty: any):
industry section, key industry cluster, scale, entity type, district. For an enterprise (or what a
visitor picked on the public matcher: a ``Profile``) each condition is

* ``PASS``: the policy takes any value, or the enterprise's value is among those it names;
* ``FAIL``: the enterprise's value is not among them — "规模 不符（政策要求：中型、小型；本企业：大型）";
* ``UNKNOWN``: the policy names values but the enterprise's field is empty — "规模 未填写", which is
  not the same as 不符: filling the field in may make it apply.

The policy then *matches* (every condition passes), *may match* (none fails, some are unknown), is a
*near miss* (exactly one fails) or does not apply. Both directions run in SQL: the policies for one
profile (at most a few thousand policies, each condition a correlated EXISTS or a LIKE on the
delimited choice list) and the enterprises of one policy (``enterprises_q``: a filter on the
register's indexed columns, never Python over 250,000 rows).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from django.db.models import Case, Exists, OuterRef, Q, Value, When
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from enterprises.choices import Cluster, EntityType, RegistryStatus, Scale

from .models import Policy

PASS, FAIL, UNKNOWN = "pass", "fail", "unknown"
MATCH, MAYBE, NEAR, NONE = "match", "maybe", "near", "none"
SEPARATOR = "、"


@dataclass(frozen=True)
class Condition:
    """One condition: the enterprise's field (``name``, also the ``Profile`` attribute) and the
    policy's field naming the values it applies to (a many-to-many, or a ``ChoiceListField``)."""

    name: str
    policy_field: str
    label: object
    choices: type | None = None  # the TextChoices of a choice field; None for a many-to-many

    @property
    def is_relation(self) -> bool:
        return self.choices is None

    def through(self):
        """(through model, its column naming the related row) of a many-to-many condition."""
        m2m = Policy._meta.get_field(self.policy_field)
        through = m2m.remote_field.through
        target = m2m.m2m_reverse_field_name()
        return through, f"{target}_id"


CONDITIONS = (
    Condition("industry_section", "industry_sections", gettext_lazy("Industry section")),
    Condition("cluster", "clusters", gettext_lazy("Key industry cluster"), Cluster),
    Condition("scale", "scales", gettext_lazy("Scale"), Scale),
    Condition("entity_type", "entity_types", gettext_lazy("Entity type"), EntityType),
    Condition("district", "districts", gettext_lazy("District / county"), None),
)


@dataclass(frozen=True)
class Profile:
    """What matching reads of an enterprise: its record's five fields, or what a visitor picked."""

    industry_section: object = None  # federation.Industry or None
    cluster: str = ""
    scale: str = ""
    entity_type: str = ""
    district: object = None  # federation.Division or None

    @classmethod
    def of(cls, enterprise) -> Profile:
        return cls(
            industry_section=enterprise.industry_section,
            cluster=enterprise.cluster,
            scale=enterprise.scale,
            entity_type=enterprise.entity_type,
            district=enterprise.district,
        )

    def key(self, condition: Condition):
        """The value the database compares: a related row's pk or a choice's value ("" / None: empty)."""
        value = getattr(self, condition.name)
        return getattr(value, "pk", value) if condition.is_relation else (value or "")

    def display(self, condition: Condition) -> str:
        value = getattr(self, condition.name)
        if condition.is_relation:
            return _label_of(value)
        return choice_labels(condition.choices).get(value, value)


@lru_cache(maxsize=64)
def _labels(choices: type, language: str) -> dict[str, str]:
    """A choice class's labels in ``language`` (read once per language: explaining a page of
    policies reads them hundreds of times)."""
    return {value: str(label) for value, label in choices.choices}


def choice_labels(choices: type) -> dict[str, str]:
    return _labels(choices, get_language() or "")


def _label_of(obj) -> str:
    """An industry section or a district by name (an Industry's str() carries its code)."""
    return getattr(obj, "name", "") or ""


@dataclass(frozen=True)
class Check:
    """The outcome of one condition for one enterprise, with what the policy requires."""

    condition: Condition
    state: str
    required: tuple[str, ...]  # empty: any
    actual: str

    @property
    def message(self) -> str:
        label = str(self.condition.label)
        if self.state == UNKNOWN:
            return _("%(condition)s not filled in") % {"condition": label}
        if self.state == FAIL:
            return _(
                "%(condition)s does not match (the policy requires: %(required)s; this enterprise: %(actual)s)"
            ) % {
                "condition": label,
                "required": SEPARATOR.join(self.required),
                "actual": self.actual,
            }
        if not self.required:
            return _("%(condition)s: any") % {"condition": label}
        return _("%(condition)s matches (%(actual)s)") % {"condition": label, "actual": self.actual}


@dataclass
class Result:
    """A policy for one enterprise: each condition's check and what they add up to."""

    policy: Policy
    checks: list[Check] = field(default_factory=list)

    @property
    def failing(self) -> list[Check]:
        return [c for c in self.checks if c.state == FAIL]

    @property
    def unknown(self) -> list[Check]:
        return [c for c in self.checks if c.state == UNKNOWN]

    @property
    def open_checks(self) -> list[Check]:
        """What stands between the enterprise and the policy: failing first, then unknown."""
        return self.failing + self.unknown

    @property
    def reasons(self) -> list[Check]:
        """The conditions the policy sets that the enterprise meets (the "why it applies")."""
        return [c for c in self.checks if c.state == PASS and c.required]

    @property
    def kind(self) -> str:
        return kind_of(len(self.failing), len(self.unknown))


def required_values(policy: Policy, condition: Condition) -> tuple[list, tuple[str, ...]]:
    """(keys, labels) of the values ``policy`` names for ``condition`` (both empty: any). Reads a
    prefetched many-to-many when there is one."""
    if condition.is_relation:
        rows = list(getattr(policy, condition.policy_field).all())
        return [r.pk for r in rows], tuple(_label_of(r) for r in rows)
    values = getattr(policy, condition.policy_field)
    labels = choice_labels(condition.choices)
    return list(values), tuple(labels.get(v, v) for v in values)


def explain(policy: Policy, profile: Profile) -> Result:
    """Each condition of ``policy`` checked against ``profile``, with its message."""
    result = Result(policy)
    for condition in CONDITIONS:
        keys, labels = required_values(policy, condition)
        value = profile.key(condition)
        if not keys:
            state = PASS
        elif value in (None, ""):
            state = UNKNOWN
        else:
            state = PASS if value in keys else FAIL
        result.checks.append(Check(condition, state, labels, profile.display(condition)))
    return result


# --- the policies for one profile (SQL) ---


def _condition_sql(condition: Condition, value):
    """(fails, unknown) of one condition for a policy row: SQL expressions giving 0 or 1."""
    if condition.is_relation:
        through, column = condition.through()
        links = through.objects.filter(policy_id=OuterRef("pk"))
        any_value = ~Q(Exists(links))
        if value in (None, ""):
            return Value(0), Case(When(any_value, then=Value(0)), default=Value(1))
        has = Q(Exists(links.filter(**{column: value})))
        return Case(When(any_value | has, then=Value(0)), default=Value(1)), Value(0)
    any_value = Q(**{condition.policy_field: ""})
    if not value:
        return Value(0), Case(When(any_value, then=Value(0)), default=Value(1))
    has = Q(**{f"{condition.policy_field}__contains": f",{value},"})
    return Case(When(any_value | has, then=Value(0)), default=Value(1)), Value(0)


def annotate(queryset, profile: Profile):
    """``queryset`` of policies with ``fails`` and ``unknowns``: how many conditions fail or are
    unknown for ``profile``."""
    fails, unknowns = [], []
    for condition in CONDITIONS:
        f, u = _condition_sql(condition, profile.key(condition))
        fails.append(f)
        unknowns.append(u)
    return queryset.annotate(fails=sum(fails[1:], fails[0]), unknowns=sum(unknowns[1:], unknowns[0]))


def kind_of(fails: int, unknowns: int) -> str:
    """What a policy's counts of failing and unknown conditions add up to (as ``Result.kind``)."""
    if fails == 0:
        return MAYBE if unknowns else MATCH
    return NEAR if fails == 1 else NONE


@dataclass
class Matches:
    """The policies for one profile, by kind (each list at most ``limit`` long) with the full counts."""

    match: list[Result]
    maybe: list[Result]
    near: list[Result]
    counts: dict[str, int]


def policies_for(profile: Profile, queryset=None, *, limit: int | None = 20, on=None) -> Matches:
    """The published policies in force that apply to ``profile``, those that may apply (a field not
    filled in) and the near misses (one condition fails), each explained, newest first. Four queries
    whatever the number of policies: the conditions evaluated once in SQL (ids and counts only), then
    the policies shown, with their sections and districts."""
    base = annotate(Policy.objects.in_force(on) if queryset is None else queryset, profile)
    rows = base.filter(fails__lte=1).order_by("-issued_on", "-pk").values_list("pk", "fails", "unknowns")
    ids: dict[str, list[int]] = {MATCH: [], MAYBE: [], NEAR: []}
    for pk, fails, unknowns in rows:
        ids[kind_of(fails, unknowns)].append(pk)
    counts = {kind: len(pks) for kind, pks in ids.items()}
    shown = {kind: pks[:limit] if limit else pks for kind, pks in ids.items()}
    wanted = [pk for pks in shown.values() for pk in pks]
    policies = Policy.objects.prefetch_related("industry_sections", "districts").in_bulk(wanted) if wanted else {}
    explained = {kind: [explain(policies[pk], profile) for pk in pks] for kind, pks in shown.items()}
    return Matches(explained[MATCH], explained[MAYBE], explained[NEAR], counts)


# --- the enterprises of one policy (SQL over the register) ---


def enterprises_q(policy: Policy) -> Q:
    """The active enterprises a policy applies to, as a filter on the register's own columns (each
    indexed): every condition the policy sets, none for those it leaves open."""
    q = Q(registry_status=RegistryStatus.ACTIVE)
    for condition in CONDITIONS:
        if condition.is_relation:
            through, column = condition.through()
            keys = list(through.objects.filter(policy_id=policy.pk).values_list(column, flat=True))
            if keys:
                q &= Q(**{f"{condition.name}_id__in": keys})
        else:
            values = getattr(policy, condition.policy_field)
            if values:
                q &= Q(**{f"{condition.name}__in": values})
    return q


def matching_enterprises(policy: Policy):
    """The enterprises ``policy`` applies to (a queryset: count it, page it, export it)."""
    from enterprises.models import Enterprise

    return Enterprise.objects.filter(enterprises_q(policy))
