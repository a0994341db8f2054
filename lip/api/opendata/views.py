"""The bulk downloads (/api/v1/downloads/<slug>.csv|.json) and the DCAT-AP.de catalogue (/api/v1/dcat.ttl|.jsonld).

Plain Django views (no DRF: files, not API resources), anonymous and cacheable: ETag and Last-Modified with
conditional GET, `Cache-Control: public`, the licence as a `Link: <…>; rel="license"` header (RFC 8288). Before the
first nightly snapshot of a dataset, its first download writes one (synchronously, once; a second request meanwhile
gets 503 with Retry-After).
"""

import hashlib

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from .. import dcat
from ..datasets import get_dataset
from ..licences import open_data_terms
from . import snapshots

CACHE_CONTROL = "public, max-age=3600"
DCAT_TYPES = {"ttl": "text/turtle; charset=utf-8", "jsonld": "application/ld+json"}


def _open_data_headers(response, *, etag: str, last_modified: float | None, license_uri: str):
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = CACHE_CONTROL
    response["Link"] = f'<{license_uri}>; rel="license"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_safe
def download(request, slug: str, fmt: str):
    dataset = get_dataset(slug)
    if dataset is None or fmt not in snapshots.FORMATS:
        raise Http404(_("Diesen Datensatz gibt es nicht."))
    snapshot = snapshots.snapshot_latest_or_write(dataset)
    if snapshot is None:
        response = HttpResponse(
            _("Der Datensatz wird gerade erstellt. Bitte versuchen Sie es in einer Minute erneut."),
            status=503,
            content_type="text/plain; charset=utf-8",
        )
        response["Retry-After"] = "60"
        return response
    entry = snapshot.files[fmt]
    etag = quote_etag(entry.sha256)
    last_modified = snapshot.created.timestamp()
    license_uri = open_data_terms(request).license_uri
    not_modified = get_conditional_response(request, etag=etag, last_modified=int(last_modified))
    if not_modified is not None:
        return _open_data_headers(not_modified, etag=etag, last_modified=last_modified, license_uri=license_uri)
    try:
        handle = default_storage.open(entry.name, "rb")
    except OSError as exc:  # removed meanwhile by a newer snapshot's pruning: the client asks again
        raise Http404(_("Diesen Datensatz gibt es nicht.")) from exc
    response = FileResponse(handle, as_attachment=True, filename=f"{slug}.{fmt}")
    response["Content-Type"] = snapshots.FORMATS[fmt]
    response["Content-Length"] = str(entry.size)
    return _open_data_headers(response, etag=etag, last_modified=last_modified, license_uri=license_uri)


@require_safe
def catalogue(request, fmt: str):
    if fmt not in DCAT_TYPES:
        raise Http404
    terms = open_data_terms(request)
    body = dcat.serialize(dcat.build_catalogue(terms), fmt)
    etag = quote_etag(hashlib.sha256(body).hexdigest())
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        return _open_data_headers(not_modified, etag=etag, last_modified=None, license_uri=terms.license_uri)
    response = HttpResponse(body, content_type=DCAT_TYPES[fmt])
    return _open_data_headers(response, etag=etag, last_modified=None, license_uri=terms.license_uri)
