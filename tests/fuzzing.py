"""What the fuzz tests type into the public forms and write into import files (Hypothesis
strategies), and the checks every fuzzed answer must pass.

The text is what reaches a public form from a phone or a robot: full-width digits from a Chinese
IME, control characters and NUL bytes, right-to-left marks, emoji, very long pastes, SQL- and
HTML-looking text, phone numbers typed every way, the wrong type for a choice, fields missing and
fields nobody asked for. The bounds (``FUZZ``) keep the whole fuzz run under a minute.
"""

import os
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# Each fuzz test: a few dozen examples, no per-example deadline (a first request warms caches and
# templates), and the function-scoped fixtures (client, db) shared by its examples on purpose:
# every example measures its own before and after.
FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Strings people (and robots) really send; Hypothesis mixes them with generated text.
SAMPLES = [
    "",
    " ",
    "\x00",
    "青海\x00光伏",
    "\x00" * 3,
    "\u202e司公限有技科\u202c",  # RTL override
    "\u200f\u200e\u200b\ufeff",  # RTL/LTR marks, zero-width space, BOM
    "😀🏭🇨🇳",
    "１２３４５６７８９０",
    "²³¹",  # digits to str.isdigit(), not to int()
    "١٢٣",  # Arabic-Indic digits
    "' OR 1=1 --",
    "'; DROP TABLE enterprises_enterprise; --",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ 7|add:7 }}{% now 'Y' %}",
    "%s%d%(x)s",
    '=HYPERLINK("http://x")',
    "\r\n\t\v\f\x1c\x85\u2028",
    "a" * 5000,
    "字" * 20001,
    "-1",
    "0",
    "9" * 40,
    "1e309",
    "NaN",
    "-Infinity",
    "1.5",
    "true",
    "None",
    "[]",
    "{}",
]

# Every character but the lone surrogates (they cannot be sent as UTF-8 at all).
characters = st.characters(blacklist_categories=("Cs",))
text = st.one_of(st.text(characters, max_size=60), st.sampled_from(SAMPLES))


def _full_width(s: str) -> str:
    return s.translate({ord(d): chr(0xFF10 + int(d)) for d in "0123456789"})


@st.composite
def mobile_typed(draw):
    """``(typed, stored)``: a valid mobile number and one way a person may type it."""
    digits = draw(st.sampled_from("3456789")) + draw(st.text("0123456789", min_size=9, max_size=9))
    number = "1" + digits
    sep = draw(st.sampled_from(["", " ", "-", " - ", "\u3000", "  "]))
    grouped = draw(st.sampled_from([[number], [number[:3], number[3:7], number[7:]], [number[:3], number[3:]]]))
    typed = sep.join(grouped)
    if draw(st.booleans()):
        typed = "".join(_full_width(c) if draw(st.booleans()) else c for c in typed)
    prefix = draw(st.sampled_from(["", "+86", "+86 ", "0086", "0086 ", "+86-", "＋８６ ", "86"]))
    # "86" is the country code without its plus: only ever before the bare eleven digits.
    typed = "86" + number if prefix == "86" else prefix + typed
    padding = draw(st.sampled_from(["", " ", "\t", "\u3000"]))
    return padding + typed + padding, number


phone_like = st.one_of(mobile_typed().map(lambda pair: pair[0]), text, st.text("0123456789+- ()", max_size=25))

# A choice field given its wrong type: numbers, lists' text, a neighbour's value.
wrong_choice = st.one_of(st.integers().map(str), st.floats(allow_nan=True).map(str), text)

# A value as the client sends it: a string, or several values under one name.
value = st.one_of(text, st.integers(min_value=-(10**20), max_value=10**20).map(str), st.lists(text, max_size=3))

# Names of fields nobody asked for (and some that exist on the model but not on the form).
extra_names = st.one_of(
    st.sampled_from(["id", "pk", "status", "code", "created_by", "history_user", "consent_at", "version", "is_staff"]),
    st.text(st.characters(whitelist_categories=("Ll", "Nd")), min_size=1, max_size=12),
)


@st.composite
def mutations(draw, fields, values=None):
    """``(overrides, missing, extras)`` for a form whose field names are ``fields``: some fields set
    to fuzz (``values`` maps a field to its own strategy), some left out, some unknown ones added."""
    values = values or {}
    names = draw(st.sets(st.sampled_from(sorted(fields)), max_size=len(fields)))
    overrides = {name: draw(values.get(name, value)) for name in names}
    missing = draw(st.sets(st.sampled_from(sorted(fields)), max_size=3))
    extras = draw(st.dictionaries(extra_names, value, max_size=2))
    return overrides, missing, extras


def apply_mutations(data: dict, mutation) -> dict:
    overrides, missing, extras = mutation
    out = {**extras, **data, **overrides}
    for name in missing:
        out.pop(name, None)
    return out


def files_under(root) -> set[str]:
    """Every file under ``root`` (the attachments on disk), as relative paths."""
    root = Path(root)
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def assert_answered(response):
    """Never a server error: no 500, and no exception raised inside the view either."""
    assert response.status_code < 500, f"{response.status_code} from {response.request['PATH_INFO']}"
    assert getattr(response, "exc_info", None) is None, response.exc_info
