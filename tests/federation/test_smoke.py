import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_home_redirects_anonymous_visitors_to_login(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_staff_sees_the_workbench_in_chinese(staff_client):
    response = staff_client.get(reverse("home"))
    assert response.status_code == 200
    assert "我的工作台" in response.content.decode()
