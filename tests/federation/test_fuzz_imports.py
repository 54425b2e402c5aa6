"""Every registered import, fuzzed at the engine (issue #15): rows of cells of every type a
spreadsheet holds (text, whole and decimal numbers, empty cells, dates and times, yes/no; codes and
phone numbers that became numbers; blank rows), some headers wrong, written into a real XLSX file
and a real CSV file. Whatever the file holds:

* the dry run and the apply end with a summary or refuse the whole file (``ImportRefused``, in
  Chinese), never with another exception;
* every row that is not blank is counted, valid or invalid: nothing is dropped;
* each invalid row is reported with its row number in the file and a reason in Chinese;
* the dry run changes nothing, a refused file changes nothing, and the apply writes exactly what
  the dry run counted.

The valid-looking cells come from each app's own import tests (their ``row`` helpers), so a
fuzzed row is often one bad cell away from a good one.
"""

import csv
import datetime
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chambers.models import Membership
from enterprises.models import Enterprise
from federation.exports import write_xlsx
from federation.imports import engine, registry
from federation.imports.cells import cell_text
from federation.imports.reading import ImportRefused
from tests.chambers.factories import ChamberFactory
from tests.chambers.test_member_import import row as member_row
from tests.enterprises.factories import EnterpriseFactory
from tests.enterprises.test_imports import row as enterprise_row
from tests.fuzzing import FUZZ, SAMPLES, characters
from tests.villages.test_import import row as pairing_row
from villages.models import Pairing, PairingProject

