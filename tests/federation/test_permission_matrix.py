"""The permission matrix (issue #15, security review): every URL pattern of the root URLconf, asked
as the anonymous visitor and as every role of the cast, against ONE explicit table of who may see it.

The objects in the URLs are real rows made by the factories (and the apps' own operations). Chamber A
has the secretary of the cast; every chamber-bound object in a URL belongs to chamber B, so the
secretary is always asked about a chamber that is not theirs. A URL pattern missing from the table
fails the test by name: nobody adds a page without deciding who sees it.

GET only, except for the views that answer only POST: those are POSTed with an empty body by every
role that must be refused, which must get 403, 404 or a redirect (to the login page for the
anonymous visitor) and change nothing."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from chambers.choices import InspectionResult
from chambers.models import AnnualInspection, Chamber, FourGoodRating, JoinApplication
from federation.audit import history_tables
from federation.models import CalendarDay, Division, ImportJob, Notice, Report, ReportTemplate
from services.campaigns.models import Campaign
from services.events.models import EventFile
from services.policies.models import PolicyFile
from services.requests.models import Attachment
from services.visits.models import VisitPhoto
from tests.chambers.factories import ChamberFactory, KeyAreaFactory, MembershipFactory
from tests.enterprises.factories import EnterpriseFactory
from tests.kit import CAST
from tests.services.factories import ServiceRequestFactory
from tests.services.test_events import make_event
from tests.services.test_jobfairs import make_fair, register
from tests.services.test_legal import make_consultation, make_lawyer, make_station
from tests.services.test_policies import make_policy
from tests.services.test_visits import make_visit
from tests.villages.factories import PairingFactory, ProjectFactory, ReportFactory
from villages.models import AnnualTarget, ReportPhoto

pytestmark = pytest.mark.django_db

# Patterns left out of the matrix, each for a reason:
# - ``admin/``: Django's admin checks ``is_staff`` and model permissions itself; only the
#   administrator has an account flagged ``is_staff`` (tests/e2e/test_admin_pages.py covers it).
# - ``i18n/``: Django's ``set_language`` only stores a language choice, for anyone, and reads no data.
# - static and media: served by nginx in production, no URL pattern here (media are private and
#   are served only by the permission-checking download views, which are in the table).
SKIPPED_PREFIXES = ("admin/", "i18n/")

# --- Expected answers (GET), by kind of page ------------------------------------------------------
# Each kind names the status code for every role of the cast (tests/kit.py CAST): admin, leader,
# staff, secretary (of chamber A), outsider (signed in, no role), anonymous.


def _kind(admin, leader, staff, secretary, outsider, anonymous):
    return dict(zip(CAST, (admin, leader, staff, secretary, outsider, anonymous), strict=True))


PUBLIC = _kind(200, 200, 200, 200, 200, 200)  # the public's pages (forms on a phone, directory)
SIGNED_IN = _kind(200, 200, 200, 200, 200, 302)  # every signed-in person: workbench, own notices
LOGIN = _kind(302, 302, 302, 302, 302, 200)  # the sign-in page sends a signed-in person on
READ = _kind(200, 200, 200, 403, 403, 302)  # staff keep it, leadership read it
STAFF = _kind(200, 403, 200, 403, 403, 302)  # staff's work only (forms, imports, personal data)
ADMIN = _kind(200, 403, 403, 403, 403, 302)  # the administrator alone (audit, schedules)
# Leadership, staff and a chamber secretary: the register, the dashboard (a secretary's shows their
# own chambers' figures), the chamber pages (a secretary's lists hold their own chamber only).
WITH_SECRETARY = _kind(200, 200, 200, 200, 403, 302)
CHAMBER_B = _kind(200, 200, 200, 404, 403, 302)  # chamber B's record: not the secretary's (404)
# The member import: staff, and a secretary into their own chamber; a job someone else uploaded
# (here the administrator's) is not the secretary's (404).
MEMBER_IMPORT = _kind(200, 403, 200, 200, 403, 302)
MEMBER_IMPORT_JOB = _kind(200, 403, 200, 404, 403, 302)
OWN = _kind(200, 403, 403, 403, 403, 302)  # the administrator's own report file: theirs alone
OWN_NOTICE = _kind(302, 404, 404, 404, 404, 302)  # opening one's notice leads on to its link
REDIRECT_ALL = _kind(302, 302, 302, 302, 302, 302)  # "done" pages without their session: back to the form
# Views that answer only POST: GET is a 405 for whoever passes the permission check. Who may POST is
# the same, except where POST_REFUSED names more roles (the object is not theirs).
POST_ALL = _kind(405, 405, 405, 405, 405, 405)
POST_SIGNED_IN = _kind(405, 405, 405, 405, 405, 302)
POST_STAFF = _kind(405, 403, 405, 403, 403, 302)
POST_WITH_SECRETARY = _kind(405, 403, 405, 405, 403, 302)
POST_ADMIN = _kind(405, 403, 403, 403, 403, 302)

# url name -> expected answers. The objects in the arguments are made by ``world`` below.
MATRIX = {
    # core
    "home": SIGNED_IN,
    "healthz": PUBLIC,
    "login": LOGIN,
    "logout": POST_ALL,
    "password_change": SIGNED_IN,
    "password_change_done": SIGNED_IN,
    "federation:calendarday_list": READ,
    "federation:calendarday_bulk": STAFF,
    "federation:calendarday_add": STAFF,
    "federation:calendarday_edit": STAFF,
    "federation:calendarday_delete": STAFF,
    "federation:dashboard": WITH_SECRETARY,
    "federation:report_list": SIGNED_IN,
    "federation:report_download": OWN,
    "federation:report_retry": POST_SIGNED_IN,
    "federation:report_request": READ,
    "federation:reporttemplate_list": READ,
    "federation:reporttemplate_upload": POST_ADMIN,
    "federation:reporttemplate_download": READ,
    "federation:schedule_list": ADMIN,
    "federation:notice_list": SIGNED_IN,
    "federation:notice_open": OWN_NOTICE,
    "federation:notice_read_all": POST_SIGNED_IN,
    "federation:login_log": ADMIN,
    "federation:audit_log": ADMIN,
    # enterprises
    "enterprises:enterprise_list": WITH_SECRETARY,
    "enterprises:enterprise_add": STAFF,
    "enterprises:enterprise_pick": WITH_SECRETARY,
    "enterprises:enterprise_detail": WITH_SECRETARY,
    "enterprises:enterprise_edit": STAFF,
    "enterprises:enterprise_import": STAFF,
    "enterprises:enterprise_import_template": STAFF,
    "enterprises:enterprise_import_detail": STAFF,
    "enterprises:enterprise_import_status": STAFF,
    "enterprises:enterprise_import_apply": POST_STAFF,
    "enterprises:enterprise_import_retry": POST_STAFF,
    "enterprises:enterprise_import_invalid": STAFF,
    # chambers
    "chambers:chamber_list": WITH_SECRETARY,
    "chambers:chamber_add": STAFF,
    "chambers:chamber_detail": CHAMBER_B,
    "chambers:chamber_edit": STAFF,
    "chambers:chamber_action": POST_STAFF,
    "chambers:annualinspection_edit": STAFF,
    "chambers:annualinspection_delete": STAFF,
    "chambers:annualinspection_document": CHAMBER_B,
    "chambers:fourgoodrating_edit": STAFF,
    "chambers:fourgoodrating_delete": STAFF,
    "chambers:membership_list": WITH_SECRETARY,
    "chambers:candidates": WITH_SECRETARY,
    "chambers:candidaterules_edit": STAFF,
    "chambers:dormancycheck_add": POST_STAFF,
    "chambers:yearly": WITH_SECRETARY,
    "chambers:coverage": WITH_SECRETARY,
    "chambers:keyarea_add": STAFF,
    "chambers:keyarea_edit": STAFF,
    "chambers:public_directory": PUBLIC,
    "chambers:join_apply": PUBLIC,
    "chambers:join_applied": REDIRECT_ALL,
    "chambers:application_list": WITH_SECRETARY,
    "chambers:application_detail": CHAMBER_B,
    "chambers:application_decide": POST_WITH_SECRETARY,
    "chambers:membership_import": MEMBER_IMPORT,
    "chambers:membership_import_template": MEMBER_IMPORT,
    "chambers:membership_import_detail": MEMBER_IMPORT_JOB,
    "chambers:membership_import_status": MEMBER_IMPORT_JOB,
    "chambers:membership_import_apply": POST_WITH_SECRETARY,
    "chambers:membership_import_retry": POST_WITH_SECRETARY,
    "chambers:membership_import_invalid": MEMBER_IMPORT_JOB,
    # services
    "services:request_submit": PUBLIC,
    "services:request_submitted": REDIRECT_ALL,
    "services:request_track": PUBLIC,
    "services:request_track_result": REDIRECT_ALL,
    "services:request_list": READ,
    "services:request_add": STAFF,
    "services:request_poster": READ,
    "services:request_metrics": READ,
    "services:request_detail": READ,
    "services:request_action": POST_STAFF,
    "services:attachment_download": STAFF,
    "services:event_signin": PUBLIC,
    "services:event_signed_in": REDIRECT_ALL,
    "services:event_list": READ,
    "services:event_add": STAFF,
    "services:event_detail": READ,
    "services:event_edit": STAFF,
    "services:event_poster": READ,
    "services:event_action": POST_STAFF,
    "services:event_file": READ,
    "services:campaign_list": READ,
    "services:campaign_add": STAFF,
    "services:campaign_detail": READ,
    "services:campaign_edit": STAFF,
    "services:visit_list": READ,
    "services:visit_add": STAFF,
    "services:visited_enterprise_list": READ,
    "services:visit_detail": READ,
    "services:visit_edit": STAFF,
    "services:visit_follow_up": POST_STAFF,
    "services:visit_raise": STAFF,
    "services:visit_photo": READ,
    "services:policy_public_list": PUBLIC,
    "services:policy_public_detail": PUBLIC,
    "services:policy_public_file": PUBLIC,
    "services:policy_match": PUBLIC,
    "services:policy_list": READ,
    "services:policy_add": STAFF,
    "services:policyoutreach_list": READ,
    "services:policyfile_download": READ,
    "services:policy_detail": READ,
    "services:policy_edit": STAFF,
    "services:policy_enterprises": READ,
    "services:policy_outreach_add": POST_STAFF,
    "services:policy_action": POST_STAFF,
    "services:jobfair_register": PUBLIC,
    "services:jobfair_registered": REDIRECT_ALL,
    "services:jobfair_previous": PUBLIC,
    "services:jobfair_correct": PUBLIC,
    "services:jobfair_public": PUBLIC,
    "services:jobfair_list": READ,
    "services:jobfair_add": STAFF,
    "services:jobregistration_list": READ,
    "services:jobregistration_action": POST_STAFF,
    "services:jobfair_detail": READ,
    "services:jobfair_edit": STAFF,
    "services:jobfair_poster": READ,
    "services:jobfair_action": POST_STAFF,
    "services:legal_public": PUBLIC,
    "services:legalstation_list": READ,
    "services:legalstation_add": STAFF,
    "services:legalstation_detail": READ,
    "services:legalstation_edit": STAFF,
    "services:legalstation_status": POST_STAFF,
    "services:lawyer_list": READ,
    "services:lawyer_add": STAFF,
    "services:lawyer_edit": STAFF,
    "services:legalconsultation_list": READ,
    "services:legalconsultation_add": STAFF,
    "services:legalconsultation_detail": READ,
    "services:legalconsultation_edit": STAFF,
    "services:legalconsultation_follow_up": POST_STAFF,
    "services:legal_served_enterprises": READ,
    # villages
    "villages:overview": READ,
    "villages:township_list": READ,
    "villages:township_detail": READ,
    "villages:village_list": READ,
    "villages:village_add": STAFF,
    "villages:village_detail": READ,
    "villages:village_edit": STAFF,
    "villages:paired_enterprises": READ,
    "villages:pairing_list": READ,
    "villages:pairing_add": STAFF,
    "villages:pairing_detail": READ,
    "villages:pairing_edit": STAFF,
    "villages:pairing_action": POST_STAFF,
    "villages:pairingproject_add": STAFF,
    "villages:pairingproject_list": READ,
    "villages:pairingproject_detail": READ,
    "villages:pairingproject_edit": STAFF,
    "villages:progressreport_add": STAFF,
    "villages:progressreport_list": READ,
    "villages:progressreport_edit": STAFF,
    "villages:reportphoto": READ,
    "villages:annualtarget_list": READ,
    "villages:annualtarget_add": STAFF,
    "villages:annualtarget_edit": STAFF,
    "villages:pairing_import": STAFF,
    "villages:pairing_import_template": STAFF,
    "villages:pairing_import_detail": STAFF,
    "villages:pairing_import_status": STAFF,
    "villages:pairing_import_apply": POST_STAFF,
    "villages:pairing_import_retry": POST_STAFF,
    "villages:pairing_import_invalid": STAFF,
}


def _patterns(resolver=None, prefix="", namespace=None):
    """(url name, route, pattern) of every pattern of the root URLconf, namespaced names included."""
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        route = prefix + str(p.pattern)
        if isinstance(p, URLResolver):
            ns = p.namespace
            yield from _patterns(p, route, f"{namespace}:{ns}" if namespace and ns else ns or namespace)
        elif isinstance(p, URLPattern) and p.name:
            yield (f"{namespace}:{p.name}" if namespace else p.name), route, p


def matrix_patterns():
    return [(name, route) for name, route, _p in _patterns() if not route.startswith(SKIPPED_PREFIXES)]


def test_every_url_pattern_is_in_the_table():
    missing = [f"{name} ({route})" for name, route in matrix_patterns() if name not in MATRIX]
    assert not missing, "URL patterns nobody decided who may see (add them to MATRIX): " + ", ".join(missing)
    unknown = set(MATRIX) - {name for name, _route in matrix_patterns()}
    assert not unknown, f"MATRIX names patterns that no longer exist: {sorted(unknown)}"


# --- The world the URLs point into -----------------------------------------------------------------


# The import spec behind each app's import pages.
IMPORT_SPECS = {"enterprises": "enterprises", "chambers": "chambers.members", "villages": "villages.pairings"}


def _stored(model, **fk):
    """A stored-file row pointing at a real (tiny) file under a generated name."""
    from federation import uploads
    from tests.services.files import PDF, upload

    name = uploads.store_upload(upload("a.pdf", PDF), "pdf", "matrix")
    return model.objects.create(original_name="a.pdf", stored_name=name, kind="pdf", size=len(PDF), **fk)


def world(users):
    """Chamber A (the secretary's) and chamber B, and one real object behind every URL argument;
    the chamber-bound ones belong to B. Rows of one person (reports, notices, import jobs) are the
    administrator's."""
    admin, staff, secretary = users["admin"], users["staff"], users["secretary"]
    today = timezone.localdate()
    chamber_a, chamber_b = ChamberFactory(), ChamberFactory()
    chamber_a.secretaries.add(secretary)
    enterprise = EnterpriseFactory()
    membership_b = MembershipFactory(chamber=chamber_b, enterprise=enterprise)
    inspection_b = AnnualInspection.objects.create(
        chamber=chamber_b, year=today.year - 1, result=InspectionResult.choices[0][0], inspected_on=today
    )
    inspection_b.document.save("x.pdf", ContentFile(b"%PDF-1.4 x"), save=True)
    rating_b = FourGoodRating.objects.create(
        chamber=chamber_b, year=today.year - 1, political_score=90, team_score=90, service_score=90, discipline_score=90
    )
    application_b = JoinApplication.objects.create(
        chamber=chamber_b,
        enterprise_name="青海申请入会有限公司",
        contact_person="李华",
        phone="13912345678",
        consent=True,
    )
    request = ServiceRequestFactory()
    attachment = _stored(Attachment, request=request)
    event = make_event()
    event_file = _stored(EventFile, event=event)
    campaign = Campaign.objects.create(name="助企暖企春风行动", starts_on=today, ends_on=today)
    visit = make_visit([staff], [enterprise])
    photo = _stored(VisitPhoto, visit=visit)
    policy = make_policy(actor=staff)
    policy_file = _stored(PolicyFile, policy=policy)
    fair = make_fair()
    registration = register(fair)
    station = make_station(chamber=chamber_b)
    lawyer = make_lawyer()
    consultation = make_consultation(staff)
    pairing = PairingFactory()
    project = ProjectFactory(pairing=pairing)
    progress = ReportFactory(project=project)
    report_photo = _stored(ReportPhoto, report=progress)
    target = AnnualTarget.objects.create(
        year=today.year, measure=AnnualTarget._meta.get_field("measure").choices[0][0], target=20
    )
    day = CalendarDay.objects.create(date=datetime.date(today.year + 3, 1, 1), kind="holiday", name="元旦")
    report = Report.objects.create(kind="monthly", title="月度报告", created_by=admin, status=Report.Status.DONE)
    report.file.save("r.xlsx", ContentFile(b"PK"), save=True)
    template = ReportTemplate(kind="monthly", original_name="t.docx", uploaded_by=admin)
    template.file.save("t.docx", ContentFile(b"PK"), save=True)
    notice = Notice.objects.create(recipient=admin, title="通知")
    jobs = {}
    for spec in IMPORT_SPECS.values():
        job = ImportJob(spec=spec, original_name="a.csv", status=ImportJob.Status.FAILED, created_by=admin)
        job.file.save("a.csv", ContentFile(b"x"), save=False)
        job.invalid_file.save("a.xlsx", ContentFile(b"PK"), save=True)
        jobs[spec] = job
    township = Division.objects.filter(level="township").first() or progress.project.village.township
    return {
        "chamber": chamber_b.pk,
        "membership": membership_b.pk,
        "inspection": inspection_b.pk,
        "rating": rating_b.pk,
        "application": application_b.pk,
        "keyarea": KeyAreaFactory().pk,
        "enterprise": enterprise.pk,
        "request": request.pk,
        "request_code": request.code,
        "attachment": attachment.pk,
        "event": event.pk,
        "event_token": event.signin_token,
        "event_file": event_file.pk,
        "campaign": campaign.pk,
        "visit": visit.pk,
        "photo": photo.pk,
        "policy": policy.pk,
        "policy_file": policy_file.pk,
        "fair": fair.pk,
        "fair_token": fair.token,
        "registration": registration.pk,
        "station": station.pk,
        "lawyer": lawyer.pk,
        "consultation": consultation.pk,
        "pairing": pairing.pk,
        "project": project.pk,
        "progress": progress.pk,
        "report_photo": report_photo.pk,
        "target": target.pk,
        "day": day.pk,
        "report": report.pk,
        "template": template.pk,
        "notice": notice.pk,
        "jobs": {app: jobs[spec].pk for app, spec in IMPORT_SPECS.items()},
        "township": township.pk,
        "village": project.village_id,
    }


# Which object of ``world`` a URL's ``pk`` is, by the url name's model part.
PK = {
    "federation:calendarday": "day",
    "federation:report": "report",
    "federation:reporttemplate": "template",
    "federation:notice": "notice",
    "enterprises:enterprise": "enterprise",
    "chambers:chamber": "chamber",
    "chambers:annualinspection": "inspection",
    "chambers:fourgoodrating": "rating",
    "chambers:dormancycheck": "chamber",
    "chambers:keyarea": "keyarea",
    "chambers:join": "chamber",
    "chambers:application": "application",
    "services:request": "request",
    "services:attachment": "attachment",
    "services:event": "event",
    "services:campaign": "campaign",
    "services:visit": "visit",
    "services:policy": "policy",
    "services:policyfile": "policy_file",
    "services:policy_public": "policy",
    "services:jobfair": "fair",
    "services:jobregistration": "registration",
    "services:legalstation": "station",
    "services:lawyer": "lawyer",
    "services:legalconsultation": "consultation",
    "villages:township": "township",
    "villages:village": "village",
    "villages:pairing": "pairing",
    "villages:pairingproject": "project",
    "villages:progressreport": "progress",
    "villages:reportphoto": "report_photo",
    "villages:annualtarget": "target",
}
# Exceptions to the rule above, and the other arguments (a valid action, token or kind).
ARGS = {
    "federation:report_request": lambda w: {"kind": "monthly"},
    "federation:notice_open": lambda w: {"pk": w["notice"]},
    "chambers:chamber_action": lambda w: {"pk": w["chamber"], "action": "status"},
    "chambers:application_decide": lambda w: {"pk": w["application"], "decision": "decline"},
    "services:request_track_result": lambda w: {"code": w["request_code"]},
    "services:request_action": lambda w: {"pk": w["request"], "action": "accept"},
    "services:event_signin": lambda w: {"token": w["event_token"]},
    "services:event_signed_in": lambda w: {"token": w["event_token"]},
    "services:event_action": lambda w: {"pk": w["event"], "action": "sign_off"},
    "services:event_file": lambda w: {"pk": w["event_file"]},
    "services:visit_photo": lambda w: {"pk": w["photo"]},
    "services:policy_public_file": lambda w: {"pk": w["policy_file"]},
    "services:policy_outreach_add": lambda w: {"pk": w["policy"]},
    "services:policy_enterprises": lambda w: {"pk": w["policy"]},
    "services:policy_action": lambda w: {"pk": w["policy"], "action": "withdraw"},
    "services:jobfair_register": lambda w: {"token": w["fair_token"]},
    "services:jobfair_registered": lambda w: {"token": w["fair_token"]},
    "services:jobfair_previous": lambda w: {"token": w["fair_token"]},
    "services:jobfair_public": lambda w: {"token": w["fair_token"]},
    "services:jobregistration_action": lambda w: {"pk": w["registration"], "action": "approve"},
    "services:jobfair_action": lambda w: {"pk": w["fair"], "action": "close"},
    "services:legalstation_status": lambda w: {"pk": w["station"], "action": "suspend"},
    "services:visit_follow_up": lambda w: {"pk": w["visit"]},
    "services:legalconsultation_follow_up": lambda w: {"pk": w["consultation"]},
    "villages:pairing_action": lambda w: {"pk": w["pairing"], "action": "complete"},
    "villages:pairingproject_add": lambda w: {"pairing": w["pairing"]},
    "villages:progressreport_add": lambda w: {"project": w["project"]},
}


def url_of(name, route, w):
    """The URL of pattern ``name`` with its arguments filled from ``world``."""
    if name in ARGS:
        return reverse(name, kwargs=ARGS[name](w))
    if "<" not in route:
        return reverse(name)
    if "_import" in name:
        return reverse(name, kwargs={"pk": w["jobs"][name.split(":")[0]]})
    model = name.rsplit("_", 1)[0]
    return reverse(name, kwargs={"pk": w[PK[model]]})


def _fingerprint():
    """What a refused POST must leave as it was: every history table's rows (every audited change)
    and the rows of the core's own unaudited tables."""
    tables = [*history_tables(), "federation_notice", "federation_report", "federation_importjob"]
    with connection.cursor() as cursor:
        cursor.execute(
            " UNION ALL ".join(f"SELECT '{t}', count(*) FROM {connection.ops.quote_name(t)}" for t in tables)
        )
        return dict(cursor.fetchall())


def _clients(users):
    clients = {"anonymous": Client()}
    for role in CAST[:-1]:
        clients[role] = Client()
        clients[role].force_login(users[role])
    return clients


# POST-only views where more roles are refused than GET shows: the object is not theirs.
POST_REFUSED = {
    "chambers:application_decide": {"secretary"},  # chamber B's application
    "chambers:membership_import_apply": {"secretary"},  # the administrator's import
    "chambers:membership_import_retry": {"secretary"},
    "federation:report_retry": {"leader", "staff", "secretary", "outsider"},  # the administrator's report
}
# Every role but these must find chamber B absent from the secretary's lists of chamber rows.
SECRETARY_LISTS = ("chambers:chamber_list", "chambers:membership_list", "chambers:application_list")


def test_every_role_gets_what_the_table_says_on_every_page(role_users):
    w = world(role_users)
    clients = _clients(role_users)
    wrong = []
    for name, route in matrix_patterns():
        url = url_of(name, route, w)
        for role in CAST:
            response = clients[role].get(url)
            expected = MATRIX[name][role]
            if response.status_code != expected:
                wrong.append(f"{name} {url} as {role}: {response.status_code} (expected {expected})")
            elif (
                response.status_code == 302
                and role == "anonymous"
                and MATRIX[name] not in (REDIRECT_ALL, LOGIN)
                and not response["Location"].startswith(reverse("login"))
            ):
                wrong.append(f"{name} as anonymous: redirected to {response['Location']}, not to sign in")
    assert not wrong, "\n".join(wrong)


def test_a_refused_post_with_an_empty_body_is_refused_and_changes_nothing(role_users):
    w = world(role_users)
    clients = _clients(role_users)
    wrong = []
    for name, route in matrix_patterns():
        kind = MATRIX[name]
        if 405 not in kind.values() or kind is POST_ALL:
            continue
        url = url_of(name, route, w)
        refused = {r for r, status in kind.items() if status != 405} | POST_REFUSED.get(name, set())
        for role in sorted(refused):
            before = _fingerprint()
            response = clients[role].post(url, {})
            status = response.status_code
            if role == "anonymous":
                ok = status == 302 and response["Location"].startswith(reverse("login"))
            else:
                ok = status in (403, 404)
            if not ok:
                wrong.append(f"POST {name} {url} as {role}: {status}")
            if _fingerprint() != before:
                wrong.append(f"POST {name} {url} as {role} changed rows")
    assert not wrong, "\n".join(wrong)


def test_a_secretarys_lists_hold_their_own_chamber_and_not_another(role_users):
    w = world(role_users)
    clients = _clients(role_users)
    chamber_b = Chamber.objects.get(pk=w["chamber"])
    chamber_a = Chamber.objects.exclude(pk=chamber_b.pk).get(secretaries=role_users["secretary"])
    for name in SECRETARY_LISTS:
        staff_page = clients["staff"].get(reverse(name)).content.decode()
        page = clients["secretary"].get(reverse(name)).content.decode()
        assert chamber_b.name in staff_page, name
        assert chamber_b.name not in page, name
    assert chamber_a.name in clients["secretary"].get(reverse("chambers:chamber_list")).content.decode()


def test_a_secretary_reaches_their_own_member_import_and_not_anyone_elses(role_users, client):
    secretary = role_users["secretary"]
    own = ImportJob(
        spec="chambers.members", original_name="own.csv", status=ImportJob.Status.FAILED, created_by=secretary
    )
    own.file.save("own.csv", ContentFile(b"x"), save=True)
    other = ImportJob(
        spec="chambers.members",
        original_name="staff.csv",
        status=ImportJob.Status.FAILED,
        created_by=role_users["staff"],
    )
    other.file.save("staff.csv", ContentFile(b"x"), save=True)
    client.force_login(secretary)
    assert client.get(reverse("chambers:membership_import_detail", args=[own.pk])).status_code == 200
    assert client.get(reverse("chambers:membership_import_detail", args=[other.pk])).status_code == 404
    upload_page = client.get(reverse("chambers:membership_import")).content.decode()
    assert "own.csv" in upload_page
    assert "staff.csv" not in upload_page
