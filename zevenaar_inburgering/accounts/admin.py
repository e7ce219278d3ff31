from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from django_otp import devices_for_user

from . import gebeurtenissen
from .logo import LOGO_MAX_BYTES, logo_type
from .models import Beveiligingsgebeurtenis, Gemeente, GemeenteLogo, User
from .signals import sessies_beeindigen


class GemeenteForm(forms.ModelForm):
    """The letterhead with its logo: uploaded as a file, checked on its bytes."""

    logo_bestand = forms.FileField(
        label="Logo",
        required=False,
        help_text="SVG of PNG, hoogstens 512 kB; een SVG zonder scripts en zonder "
        "verwijzingen naar andere bestanden of websites. Leeg laten: het logo blijft.",
    )

    class Meta:
        model = Gemeente
        fields = [
            "naam",
            "cbs_code",
            "teamleider",
            "bezoekadres",
            "postadres",
            "telefoon",
            "website",
            "ondertekenaar_naam",
            "ondertekenaar_functie",
            "bezwaaradres",
        ]

    def clean_logo_bestand(self):
        bestand = self.cleaned_data.get("logo_bestand")
        if bestand:
            # The size before reading: a huge upload is refused unread.
            data = bestand.read(LOGO_MAX_BYTES + 1)
            self.cleaned_data["logo_gegevens"] = (data, logo_type(data))
        return bestand

    def _save_m2m(self):
        super()._save_m2m()
        if "logo_gegevens" in self.cleaned_data:
            data, content_type = self.cleaned_data["logo_gegevens"]
            GemeenteLogo.objects.update_or_create(
                gemeente=self.instance,
                defaults={"data": data, "content_type": content_type},
            )


@admin.register(Gemeente)
class GemeenteAdmin(admin.ModelAdmin):
    form = GemeenteForm
    list_display = ["naam", "cbs_code", "postadres", "telefoon", "briefhoofd_compleet"]
    readonly_fields = ["logo_aanwezig"]
    fieldsets = (
        (None, {"fields": ("naam", "cbs_code", "teamleider")}),
        (
            "Briefhoofd",
            {
                "fields": (
                    "logo_aanwezig",
                    "logo_bestand",
                    "bezoekadres",
                    "postadres",
                    "telefoon",
                    "website",
                    "ondertekenaar_naam",
                    "ondertekenaar_functie",
                    "bezwaaradres",
                )
            },
        ),
    )

    @admin.display(description="Huidig logo")
    def logo_aanwezig(self, gemeente):
        logo = GemeenteLogo.objects.filter(gemeente=gemeente.pk).first()
        if logo is None:
            return "Nog geen logo"
        soort = "SVG" if logo.content_type == "image/svg+xml" else "PNG"
        return f"{soort}, {len(logo.data) // 1024 + 1} kB"

    @admin.display(description="Briefhoofd", boolean=True)
    def briefhoofd_compleet(self, gemeente):
        return not gemeente.briefhoofd_ontbreekt()


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
    actions = ["tweestaps_opnieuw_instellen"]

    @admin.action(description="Tweestapsverificatie opnieuw laten instellen")
    def tweestaps_opnieuw_instellen(self, request, queryset):
        """A lost phone: delete the user's app and backup codes and end their
        sessions; the next login asks for a new app."""
        for user in queryset:
            for device in devices_for_user(user, confirmed=None):
                device.delete()
            sessies_beeindigen(user)
            gebeurtenissen.vastleggen(
                Beveiligingsgebeurtenis.Soort.TWEEDE_FACTOR_GEWIST,
                request=request,
                user=user,
                toelichting=f"door {request.user.get_username()}",
            )
        self.message_user(
            request,
            f"{queryset.count()} gebruiker(s) stellen bij de volgende keer inloggen "
            "de tweestapsverificatie opnieuw in.",
        )


@admin.register(Beveiligingsgebeurtenis)
class BeveiligingsgebeurtenisAdmin(admin.ModelAdmin):
    """The security log, read-only (the database refuses changes anyway)."""

    list_display = ["tijdstip", "soort", "gebruikersnaam", "ip"]
    list_filter = ["soort"]
    search_fields = ["gebruikersnaam"]
    date_hierarchy = "tijdstip"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
