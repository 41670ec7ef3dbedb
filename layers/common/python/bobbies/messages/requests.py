"""The errors of a request as such, on any route (residents' or staff's): its body, its query, an
address or method the API does not have, too many requests, and our own failure."""

REQUEST_ERRORS: dict[str, dict[str, str]] = {
    "invalid_json": {
        "en": "The request body is not valid JSON.",
        "cy": "Dydy corff y cais ddim yn JSON dilys.",
    },
    "unsupported_media_type": {
        "en": "Send the ballot as JSON (Content-Type: application/json).",
        "cy": "Anfonwch y bleidlais fel JSON (Content-Type: application/json).",
    },
    "payload_too_large": {
        "en": "The request is too large (8 KB at most).",
        "cy": "Mae'r cais yn rhy fawr (8 KB ar y mwyaf).",
    },
    "invalid_encoding": {
        "en": "The request body is not UTF-8 text.",
        "cy": "Dydy corff y cais ddim yn destun UTF-8.",
    },
    "duplicate_key": {
        "en": "The request names the same field twice.",
        "cy": "Mae'r cais yn enwi'r un maes ddwywaith.",
    },
    "number_too_long": {
        "en": "A number in the request has too many digits.",
        "cy": "Mae gormod o ddigidau mewn rhif yn y cais.",
    },
    "invalid_cursor": {
        "en": "The link to the next page (cursor) is not valid. Start again from the first page.",
        "cy": "Dydy'r ddolen i'r dudalen nesaf (cursor) ddim yn ddilys. Dechreuwch eto o'r dudalen gyntaf.",
    },
    "invalid_limit": {
        "en": "The limit must be a whole number from 1 to 100.",
        "cy": "Rhaid i'r terfyn fod yn rhif cyfan rhwng 1 a 100.",
    },
    "invalid_query": {
        "en": "A query parameter of the request is not valid.",
        "cy": "Dydy un o baramedrau ymholiad y cais ddim yn ddilys.",
    },
    # Sent by the edge web ACL (edge/web-acl.yaml), not the API: it carries both languages at once.
    "too_many_requests": {
        "en": "Too many requests from this address. Please try again in a few minutes.",
        "cy": "Gormod o geisiadau o'r cyfeiriad hwn. Rhowch gynnig arall arni ymhen ychydig funudau.",
    },
    "not_found": {
        "en": "There is nothing at this address.",
        "cy": "Does dim byd yn y cyfeiriad hwn.",
    },
    "method_not_allowed": {
        "en": "This address does not take that kind of request.",
        "cy": "Dydy'r cyfeiriad hwn ddim yn derbyn y math hwnnw o gais.",
    },
    "internal_error": {
        "en": "Something went wrong on our side. Nothing was changed; please try again.",
        "cy": "Aeth rhywbeth o'i le ar ein hochr ni. Does dim byd wedi newid; rhowch gynnig arall arni.",
    },
}
