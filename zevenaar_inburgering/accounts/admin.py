from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import Gemeente, User


@admin.register(Gemeente)
class GemeenteAdmin(admin.ModelAdmin):
    list_display = ["naam", "cbs_code", "postadres", "telefoon", "teamleider"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "first_name", "last_name", "role", "is_active"]
    list_filter = ["role", "is_active", "gemeenten"]
    filter_horizontal = ["gemeenten"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Persoonlijke gegevens", {"fields": ("first_name", "last_name", "email")}),
        ("Rol en gemeenten", {"fields": ("role", "gemeenten", "is_active")}),
        ("Belangrijke datums", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "password1", "password2", "role", "gemeenten"),
            },
        ),
    )
    readonly_fields = ["last_login", "date_joined"]
