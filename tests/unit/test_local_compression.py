"""The local gateway compresses where the template's CloudFront behaviours say so, as CloudFront does."""

import gzip

from local.compression import NO_COMPRESSION, Compression, as_viewer_gets_it, from_template

CSS = [("Content-Type", "text/css; charset=utf-8")]


def test_the_template_compresses_the_page_and_the_api() -> None:
    assert from_template() == Compression(site=True, api=True)
    assert from_template({"Resources": {}}) == NO_COMPRESSION


def test_only_what_cloudfront_would_compress_is_compressed() -> None:
    both, body = Compression(site=True, api=False), b"a{}" * 1000
    zipped, headers = as_viewer_gets_it(body, CSS, "/styles.css", "gzip, br", both)
    assert gzip.decompress(zipped) == body and ("Content-Encoding", "gzip") in headers
    # not asked for, a behaviour without Compress, too small, or a type CloudFront leaves alone
    assert as_viewer_gets_it(body, CSS, "/styles.css", "identity", both) == (body, CSS)
    assert as_viewer_gets_it(body, CSS, "/api/areas", "gzip", both) == (body, CSS)
    assert as_viewer_gets_it(b"a{}", CSS, "/styles.css", "gzip", both) == (b"a{}", CSS)
    png = [("Content-Type", "image/png")]
    assert as_viewer_gets_it(body, png, "/og-image.png", "gzip", both) == (body, png)
