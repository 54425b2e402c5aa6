"""Correcting and deleting an annual inspection or a Four-Good rating: staff only, back to the chamber's
page, a duplicate year refused beside the year with nothing changed, a rating's validity recomputed."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from chambers.models import AnnualInspection, FourGoodRating
from tests.chambers.factories import ChamberFactory
from tests.kit import roles_map

pytestmark = pytest.mark.django_db


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def inspection():
    return AnnualInspection.objects.create(
        chamber=ChamberFactory(name="西宁市五金机电商会"),
        year=2025,
        result="passed",
        inspected_on=datetime.date(2026, 4, 1),
    )


@pytest.fixture
def rating():
    return FourGoodRating.objects.create(
        chamber=ChamberFactory(),
        year=2025,
        political_score=90,
        team_score=85,
        service_score=88,
        discipline_score=92,
        level="city",
        rated_on=datetime.date(2025, 12, 20),
    )


def rating_data(rating, **changes):
    data = {
        "year": rating.year,
        "political_score": rating.political_score,
        "team_score": rating.team_score,
        "service_score": rating.service_score,
        "discipline_score": rating.discipline_score,
        "evidence": "",
        "review": "",
        "level": rating.level,
        "rated_on": rating.rated_on.isoformat(),
    }
    return data | changes


def test_only_staff_and_admin_open_the_correction_and_delete_pages(assert_roles, inspection, rating, secretary):
    inspection.chamber.secretaries.add(secretary)  # even the chamber's own secretary does not correct them
    expected = roles_map({"admin", "staff"})
    for name, pk in (("annualinspection", inspection.pk), ("fourgoodrating", rating.pk)):
        assert_roles(reverse(f"chambers:{name}_edit", args=[pk]), expected)
        assert_roles(reverse(f"chambers:{name}_delete", args=[pk]), expected)


def test_the_chamber_page_offers_the_corrections_to_staff_only(staff, leader, inspection):
    url = inspection.chamber.get_absolute_url()
    edit = reverse("chambers:annualinspection_edit", args=[inspection.pk])
    assert edit in client_for(staff).get(url).content.decode()
    assert edit not in client_for(leader).get(url).content.decode()


def test_staff_correct_an_inspection_and_return_to_the_chamber_page(staff, inspection):
    response = client_for(staff).post(
        reverse("chambers:annualinspection_edit", args=[inspection.pk]),
        {"year": 2025, "result": "basic", "inspected_on": "2026-04-02", "notes": "补交材料后复核"},
    )
    assert response.status_code == 302 and response["Location"] == inspection.chamber.get_absolute_url()
    inspection.refresh_from_db()
    assert (inspection.result, inspection.inspected_on, inspection.notes) == (
        "basic",
        datetime.date(2026, 4, 2),
        "补交材料后复核",
    )
    assert inspection.history.first().history_user == staff


def test_correcting_an_inspection_to_a_year_already_recorded_is_refused_and_keeps_what_was_typed(staff, inspection):
    AnnualInspection.objects.create(
        chamber=inspection.chamber, year=2024, result="failed", inspected_on=datetime.date(2025, 4, 1)
    )
    response = client_for(staff).post(
        reverse("chambers:annualinspection_edit", args=[inspection.pk]),
        {"year": 2024, "result": "basic", "inspected_on": "2026-04-02", "notes": ""},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["year"] == ["该商会该年度已有年检记录。"]
    assert form["result"].value() == "basic"
    inspection.refresh_from_db()
    assert (inspection.year, inspection.result) == (2025, "passed")


def test_correcting_a_ratings_date_moves_its_validity_and_withdrawing_its_result_ends_it(staff, rating):
    assert rating.valid_until == datetime.date(2027, 12, 20)
    url = reverse("chambers:fourgoodrating_edit", args=[rating.pk])
    assert client_for(staff).post(url, rating_data(rating, rated_on="2026-01-10")).status_code == 302
    rating.refresh_from_db()
    assert rating.valid_until == datetime.date(2028, 1, 10)
    assert client_for(staff).post(url, rating_data(rating, level="")).status_code == 302
    rating.refresh_from_db()
    assert rating.valid_until is None


def test_a_rating_score_out_of_range_is_refused(staff, rating):
    url = reverse("chambers:fourgoodrating_edit", args=[rating.pk])
    response = client_for(staff).post(url, rating_data(rating, team_score=120), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200 and "team_score" in response.context["form"].errors
    rating.refresh_from_db()
    assert rating.team_score == 85


def test_staff_delete_an_inspection_recorded_by_mistake(staff, inspection):
    chamber = inspection.chamber
    url = reverse("chambers:annualinspection_delete", args=[inspection.pk])
    assert client_for(staff).get(url).status_code == 200  # the confirmation
    response = client_for(staff).post(url)
    assert response.status_code == 302 and response["Location"] == chamber.get_absolute_url()
    assert not AnnualInspection.objects.filter(chamber=chamber).exists()


def test_staff_delete_a_rating(staff, rating):
    response = client_for(staff).post(reverse("chambers:fourgoodrating_delete", args=[rating.pk]))
    assert response.status_code == 302
    assert not FourGoodRating.objects.filter(pk=rating.pk).exists()


# --- inspection documents ---

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="年检材料.pdf", content=PDF):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="application/pdf")


def record_with_document(staff, chamber, upload):
    return client_for(staff).post(
        reverse("chambers:chamber_action", args=[chamber.pk, "inspection"]),
        {
            "inspection-year": 2025,
            "inspection-result": "passed",
            "inspection-inspected_on": "2026-04-01",
            "inspection-document": upload,
        },
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )


def test_staff_record_an_inspection_with_its_documents_and_readers_download_them(
    staff, secretary, leader, outsider, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    chamber = ChamberFactory(name="西宁市文档商会")
    assert record_with_document(staff, chamber, pdf()).status_code == 302
    inspection = AnnualInspection.objects.get(chamber=chamber)
    assert inspection.document.name.startswith("chambers/annualinspection/")
    url = reverse("chambers:annualinspection_document", args=[inspection.pk])
    assert url in client_for(staff).get(chamber.get_absolute_url()).content.decode()
    response = client_for(leader).get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert "attachment" in response["Content-Disposition"]
    assert client_for(secretary).get(url).status_code == 404  # another chamber's
    chamber.secretaries.add(secretary)
    assert client_for(secretary).get(url).status_code == 200
    assert client_for(outsider).get(url).status_code == 403
    assert Client().get(url).status_code == 302


def test_a_document_of_the_wrong_type_is_refused_and_nothing_is_recorded(staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    chamber = ChamberFactory()
    response = record_with_document(staff, chamber, pdf("材料.pdf", b"MZ\x90\x00 not a pdf"))
    assert response.status_code == 200
    form = response.context["actions"]["inspection"][1]
    assert "不是" in " ".join(form.errors["document"])
    assert form["year"].value() == "2025"
    assert not AnnualInspection.objects.filter(chamber=chamber).exists()
    assert not any(tmp_path.rglob("*.pdf"))
