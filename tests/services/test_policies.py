"""Policies: transitions from every status, matching with its explanations, the public pages, the
staff pages for every role, bad input, the outreach list and its export, the figures."""

import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from federation import registry
from federation.transitions import TransitionNotAllowed
from services.campaigns import measures
from services.campaigns.choices import Measure
from services.campaigns.models import Campaign
from services.policies import matching, operations
from services.policies.choices import Channel, Status
from services.policies.models import Policy, PolicyEvent, PolicyOutreach
from tests.enterprises.factories import EnterpriseFactory, county, section
from tests.kit import roles_map

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def make_policy(*, publish=True, actor=None, sections=(), districts=(), **fields):
    values = {
        "title": "西宁市小微企业创业担保贷款实施办法",
        "issuer": "西宁市人力资源和社会保障局",
        "document_number": "宁人社〔2024〕40号",
        "issued_on": TODAY - datetime.timedelta(days=30),
        "level": "city",
        "category": "finance",
        "summary": "小微企业最高400万元创业担保贷款，财政贴息。",
        "body": "第一条 ……",
        "valid_from": TODAY - datetime.timedelta(days=30),
        "valid_until": TODAY + datetime.timedelta(days=365),
    }
    values.update(fields)
    policy = Policy.objects.create(**values)
    policy.industry_sections.set([section(c) for c in sections])
    policy.districts.set([county(c) for c in districts])
    if publish:
        operations.publish_policy(policy, actor)
    return policy


# --- transitions ---

TRANSITIONS = {
    "publish": {Status.DRAFT: Status.PUBLISHED, Status.WITHDRAWN: Status.PUBLISHED},
    "withdraw": {Status.PUBLISHED: Status.WITHDRAWN},
}


def _in_status(status, staff):
    policy = make_policy(publish=False)
    if status != Status.DRAFT:
        operations.publish_policy(policy, staff)
    if status == Status.WITHDRAWN:
        operations.withdraw_policy(policy, staff, "被新政策替代")
    return Policy.objects.get(pk=policy.pk)


@pytest.mark.parametrize("action", ["publish", "withdraw"])
@pytest.mark.parametrize("status", list(Status))
def test_every_action_from_every_status(action, status, staff):
    policy = _in_status(status, staff)
    version, events = policy.version, policy.events.count()
    call = operations.publish_policy if action == "publish" else operations.withdraw_policy
    target = TRANSITIONS[action].get(status)
    if target is None:
        with pytest.raises(TransitionNotAllowed):
            call(policy, staff)
        policy.refresh_from_db()
        assert (policy.status, policy.version, policy.events.count()) == (status, version, events)
        return
    call(policy, staff)
    policy.refresh_from_db()
    assert policy.status == target
    assert policy.version == version + 1
    event = policy.events.last()
    assert (event.from_status, event.to_status, event.actor) == (status, target, staff)


def test_publishing_again_keeps_the_first_publication_date(staff):
    policy = make_policy(publish=False)
    operations.publish_policy(policy, staff, now=timezone.now() - datetime.timedelta(days=10))
    first = policy.first_published_on
    operations.withdraw_policy(policy, staff)
    operations.publish_policy(policy, staff)
    assert policy.first_published_on == first
    assert list(policy.events.values_list("kind", flat=True)) == ["published", "withdrawn", "published"]


def test_a_policy_without_text_or_document_cannot_be_published(staff):
    policy = make_policy(publish=False, body="")
    with pytest.raises(operations.PolicyError, match="全文"):
        operations.publish_policy(policy, staff)
    policy.refresh_from_db()
    assert policy.status == Status.DRAFT and not PolicyEvent.objects.exists()


# --- matching ---


def test_a_policy_with_no_condition_applies_to_any_enterprise():
    policy = make_policy()
    result = matching.explain(policy, matching.Profile.of(EnterpriseFactory(scale="", cluster="")))
    assert result.kind == matching.MATCH
    assert [c.message for c in result.checks][2] == "规模：不限"


def test_a_matching_enterprise_is_told_why():
    policy = make_policy(scales=["medium", "small"], sections=["C"], clusters=["pv"])
    enterprise = EnterpriseFactory(scale="small", cluster="pv", industry_section=section("C"))
    result = matching.explain(policy, matching.Profile.of(enterprise))
    assert result.kind == matching.MATCH
    assert [c.message for c in result.reasons] == [
        "行业门类 符合（制造业）",
        "重点产业集群 符合（光伏制造）",
        "规模 符合（小型）",
    ]


