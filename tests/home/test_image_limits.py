"""Image uploads in the Wagtail admin are bounded in pixels (settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS).

A PNG of one colour compresses to a few kilobytes whatever its canvas, but Wagtail decodes it in full to make
renditions: an editor's 121-megapixel PNG took 1.2 GB and 11 s of a worker. Such files are refused at upload.
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection

from lip.roles import Role
from tests import factories


def png(width: int, height: int) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    PILImage.new("1", (width, height)).save(buffer, format="PNG")
    return SimpleUploadedFile(f"plakat-{width}x{height}.png", buffer.getvalue(), content_type="image/png")


@pytest.fixture
def admin_client(client_for, db):
    return client_for(factories.UserFactory(is_staff=True, is_superuser=True, roles=[Role.ADMINISTRATOR]))


def upload(client, file):
    root = Collection.get_first_root_node()
    return client.post(reverse("wagtailimages:add"), {"title": "Plakat", "file": file, "collection": root.pk})


def test_the_limit_is_40_megapixels(settings):
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 40_000_000
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 10 * 1024 * 1024


@pytest.mark.parametrize(("width", "height"), [(9000, 6000), (11000, 11000)], ids=["54-megapixel", "121-megapixel"])
def test_an_image_with_too_many_pixels_is_refused_and_nothing_stored(admin_client, width, height):
    file = png(width, height)
    assert file.size < 100_000  # a tiny file: only the pixel count can stop it

    response = upload(admin_client, file)

    assert response.status_code == 200  # the form again, with the error
    with translation.override("de"):
        expected = translation.gettext(
            "This file has too many pixels (%(num_pixels)s). Maximum pixels %(max_pixels_count)s."
        ) % {"num_pixels": width * height, "max_pixels_count": 40_000_000}
    assert response.context["form"].errors["file"] == [expected]
    assert get_image_model().objects.count() == 0


def test_an_ordinary_image_is_still_accepted(admin_client):
    response = upload(admin_client, png(1200, 800))

    assert response.status_code == 302, response.context["form"].errors
    assert get_image_model().objects.get().title == "Plakat"
