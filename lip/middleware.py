from django.conf import settings
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's language negotiation, with a signed-in person's preferred language before the browser's.

    Order: the language chosen on this device (cookie), the person's preferred language, the browser's
    Accept-Language, German.
    """

    def process_request(self, request):
        user = getattr(request, "user", None)
        if (
            settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
            and user is not None
            and user.is_authenticated
            and translation.check_for_language(user.preferred_language)
        ):
            translation.activate(user.preferred_language)
            request.LANGUAGE_CODE = translation.get_language()
            return
        super().process_request(request)
