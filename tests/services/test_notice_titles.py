"""Two notices about two requests with the same title can be told apart: every notice title the
requests app writes names the tracking code and the enterprise."""

import datetime

import pytest

from federation.models import Notice
from services.requests import operations
from services.requests.notices import notice_title
from services.requests.tasks import send_daily_digest

from .factories import ServiceRequestFactory

pytestmark = pytest.mark.django_db
PAST = datetime.datetime(2025, 3, 3, 10, tzinfo=datetime.UTC)


def test_a_notice_title_names_the_tracking_code_and_the_enterprise():
    req = ServiceRequestFactory(enterprise_name="青海高原光伏科技有限公司", title="贷款续贷困难")
    title = notice_title(req, "诉求已分派给您：贷款续贷困难")
    assert title.startswith("诉求已分派给您：贷款续贷困难")
    assert req.code in title and "青海高原光伏科技有限公司" in title


def test_a_long_notice_title_is_cut_in_its_text_never_in_the_code_or_the_enterprise():
    req = ServiceRequestFactory(enterprise_name="青海" + "很长的名字" * 30, title="标题")
    title = notice_title(req, "文" * 300)
    assert len(title) <= 200
    assert req.code in title and "…" in title


def test_two_digests_of_requests_with_the_same_title_are_told_apart_by_code_and_enterprise(staff, staff2):
    first = ServiceRequestFactory(now=PAST, title="贷款续贷困难", enterprise_name="青海高原光伏科技有限公司")
    second = ServiceRequestFactory(now=PAST, title="贷款续贷困难", enterprise_name="青海蓝天光伏科技有限公司")
    for req, user in ((first, staff), (second, staff2)):
        operations.accept_request(req, staff)
        operations.assign_request(req, staff, user)
    send_daily_digest()
    mine = Notice.objects.get(recipient=staff, title__startswith="诉求")
    theirs = Notice.objects.get(recipient=staff2, title__startswith="诉求")
    assert first.code in mine.title and "青海高原光伏科技有限公司" in mine.title
    assert second.code in theirs.title and "青海蓝天光伏科技有限公司" in theirs.title
    # Still one digest a day each.
    assert send_daily_digest()["recipients"] == 0


def test_a_digest_of_several_requests_names_the_first_and_how_many_more(staff):
    reqs = [ServiceRequestFactory(now=PAST, title=f"逾期{i}") for i in range(3)]
    for req in reqs:
        operations.accept_request(req, staff)
        operations.assign_request(req, staff, staff)
    send_daily_digest()
    title = Notice.objects.get(recipient=staff, title__startswith="诉求").title
    assert sum(r.code in title for r in reqs) == 1
    assert "等 3 件" in title
