"""The parsing and reporting of the load and fault runs (bench/loadgen.py, scripts/stack.py,
scripts/load.py); the runs themselves need private services and minutes (`make load`, `make faults`)."""

import importlib.util
import sys
from pathlib import Path

import pytest

from bench import loadgen
from federation import captcha

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"


def script(name):
    if str(SCRIPTS) not in sys.path:
        sys.path.insert(0, str(SCRIPTS))  # scripts/load.py imports its neighbour stack.py
    spec = importlib.util.spec_from_file_location(f"scripts_{name}", SCRIPTS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_response_is_read_with_its_status_headers_and_body():
    raw = b"HTTP/1.1 302 Found\r\nLocation: /done/\r\nSet-Cookie: sessionid=abc; HttpOnly\r\n\r\nbody"
    status, headers, body = loadgen.parse_response(raw)
    response = loadgen.Response(status, headers, body, 1.0)
    assert (status, response.header("location"), body) == (302, "/done/", b"body")


def test_a_chunked_body_is_put_back_together():
    raw = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n\xe8\xaf\x89\xe6\r\n2\r\n\xb1\x82\r\n0\r\n\r\n"
    assert loadgen.parse_response(raw)[2].decode() == "诉求"


def test_no_answer_is_status_zero():
    assert loadgen.parse_response(b"")[0] == 0


def test_the_client_keeps_and_forgets_cookies():
    client = loadgen.Client(1)
    client._keep_cookies(loadgen.Response(200, [("Set-Cookie", "sessionid=abc; Path=/")], b"", 1))
    assert client._headers()["Cookie"] == "sessionid=abc"
    gone = "sessionid=; expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/"
    client._keep_cookies(loadgen.Response(200, [("Set-Cookie", gone)], b"", 1))
    assert client.cookies == {}


def test_a_hidden_input_is_found_whatever_the_order_of_its_attributes():
    html = '<input type="hidden" value="tok1" name="csrfmiddlewaretoken"><input name="captcha_token" value="c2">'
    assert loadgen.hidden_input(html, "csrfmiddlewaretoken") == "tok1"
    assert loadgen.hidden_input(html, "captcha_token") == "c2"
    assert loadgen.hidden_input(html, "missing") == ""


@pytest.mark.parametrize(
    ("samples", "p95"), [([], None), ([7], 7), (list(range(1, 101)), 95), (list(range(1, 21)), 19)]
)
def test_p95_is_the_nearest_rank(samples, p95):
    assert loadgen.percentile(samples, 0.95) == p95


def test_the_summary_counts_errors_per_page_and_status():
    stats = loadgen.Stats()
    for ms in range(1, 21):
        stats.add("form", loadgen.Response(200, [], b"", float(ms)), True)
    stats.add("form", loadgen.Response(500, [], b"", 3.0), False)
    stats.add("list", loadgen.Response(0, [], b"", 30000.0), False)
    summary = stats.summary(10.0)
    assert summary["pages"]["form"] == {
        "requests": 21,
        "ok": 20,
        "rps": 2.0,
        "p50_ms": 10.0,
        "p95_ms": 19.0,
        "max_ms": 20.0,
        "errors": 1,
        "errors_by_status": {"500": 1},
    }
    assert summary["pages"]["list"]["errors_by_status"] == {"0": 1}
    assert summary["total"]["errors"] == 2


def test_the_targets_fail_on_an_error_or_a_slow_p95():
    load = script("load")
    summary = {
        "pages": {
            "fast": {"errors": 0, "errors_by_status": {}, "p95_ms": 120.0},
            "slow": {"errors": 0, "errors_by_status": {}, "p95_ms": 501.0},
            "broken": {"errors": 2, "errors_by_status": {"500": 2}, "p95_ms": 80.0},
        }
    }
    failed = {name for name, ok, _measured in load.targets(summary) if not ok}
    assert failed == {"slow: p95 ≤ 500 ms", "broken: no errors"}


def test_the_captcha_served_is_solved_with_the_servers_key():
    stack = script("stack")
    challenge = captcha.new_challenge(4, 5)
    assert stack.solve_captcha(challenge.token) == "9"
    data = stack.request_form_data(
        f'<input name="csrfmiddlewaretoken" value="x"><input name="captcha_token" value="{challenge.token}">', "标题"
    )
    assert (data["captcha_answer"], data["csrfmiddlewaretoken"], data["title"]) == ("9", "x", "标题")
