"""CloudFront's compression, where the template's cache behaviours ask for it (`Compress: true`).

CloudFront gzips an answer when the viewer accepts gzip, the type is one it compresses and the body
is between 1,000 and 10,000,000 bytes; the page's weight is measured as a resident receives it.
"""

import gzip
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from local.template import of_type

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml")
SMALLEST, LARGEST = 1_000, 10_000_000


@dataclass(frozen=True)
class Compression:
    """Whether the site's default behaviour and its /api/* behaviour compress."""

    site: bool
    api: bool

    def applies(self, path: str) -> bool:
        return self.api if path == "/api" or path.startswith("/api/") else self.site


NO_COMPRESSION = Compression(site=False, api=False)


def from_template(template: Mapping[str, Any] | None = None) -> Compression:
    distributions = of_type("AWS::CloudFront::Distribution", template).values()
    config = next(iter(distributions), {}).get("DistributionConfig", {})
    behaviours = config.get("CacheBehaviors", [])
    api: Mapping[str, Any] = next((b for b in behaviours if b.get("PathPattern") == "/api/*"), {})
    return Compression(
        site=bool(config.get("DefaultCacheBehavior", {}).get("Compress")), api=bool(api.get("Compress"))
    )


Headers = list[tuple[str, str]]


def as_viewer_gets_it(
    body: bytes, headers: Headers, path: str, accept_encoding: str, compression: Compression
) -> tuple[bytes, Headers]:
    """The body and headers gzipped as CloudFront would send them, or as they were."""
    named = {name.lower(): value for name, value in headers}
    kind = named.get("content-type", "")
    if (
        "gzip" not in accept_encoding.lower()
        or not compression.applies(path)
        or "content-encoding" in named
        or not kind.startswith(COMPRESSIBLE)
        or not SMALLEST <= len(body) <= LARGEST
    ):
        return body, headers
    return gzip.compress(body), [*headers, ("Content-Encoding", "gzip"), ("Vary", "Accept-Encoding")]