pytestmark = pytest.mark.django_db
# Six runs (three specs, two formats), each writing a file and importing it twice: half the examples.
IMPORT_FUZZ = settings(FUZZ, max_examples=max(1, FUZZ.max_examples // 2))

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def enterprises_setup():
    return Enterprise, lambda: enterprise_row(1)


def members_setup():
    chamber, enterprise = ChamberFactory(), EnterpriseFactory()
    return Membership, lambda: member_row(chamber, enterprise)


def pairings_setup():
    enterprise = EnterpriseFactory()
    return PairingProject, lambda: pairing_row([enterprise.uscc])


# Every registered spec must be here: a new import is fuzzed as soon as it is registered.
SETUPS = {"enterprises": enterprises_setup, "chambers.members": members_setup, "villages.pairings": pairings_setup}


def test_every_registered_import_is_fuzzed():
    assert {spec.key for spec in registry.all_specs()} == set(SETUPS)


def as_number(text):
    """A code or phone number as a spreadsheet keeps it once it has decided it is a number."""
    try:
        return int(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            return text


short_text = st.one_of(st.text(characters, max_size=30), st.sampled_from([s for s in SAMPLES if len(s) < 6000]))


def cells(kind):
    """Any cell a spreadsheet (``kind`` "xlsx") or a CSV file may hold."""
    floats = st.floats(allow_nan=kind == "csv", allow_infinity=kind == "csv")
    return st.one_of(
        st.none(),
        short_text,
        st.integers(min_value=-(10**18), max_value=10**18),
        floats,
        st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-(10**12), max_value=10**12),
        st.dates(min_value=datetime.date(1900, 1, 1)),
        st.datetimes(min_value=datetime.datetime(1900, 1, 1)),
        st.booleans(),
    )


@st.composite
def fuzzed_file(draw, kind, good_row, headers):
    """``(headers, rows)``: rows of cells, each cell the good row's or any cell; some blank rows;
    now and then a header missing, renamed, doubled or added."""
    rows = []
    for _ in range(draw(st.integers(min_value=0, max_value=6))):
        shape = draw(st.sampled_from(["fuzzed", "fuzzed", "fuzzed", "good", "blank", "spaces"]))
        good = good_row()
        if shape == "blank":
            rows.append(dict.fromkeys(headers))
        elif shape == "spaces":
            rows.append(dict.fromkeys(headers, draw(st.sampled_from(["", " ", "\u3000", "\t"]))))
        elif shape == "good":
            rows.append(good)
        else:
            rows.append(
                {
                    h: draw(st.one_of(st.just(good[h]), st.just(as_number(good[h])), cells(kind)))
                    if draw(st.booleans())
                    else good[h]
                    for h in headers
                }
            )
    written = list(headers)
    change = draw(st.sampled_from(["none"] * 6 + ["drop", "rename", "double", "extra", "blank"]))
    if change == "drop" and written:
        written.pop(draw(st.integers(min_value=0, max_value=len(written) - 1)))
    elif change == "rename":
        i = draw(st.integers(min_value=0, max_value=len(written) - 1))
        written[i] = written[i] + draw(st.sampled_from(["（元）", " ", "2", "\x00"]))
    elif change == "double":
        written.append(written[0])
    elif change == "extra":
        written.append(draw(st.sampled_from(["备注2", "原行号", "错误原因", "=1+1", "😀"])))
    elif change == "blank":
        written.append("")
    return written, rows


def write_file(path, kind, headers, rows):
    lines = [[r.get(h) if h in r else None for h in headers] for r in rows]
    if kind == "xlsx":
        write_xlsx(path, headers, lines)
    else:
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(headers)
            for line in lines:
                writer.writerow(["" if c is None else c for c in line])
    return path


SETUP_MODELS = (Enterprise, Membership, Pairing, PairingProject)


def counts():
    return tuple(model.objects.count() for model in SETUP_MODELS)


def blank(row, spec_headers):
    return not any(cell_text(row.get(h)) for h in spec_headers)


def check_summary(summary, rows, spec_headers):
    """Nothing dropped; every invalid row reported with its row number and a Chinese reason."""
    expected = sum(1 for r in rows if not blank(r, spec_headers))
    assert summary.total == expected, f"{summary.line()} for {expected} rows that are not blank"
    numbers = [entry["row"] for entry in summary.preview]
    assert len(numbers) == len(set(numbers)) == min(summary.invalid, engine.PREVIEW_ROWS)
    for entry in summary.preview:
        assert 2 <= entry["row"] <= len(rows) + 1, entry
        assert not blank(rows[entry["row"] - 2], spec_headers), entry
        assert entry["errors"], entry
        for header, reason in entry["errors"]:
            assert CHINESE.search(reason), (header, reason)


def fuzz_import(key, kind, tmp_path, data):
    spec = registry.get(key)
    model, good_row = SETUPS[key]()
    headers, rows = data.draw(fuzzed_file(kind, good_row, spec.headers))
    path = write_file(tmp_path / f"fuzz.{kind}", kind, headers, rows)
    before = counts()
    try:
        dry = engine.process(spec, path, name=f"fuzz.{kind}")
    except ImportRefused as exc:
        assert CHINESE.search(str(exc)), str(exc)
        # A CSV holding a NUL byte is no text file: refused whole, by design (reading._open_csv).
        nul = kind == "csv" and b"\x00" in path.read_bytes()
        assert nul or not (headers == spec.headers and rows), "a file with the template's headers refused"
        with pytest.raises(ImportRefused):
            engine.process(spec, path, name=f"fuzz.{kind}", apply=True)
        assert counts() == before
        return
    assert counts() == before, "the dry run changed something"
    check_summary(dry, rows, spec.headers)
    applied = engine.process(spec, path, name=f"fuzz.{kind}", apply=True)
    assert applied.line() == dry.line()
    assert model.objects.count() == before[list(SETUP_MODELS).index(model)] + applied.created


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@pytest.mark.parametrize("key", sorted(SETUPS))
@IMPORT_FUZZ
@given(data=st.data())
def test_an_import_never_fails_counts_every_row_and_applies_what_the_dry_run_counted(key, kind, tmp_path, data):
    fuzz_import(key, kind, tmp_path, data)


@pytest.mark.parametrize("key", sorted(SETUPS))
def test_a_file_of_blank_and_space_only_rows_counts_nothing(key, tmp_path):
    spec = registry.get(key)
    SETUPS[key]()
    rows = [dict.fromkeys(spec.headers), dict.fromkeys(spec.headers, " "), dict.fromkeys(spec.headers, "\u3000")]
    for kind in ("xlsx", "csv"):
        path = write_file(tmp_path / f"blank.{kind}", kind, spec.headers, rows)
        assert engine.process(spec, path).total == 0


@pytest.mark.parametrize("key", sorted(SETUPS))
def test_codes_and_phones_stored_as_numbers_still_import(key, tmp_path):
    spec = registry.get(key)
    _model, good_row = SETUPS[key]()
    good = good_row()
    numeric = {h: as_number(v) if isinstance(v, str) and v.isdigit() else v for h, v in good.items()}
    path = write_file(tmp_path / "numbers.xlsx", "xlsx", spec.headers, [numeric])
    summary = engine.process(spec, path)
    assert summary.invalid == 0, summary.preview


def test_a_csv_with_a_nul_byte_past_its_first_64_kb_is_refused_and_changes_nothing(tmp_path):
    """Found by the fuzzing: the NUL check read only the first 64 KB, so a NUL further down reached
    the database on apply (PostgreSQL refuses NUL in text: an unhandled error, not a reason)."""
    spec = registry.get("enterprises")
    padding = [enterprise_row(n, notes="备" * 200) for n in range(2, 130)]
    path = write_file(
        tmp_path / "late-nul.csv", "csv", spec.headers, [*padding, enterprise_row(1, contact_person="赵\x00六")]
    )
    assert path.stat().st_size > 64 * 1024
    before = counts()
    for apply in (False, True):
        with pytest.raises(ImportRefused, match="不是电子表格"):
            engine.process(spec, path, apply=apply)
    assert counts() == before


@pytest.mark.parametrize("key", sorted(SETUPS))
def test_a_job_whose_file_is_refused_fails_with_a_chinese_reason_and_saves_nothing(key, tmp_path):
    """The same through the job (the web pages' and the command's path): the check and the apply of a
    file with a header missing and a NUL byte both end as 失败 with the reason, nothing written."""
    from django.core.files import File

    from federation.imports import jobs
    from federation.imports.models import ImportJob

    spec = registry.get(key)
    _model, good_row = SETUPS[key]()
    path = write_file(tmp_path / "bad.csv", "csv", spec.headers[1:], [good_row(), {spec.headers[1]: "\x00"}])
    before = counts()
    for apply_now in (False, True):
        with open(path, "rb") as handle:
            job = jobs.create_job(spec, File(handle), name="bad.csv", size=path.stat().st_size, apply_now=apply_now)
        with pytest.raises(ImportRefused):
            engine.run_job(job.pk, apply=apply_now, progress=False)
        job.refresh_from_db()
        assert job.status == ImportJob.Status.FAILED and CHINESE.search(job.error), job.error
    assert counts() == before
