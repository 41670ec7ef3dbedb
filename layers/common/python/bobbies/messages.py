"""Every error a client can see, in English and Welsh, keyed by its machine code."""

ERRORS: dict[str, dict[str, str]] = {
    "invalid_json": {
        "en": "The request body is not valid JSON.",
        "cy": "Nid yw corff y cais yn JSON dilys.",
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
        "cy": "Nid yw corff y cais yn destun UTF-8.",
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
        "cy": "Nid yw'r ddolen i'r dudalen nesaf (cursor) yn ddilys. Dechreuwch eto o'r dudalen gyntaf.",
    },
    "invalid_limit": {
        "en": "The limit must be a whole number from 1 to 100.",
        "cy": "Rhaid i'r terfyn fod yn rhif cyfan rhwng 1 a 100.",
    },
    "invalid_query": {
        "en": "A query parameter of the request is not valid.",
        "cy": "Nid yw un o baramedrau ymholiad y cais yn ddilys.",
    },
    "unknown_field": {
        "en": "The request has a field that is not part of a ballot.",
        "cy": "Mae gan y cais faes nad yw'n rhan o bleidlais.",
    },
    "invalid_body": {
        "en": "The ballot needs a voter token and the bobbies given to each priority.",
        "cy": "Mae angen tocyn pleidleisiwr a'r bobi a roddwyd i bob blaenoriaeth ar y bleidlais.",
    },
    "invalid_voter": {
        "en": "The voter token is not valid.",
        "cy": "Nid yw'r tocyn pleidleisiwr yn ddilys.",
    },
    "not_whole_bobbies": {
        "en": "Give whole bobbies only.",
        "cy": "Rhowch bobi cyfan yn unig.",
    },
    "negative_allocation": {
        "en": "A priority cannot be given fewer than no bobbies.",
        "cy": "Ni ellir rhoi llai na dim bobi i flaenoriaeth.",
    },
    "unknown_priority": {
        "en": "One of the priorities is not on this round's ballot.",
        "cy": "Nid yw un o'r blaenoriaethau ar bapur pleidleisio'r rownd hon.",
    },
    "budget_mismatch": {
        "en": "Place every bobby: the bobbies given must add up to the area's budget exactly.",
        "cy": "Rhowch bob bobi: rhaid i'r bobi a roddir adio i gyllideb yr ardal yn union.",
    },
    "no_open_round": {
        "en": "Voting in this area has closed for this round. "
        "The next round opens overnight, once the results are counted.",
        "cy": "Mae'r pleidleisio yn yr ardal hon wedi cau ar gyfer y rownd hon. "
        "Bydd y rownd nesaf yn agor dros nos, ar ôl cyfrif y canlyniadau.",
    },
    "round_not_open_yet": {
        "en": "Voting in this round has not started yet. See when it opens and come back then.",
        "cy": "Nid yw'r pleidleisio yn y rownd hon wedi dechrau eto. "
        "Gwelwch pryd mae'n agor a dewch yn ôl bryd hynny.",
    },
    "ballot_changed": {
        "en": "Your ballot was changed from another device at the same moment. Please try again.",
        "cy": "Newidiwyd eich pleidlais o ddyfais arall ar yr un pryd. Rhowch gynnig arall arni.",
    },
    "area_not_found": {
        "en": "There is no area with that name.",
        "cy": "Nid oes ardal gyda'r enw hwnnw.",
    },
    "district_not_found": {
        "en": "There is no district with that name.",
        "cy": "Nid oes ardal blismona gyda'r enw hwnnw.",
    },
    "receipt_not_found": {
        "en": "There is no ballot with that receipt code. Check the code and try again.",
        "cy": "Nid oes pleidlais gyda'r cod derbynneb hwnnw. Gwiriwch y cod a rhowch gynnig arall arni.",
    },
    "round_not_found": {
        "en": "There is no such round for this area.",
        "cy": "Nid oes rownd o'r fath ar gyfer yr ardal hon.",
    },
    "invalid_postcode": {
        "en": "That does not look like a UK postcode.",
        "cy": "Nid yw hwnnw'n edrych fel cod post yn y DU.",
    },
    "postcode_not_covered": {
        "en": "That postcode is outside North Wales, so it has no area here.",
        "cy": "Mae'r cod post hwnnw y tu allan i Ogledd Cymru, felly nid oes ardal ar ei gyfer yma.",
    },
    "not_found": {
        "en": "There is nothing at this address.",
        "cy": "Does dim byd yn y cyfeiriad hwn.",
    },
    "method_not_allowed": {
        "en": "This address does not take that kind of request.",
        "cy": "Nid yw'r cyfeiriad hwn yn derbyn y math hwnnw o gais.",
    },
    "internal_error": {
        "en": "Something went wrong on our side. Nothing was changed; please try again.",
        "cy": "Aeth rhywbeth o'i le ar ein hochr ni. Ni newidiwyd dim; rhowch gynnig arall arni.",
    },
}


def error_message(code: str, language: str) -> str:
    texts = ERRORS.get(code) or ERRORS["internal_error"]
    return texts["cy" if language == "cy" else "en"]
