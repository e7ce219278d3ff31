from .context import Oorsprong, current_oorsprong


class VerwerkingContextMiddleware:
    """Gives every request one trace id and records where it came from."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        oorsprong = Oorsprong(
            ip=request.META.get("REMOTE_ADDR") or None,
            user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
        )
        token = current_oorsprong.set(oorsprong)
        try:
            return self.get_response(request)
        finally:
            current_oorsprong.reset(token)
