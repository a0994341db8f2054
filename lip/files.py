"""Private files: stored under unguessable names and served only by views that have checked permission.

No URL under MEDIA_URL serves uploads or generated PDFs (only the public CMS images, see lip/urls.py and the README).
A view decides with the app's permission predicates, then answers with `serve_private_file`, which hands the file
over in one of three ways (setting `LIP_SENDFILE_BACKEND`):

- "django" (default): Django streams the file itself (FileResponse).
- "nginx": an empty response with `X-Accel-Redirect: <LIP_SENDFILE_URL><stored name>`; nginx serves the file from an
  `internal` location (aliased to MEDIA_ROOT), which clients cannot request directly.
- "xsendfile": an empty response with `X-Sendfile: <absolute path>` (Apache mod_xsendfile, lighttpd).

The module is also Wagtail's sendfile backend (`SENDFILE_BACKEND = "lip.files"`), so that documents served by
`/dokumente/<id>/<name>` are handed over the same way.
"""

import os
import secrets
from urllib.parse import quote

import filetype
from django import forms
from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.utils.http import content_disposition_header
from django.utils.text import get_valid_filename

SNIFF_BYTES = 8192
PRIVATE_CACHE_CONTROL = "private, no-store"
PUBLIC_CACHE_CONTROL = "public, max-age=3600"


def private_upload_path(folder: str, filename: str) -> str:
    """`<folder>/<random token>/<original name>`: the name stays readable, the path cannot be guessed."""
    name = get_valid_filename(os.path.basename(filename)) or "datei"
    return f"{folder}/{secrets.token_urlsafe(16)}/{name}"


def _backend() -> str:
    return getattr(settings, "LIP_SENDFILE_BACKEND", "django") or "django"


def _internal_url(name: str) -> str:
    prefix = getattr(settings, "LIP_SENDFILE_URL", "/protected/") or "/protected/"
    return prefix.rstrip("/") + "/" + quote(name.lstrip("/"))


def _handover(name: str, path: str) -> HttpResponse | None:
    """The empty response that tells the front web server to send the file, or None to send it ourselves."""
    backend = _backend()
    if backend == "nginx":
        response = HttpResponse()
        response["X-Accel-Redirect"] = _internal_url(name)
        return response
    if backend == "xsendfile":
        response = HttpResponse()
        response["X-Sendfile"] = path
        return response
    return None


def sniff_content_type(handle) -> str:
    """The MIME type read from the file's first bytes (never from its name)."""
    head = handle.read(SNIFF_BYTES)
    handle.seek(0)
    kind = filetype.guess(head)
    return kind.mime if kind else "application/octet-stream"


def serve_private_file(request, fieldfile, *, filename: str, as_attachment: bool = True, public: bool = False):
    """Answer with the file of `fieldfile` (a FieldFile) under the download name `filename`. The caller has checked
    that `request.user` may read it. A missing file is a 404."""
    if not fieldfile:
        raise Http404
    try:
        handle = fieldfile.open("rb")
        content_type = sniff_content_type(handle)
    except (OSError, ValueError) as exc:
        raise Http404 from exc
    response = _handover(fieldfile.name, _local_path(fieldfile))
    if response is None:
        response = FileResponse(handle, as_attachment=as_attachment, filename=filename)
    else:
        handle.close()
        response["Content-Disposition"] = content_disposition_header(as_attachment, filename)
    response["Content-Type"] = content_type
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = PUBLIC_CACHE_CONTROL if public else PRIVATE_CACHE_CONTROL
    return response


def _local_path(fieldfile) -> str:
    try:
        return fieldfile.path
    except NotImplementedError:  # a remote storage: only the "django" backend can serve it
        return ""


def sendfile(request, filename, **kwargs):
    """Wagtail's sendfile backend (`wagtail.utils.sendfile`): `filename` is the absolute path of a document."""
    root = os.path.realpath(settings.MEDIA_ROOT)
    path = os.path.realpath(filename)
    response = _handover(os.path.relpath(path, root), path) if path.startswith(root + os.sep) else None
    if response is None:
        from wagtail.utils.sendfile_streaming_backend import sendfile as stream

        return stream(request, filename, **kwargs)
    return response


class _CurrentFile(str):
    """The current file as ClearableFileInput shows it: its readable name, linked to `url`."""

    url: str = ""


class PrivateFileInput(forms.ClearableFileInput):
    """A file input whose "currently" link goes to the permission-checked download view (`download_url`, set by the
    form) instead of MEDIA_URL, and shows the file's name without its random folder."""

    download_url = ""

    def format_value(self, value):
        value = super().format_value(value)
        if value is None or not getattr(value, "name", None):
            return value
        if not self.download_url:
            return None  # no way to link it: do not show a dead link under MEDIA_URL
        current = _CurrentFile(os.path.basename(value.name))
        current.url = self.download_url
        return current
