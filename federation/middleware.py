"""Small middleware of the core."""

from django.template.loader import render_to_string


class MethodNotAllowedPageMiddleware:
    """Django answers a wrong HTTP method with an empty 405; give it a Chinese page instead."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 405 and not response.content:
            response.content = render_to_string("405.html", request=request)
            response["Content-Type"] = "text/html; charset=utf-8"
        return response
