from functools import wraps

from django.core.exceptions import PermissionDenied


def role_required(roles):
    """Refuse (403) a view to a user whose role is not in `roles`."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.has_role(roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