def test_a_failing_condition_says_what_the_policy_requires_and_what_the_enterprise_is():
    policy = make_policy(scales=["medium", "small"])
    result = matching.explain(policy, matching.Profile.of(EnterpriseFactory(scale="large")))
    assert result.kind == matching.NEAR
    assert [c.message for c in result.failing] == ["规模 不符（政策要求：中型、小型；本企业：大型）"]


def test_an_empty_field_is_unknown_not_a_failure():
    policy = make_policy(scales=["medium", "small"])
    result = matching.explain(policy, matching.Profile.of(EnterpriseFactory(scale="")))
    assert result.kind == matching.MAYBE
    assert not result.failing
    assert [c.message for c in result.unknown] == ["规模 未填写"]


def test_two_failing_conditions_do_not_apply():
    policy = make_policy(scales=["medium"], districts=["630105"])
    result = matching.explain(policy, matching.Profile.of(EnterpriseFactory(scale="large", district=county("630102"))))
    assert result.kind == matching.NONE
    assert len(result.failing) == 2


def test_the_policies_for_a_profile_are_grouped_in_sql_as_explain_says():
    any_policy = make_policy(title="不限条件政策")
    small = make_policy(title="小微政策", scales=["small", "micro"])
    pv = make_policy(title="光伏政策", clusters=["pv"], districts=["630102"])
    two_off = make_policy(title="城北大型企业政策", scales=["large"], districts=["630105"])
    make_policy(title="草稿政策", publish=False)
    make_policy(
        title="过期政策",
        valid_from=TODAY - datetime.timedelta(days=400),
        valid_until=TODAY - datetime.timedelta(days=1),
    )
    withdrawn = make_policy(title="撤回政策")
    operations.withdraw_policy(withdrawn, None)
    profile = matching.Profile(scale="small", district=county("630102"), entity_type="enterprise")
    found = matching.policies_for(profile)
    assert [r.policy for r in found.match] == [any_policy, small] or {r.policy for r in found.match} == {
        any_policy,
        small,
    }
    assert [r.policy for r in found.maybe] == [pv]
    assert [c.message for c in found.maybe[0].unknown] == ["重点产业集群 未填写"]
    assert found.near == []
    assert found.counts == {"match": 2, "maybe": 1, "near": 0}
    assert two_off not in [r.policy for r in found.match + found.maybe + found.near]
    for result in found.match + found.maybe:
        assert matching.explain(result.policy, profile).kind == result.kind


def test_the_enterprises_of_a_policy_are_those_explain_calls_a_match():
    policy = make_policy(scales=["small", "micro"], sections=["C"], districts=["630102", "630103"])
    yes = [
        EnterpriseFactory(scale="small"),
        EnterpriseFactory(scale="micro", district=county("630103")),
    ]
    no = [
        EnterpriseFactory(scale="large"),
        EnterpriseFactory(scale=""),
        EnterpriseFactory(scale="small", district=county("630105")),
        EnterpriseFactory(scale="small", industry_section=section("F")),
        EnterpriseFactory(scale="small", registry_status="deregistered"),
    ]
    assert set(matching.matching_enterprises(policy)) == set(yes)
    for e in yes:
        assert matching.explain(policy, matching.Profile.of(e)).kind == matching.MATCH
    for e in no[:4]:
        assert matching.explain(policy, matching.Profile.of(e)).kind != matching.MATCH


# --- public pages ---


def test_the_public_list_shows_published_policies_only_and_searches(client):
    make_policy(title="光伏制造产业高质量发展若干措施", document_number="青工信〔2024〕35号", level="provincial")
    make_policy(title="创业担保贷款实施办法")
    make_policy(title="未发布的草稿", publish=False)
    response = client.get(reverse("services:policy_public_list"))
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 2
    assert "未发布的草稿" not in response.content.decode()
    assert client.get(reverse("services:policy_public_list"), {"q": "青工信"}).context["page_obj"].paginator.count == 1
    assert (
        client.get(reverse("services:policy_public_list"), {"level": "city"}).context["page_obj"].paginator.count == 1
    )


def test_the_public_list_filters_by_validity(client):
    make_policy(title="现行政策")
    make_policy(
        title="过期政策",
        valid_from=TODAY - datetime.timedelta(days=400),
        valid_until=TODAY - datetime.timedelta(days=1),
    )
    url = reverse("services:policy_public_list")
    assert [p.title for p in client.get(url, {"validity": "current"}).context["policies"]] == ["现行政策"]
    assert [p.title for p in client.get(url, {"validity": "expired"}).context["policies"]] == ["过期政策"]


def test_the_public_page_counts_a_view_and_hides_drafts(client):
    policy = make_policy()
    url = reverse("services:policy_public_detail", args=[policy.pk])
    assert client.get(url).status_code == 200
    client.get(url)
    policy.refresh_from_db()
    assert policy.view_count == 2
    draft = make_policy(publish=False)
    assert client.get(reverse("services:policy_public_detail", args=[draft.pk])).status_code == 404
    operations.withdraw_policy(policy, None)
    assert client.get(url).status_code == 404


def test_the_public_matcher_explains_each_policy(client):
    make_policy(title="小微企业六税两费减免", scales=["small", "micro"])
    make_policy(title="锂电储能产业链培育方案", clusters=["lithium"], scales=["large", "medium"])
    response = client.get(
        reverse("services:policy_match"), {"scale": "small", "entity_type": "enterprise", "district": county().pk}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "小微企业六税两费减免" in html and "规模 符合（小型）" in html
    assert "锂电储能产业链培育方案" in html
    assert "规模 不符（政策要求：大型、中型；本企业：小型）" in html
    assert "重点产业集群 未填写" in html
    assert 'method="get"' in html


def test_the_public_matcher_asks_nothing_personal(client):
    form = client.get(reverse("services:policy_match")).context["form"]
    assert set(form.fields) == {"industry_section", "scale", "entity_type", "district", "cluster"}


def test_the_document_of_a_published_policy_is_public(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    policy = make_policy(publish=False)
    (tmp_path / "policies").mkdir()
    (tmp_path / "policies" / "a.pdf").write_bytes(b"%PDF-1.4 test")
    policy.files.create(original_name="办法.pdf", stored_name="policies/a.pdf", kind="pdf", size=13)
    url = reverse("services:policy_public_file", args=[policy.pk])
    assert client.get(url).status_code == 404
    operations.publish_policy(policy, None)
    assert client.get(url).status_code == 200


# --- the enterprise page's panel ---


def test_the_enterprise_page_lists_its_policies_with_the_reasons(staff_client):
    enterprise = EnterpriseFactory(scale="large", cluster="")
    make_policy(title="民营经济发展壮大意见")
    make_policy(title="小微企业所得税优惠", scales=["small", "micro"])
    make_policy(title="光伏制造扶持措施", clusters=["pv"])
    html = staff_client.get(enterprise.get_absolute_url()).content.decode()
    assert 'data-testid="enterprise-policies"' in html
    assert "民营经济发展壮大意见" in html
    assert "规模 不符（政策要求：小型、微型；本企业：大型）" in html
    assert "重点产业集群 未填写" in html


def test_the_panel_is_not_shown_without_the_policy_permission(client, secretary):
    from django.contrib.auth.models import Permission

    secretary.user_permissions.add(Permission.objects.get(codename="view_enterprise"))
    make_policy()
    client.force_login(secretary)
    response = client.get(EnterpriseFactory().get_absolute_url())
    assert response.status_code == 200
    assert 'data-testid="enterprise-policies"' not in response.content.decode()


# --- staff pages and roles ---


def test_roles_on_the_staff_pages(assert_roles):
    policy = make_policy()
    readers = roles_map({"admin", "staff", "leader"})
    editors = roles_map({"admin", "staff"})
    assert_roles(reverse("services:policy_list"), readers)
    assert_roles(reverse("services:policy_detail", args=[policy.pk]), readers)
    assert_roles(reverse("services:policy_enterprises", args=[policy.pk]), readers)
    assert_roles(reverse("services:policyoutreach_list"), readers)
    assert_roles(reverse("services:policy_add"), editors)
    assert_roles(reverse("services:policy_edit", args=[policy.pk]), editors)
    assert_roles(reverse("services:policy_enterprises", args=[policy.pk]) + "?export=xlsx", editors)


def test_public_pages_need_no_login(assert_roles):
    policy = make_policy()
    everyone = roles_map({"admin", "staff", "leader", "secretary", "outsider"}, no=200, anonymous=200)
    assert_roles(reverse("services:policy_public_list"), everyone)
    assert_roles(reverse("services:policy_public_detail", args=[policy.pk]), everyone)
    assert_roles(reverse("services:policy_match") + "?scale=small", everyone)


def test_only_staff_publish_and_withdraw(assert_roles, staff):
    policy = make_policy(publish=False)
    url = reverse("services:policy_action", args=[policy.pk, "publish"])
    # Staff and admin get the redirect back to the page (a second publish is refused with a message).
    assert_roles(url, {**roles_map({"admin", "staff"}, yes=302), "anonymous": 302}, method="post")
    policy.refresh_from_db()
    assert policy.status == Status.PUBLISHED


def test_the_leader_sees_no_action_buttons(leader_client):
    policy = make_policy(publish=False)
    html = leader_client.get(reverse("services:policy_detail", args=[policy.pk])).content.decode()
    assert 'data-testid="publish"' not in html


def test_staff_publish_from_the_page_and_a_refusal_changes_nothing(staff_client):
    policy = make_policy(publish=False)
    url = reverse("services:policy_action", args=[policy.pk, "publish"])
    staff_client.post(url, {"version": policy.version})
    policy.refresh_from_db()
    assert policy.status == Status.PUBLISHED
    response = staff_client.post(url, {"version": policy.version}, follow=True)
    assert "不能发布" in response.content.decode() or "不能" in response.content.decode()
    assert Policy.objects.get(pk=policy.pk).version == policy.version


# --- the staff form and bad input ---


def _form_data(**overrides):
    data = {
        "title": "西宁市稳岗扩岗补贴申领指南",
        "issuer": "西宁市人力资源和社会保障局",
        "document_number": "宁人社〔2025〕3号",
        "issued_on": "2025-01-10",
        "level": "city",
        "category": "employment",
        "summary": "招用高校毕业生按每人1500元发放扩岗补助。",
        "body": "全文……",
        "valid_from": "2025-01-10",
        "valid_until": "2027-12-31",
        "scales": ["small", "micro"],
        "districts": [county("630102").pk],
    }
    data.update(overrides)
    return data


def test_staff_add_a_policy_with_its_conditions(staff_client, staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    doc = SimpleUploadedFile("指南.pdf", b"%PDF-1.4 content", content_type="application/pdf")
    response = staff_client.post(reverse("services:policy_add"), {**_form_data(), "document": doc})
    policy = Policy.objects.get()
    assert response.status_code == 302
    assert policy.scales == ["small", "micro"] and policy.status == Status.DRAFT
    assert list(policy.districts.values_list("code", flat=True)) == ["630102"]
    assert policy.created_by == staff
    assert policy.files.get().kind == "pdf"


def test_valid_until_before_valid_from_is_refused_and_what_was_typed_kept(staff_client):
    response = staff_client.post(reverse("services:policy_add"), _form_data(valid_until="2024-12-31"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "失效日期不能早于生效日期" in html
    assert "西宁市稳岗扩岗补贴申领指南" in html
    assert not Policy.objects.exists()


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("指南.xlsx", b"PK\x03\x04not really", "不是 PDF 或 DOCX"),
        ("指南.pdf", b"GIF89a not a pdf", "不是 PDF 或 DOCX"),
    ],
)
def test_a_document_of_the_wrong_type_is_refused(staff_client, name, content, message):
    doc = SimpleUploadedFile(name, content)
    response = staff_client.post(reverse("services:policy_add"), {**_form_data(), "document": doc})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Policy.objects.exists()


def test_a_document_too_large_is_refused(staff_client, monkeypatch):
    from services.policies import forms

    monkeypatch.setattr(forms, "DOCUMENT_MAX_SIZE", 10)
    doc = SimpleUploadedFile("指南.pdf", b"%PDF-1.4 more than ten bytes")
    response = staff_client.post(reverse("services:policy_add"), {**_form_data(), "document": doc})
    assert "过大" in response.content.decode() or "太大" in response.content.decode()
    assert not Policy.objects.exists()


# --- the policy's enterprises, outreach, export ---


def test_the_enterprise_list_of_a_policy_counts_what_the_page_says(staff_client):
    policy = make_policy(scales=["small"])
    EnterpriseFactory.create_batch(3, scale="small")
    EnterpriseFactory(scale="large")
    response = staff_client.get(reverse("services:policy_enterprises", args=[policy.pk]))
    assert response.context["table"].paginator.count == 3
    detail = staff_client.get(reverse("services:policy_detail", args=[policy.pk]))
    assert detail.context["reach"] == {"matched": 3, "informed": 0, "views": 0}


def test_staff_mark_ticked_enterprises_informed(staff_client, staff):
    policy = make_policy(scales=["small"])
    a, b = EnterpriseFactory.create_batch(2, scale="small")
    other = EnterpriseFactory(scale="large")
    month = Campaign.objects.create(
        name="政策宣传月", starts_on=TODAY - datetime.timedelta(days=3), ends_on=TODAY + datetime.timedelta(days=27)
    )
    url = reverse("services:policy_outreach_add", args=[policy.pk])
    data = {
        "enterprise": [a.pk, b.pk, other.pk],
        "informed_on": TODAY.isoformat(),
        "channel": Channel.PHONE,
        "campaign": month.pk,
    }
    staff_client.post(url, data)
    assert set(PolicyOutreach.objects.values_list("enterprise", flat=True)) == {
        a.pk,
        b.pk,
    }  # not the one it does not apply to
    staff_client.post(url, data)
    assert PolicyOutreach.objects.count() == 2
    listed = staff_client.get(reverse("services:policy_enterprises", args=[policy.pk]), {"informed": "false"})
    assert listed.context["table"].paginator.count == 0
    assert measures.count(Measure.ENTERPRISES_INFORMED, month) == 2
    assert measures.count(Measure.ENTERPRISES_INFORMED, month, staff=staff) == 2
    assert staff_client.get(reverse("services:policy_detail", args=[policy.pk])).context["reach"]["informed"] == 2


def test_marking_informed_in_the_future_or_with_nothing_ticked_is_refused(staff_client):
    policy = make_policy()
    e = EnterpriseFactory()
    url = reverse("services:policy_outreach_add", args=[policy.pk])
    tomorrow = (TODAY + datetime.timedelta(days=1)).isoformat()
    response = staff_client.post(url, {"enterprise": [e.pk], "informed_on": tomorrow, "channel": "phone"}, follow=True)
    assert "不能晚于今天" in response.content.decode()
    response = staff_client.post(url, {"informed_on": TODAY.isoformat(), "channel": "phone"}, follow=True)
    assert "勾选" in response.content.decode()
    assert not PolicyOutreach.objects.exists()


def test_the_leader_cannot_mark_informed(leader_client):
    policy = make_policy()
    e = EnterpriseFactory()
    url = reverse("services:policy_outreach_add", args=[policy.pk])
    response = leader_client.post(url, {"enterprise": [e.pk], "informed_on": TODAY.isoformat(), "channel": "phone"})
    assert response.status_code == 403
    assert not PolicyOutreach.objects.exists()


def test_the_export_is_the_outreach_list_with_contacts(staff_client, staff):
    policy = make_policy(scales=["small"])
    told = EnterpriseFactory(
        name="青海高原光伏科技有限公司", scale="small", contact_person="马海涛", contact_phone="13897101234"
    )
    EnterpriseFactory(name="西宁湟水商贸有限公司", scale="small")
    EnterpriseFactory(name="大型企业", scale="large")
    operations.record_outreach(policy, [told], staff, informed_on=TODAY, channel=Channel.VISIT)
    response = staff_client.get(reverse("services:policy_enterprises", args=[policy.pk]), {"export": "xlsx"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(
        io.BytesIO(b"".join(response.streaming_content if response.streaming else [response.content]))
    ).active
    rows = list(sheet.values)
    assert rows[0][0] == "企业名称" or "企业" in rows[0][0]
    assert "联系电话" in rows[0]
    by_name = {r[0]: r for r in rows[1:]}
    assert set(by_name) == {"青海高原光伏科技有限公司", "西宁湟水商贸有限公司"}
    assert "13897101234" in by_name["青海高原光伏科技有限公司"]
    assert "马海涛" in by_name["青海高原光伏科技有限公司"]
    assert "上门走访" in by_name["青海高原光伏科技有限公司"] or by_name["青海高原光伏科技有限公司"][-1]


# --- figures ---


def test_the_figures_count_what_their_lists_list(staff_client, staff):
    start = TODAY - datetime.timedelta(days=30)
    viewed = make_policy(title="被浏览的政策")
    make_policy(title="城北政策", districts=["630105"])
    make_policy(title="草稿", publish=False)
    operations.count_view(viewed)
    e = EnterpriseFactory()
    operations.record_outreach(viewed, [e], staff, informed_on=TODAY, channel=Channel.PHONE)
    for district in (None, county("630102")):
        figures = {f.key: f for f in registry.figures_for(start, TODAY, district) if f.key.startswith("policies.")}
        assert set(figures) == {"policies.published", "policies.viewed", "policies.informed"}
        for figure in figures.values():
            listed = staff_client.get(figure.url).context["table"].paginator.count
            assert listed == figure.value, figure.key
    figures = {f.key: f.value for f in registry.figures_for(start, TODAY)}
    assert (figures["policies.published"], figures["policies.viewed"], figures["policies.informed"]) == (2, 1, 1)
    in_a = {f.key: f.value for f in registry.figures_for(start, TODAY, county("630102"))}
    assert in_a["policies.published"] == 1
