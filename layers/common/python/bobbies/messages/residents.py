"""The errors the residents' API gives (web/i18n/<lang>.json and its parts, receipt and proposals,
hold the same words): ballots, areas and results, receipts and verdicts, suggestions, and confirming
a mobile number. The officers' assisted ballot gives some of them too (not_a_uk_mobile,
invalid_age_band)."""

RESIDENT_ERRORS: dict[str, dict[str, str]] = {
    "unknown_field": {
        "en": "The request has a field that is not part of a ballot.",
        "cy": "Mae gan y cais faes nad yw'n rhan o bleidlais.",
    },
    "invalid_body": {
        "en": "The ballot needs a voter token and the bobbies given to each priority.",
        "cy": "Mae angen tocyn pleidleisiwr ar y bleidlais, a nifer y bobis rydych chi'n eu rhoi i bob "
        "blaenoriaeth.",
    },
    "invalid_voter": {
        "en": "The voter token is not valid.",
        "cy": "Dydy'r tocyn pleidleisiwr ddim yn ddilys.",
    },
    "not_whole_bobbies": {
        "en": "Give whole bobbies only.",
        "cy": "Rhowch fobis cyfan yn unig.",
    },
    "negative_allocation": {
        "en": "A priority cannot be given fewer than zero bobbies.",
        "cy": "Allwch chi ddim rhoi llai na dim bobis i flaenoriaeth.",
    },
    "unknown_priority": {
        "en": "One of the priorities is not on this round's ballot.",
        "cy": "Dydy un o'r blaenoriaethau ddim ar bapur pleidleisio'r rownd hon.",
    },
    "budget_mismatch": {
        "en": "Place every bobby: the bobbies given must add up to the area's budget exactly.",
        "cy": "Rhowch bob bobi: rhaid i'r bobis rydych chi'n eu rhoi adio i gyllideb yr ardal yn union.",
    },
    "no_open_round": {
        "en": "Voting in this area has closed for this round. "
        "The next round opens overnight, once the results are counted.",
        "cy": "Mae'r pleidleisio yn yr ardal hon wedi cau ar gyfer y rownd hon. "
        "Bydd y rownd nesaf yn agor dros nos, ar ôl cyfrif y canlyniadau.",
    },
    "round_not_open_yet": {
        "en": "Voting in this round has not started yet. See when it opens and come back then.",
        "cy": "Dydy'r pleidleisio yn y rownd hon ddim wedi dechrau eto. "
        "Edrychwch pryd mae'n agor, a dewch yn ôl bryd hynny.",
    },
    "ballot_changed": {
        "en": "Your ballot was changed from another device at the same moment. Please try again.",
        "cy": "Cafodd eich pleidlais ei newid o ddyfais arall ar yr un pryd. Rhowch gynnig arall arni.",
    },
    "area_not_found": {
        "en": "There is no area with that name.",
        "cy": "Does dim ardal o'r enw hwnnw.",
    },
    "district_not_found": {
        "en": "There is no district with that name.",
        "cy": "Does dim rhanbarth o'r enw hwnnw.",
    },
    "receipt_not_found": {
        "en": "There is no ballot with that receipt code. Check the code and try again.",
        "cy": "Does dim pleidlais gyda'r cod derbynneb hwnnw. Gwiriwch y cod a rhowch gynnig arall arni.",
    },
    "round_not_found": {
        "en": "There is no such round for this area.",
        "cy": "Does dim rownd o'r fath ar gyfer yr ardal hon.",
    },
    "tasking_not_found": {
        "en": "There is no tasking for that round of this area.",
        "cy": "Does dim tasg ar gyfer y rownd honno yn yr ardal hon.",
    },
    "invalid_verdict": {
        "en": "Send the receipt code and whether the tasking made a difference (true or false).",
        "cy": "Anfonwch y cod derbynneb, a dweud a wnaeth y dasg wahaniaeth (true neu false).",
    },
    "receipt_not_for_tasking": {
        "en": "That receipt is for a ballot in another round or area. Only people who voted in this "
        "tasking's round can say whether it made a difference.",
        "cy": "Mae'r dderbynneb honno ar gyfer pleidlais mewn rownd neu ardal arall. Dim ond pobl a "
        "bleidleisiodd yn rownd y dasg hon sy'n gallu dweud a wnaeth hi wahaniaeth.",
    },
    "tasking_not_completed": {
        "en": "The team has not completed this tasking yet. Come back once it has an outcome.",
        "cy": "Dydy'r tîm ddim wedi cwblhau'r dasg hon eto. Dewch yn ôl pan fydd ganddi ganlyniad.",
    },
    "verdict_already_given": {
        "en": "A verdict has already been given for this ballot. Each ballot counts once.",
        "cy": "Mae barn eisoes wedi'i rhoi ar gyfer y bleidlais hon. Mae pob pleidlais yn cyfrif unwaith.",
    },
    "invalid_postcode": {
        "en": "That does not look like a UK postcode.",
        "cy": "Dydy hwnnw ddim yn edrych fel cod post yn y DU.",
    },
    "postcode_not_covered": {
        "en": "That postcode is outside North Wales, so it has no area here.",
        "cy": "Mae'r cod post hwnnw y tu allan i Ogledd Cymru, felly does dim ardal ar ei gyfer yma.",
    },
    "invalid_proposal": {
        "en": "A suggestion has a title, a description, the language they are in (en or cy) and a voter "
        "token, and nothing else.",
        "cy": "Mae gan awgrym deitl, disgrifiad, yr iaith maen nhw ynddi (en neu cy) a thocyn "
        "pleidleisiwr, a dim byd arall.",
    },
    "title_missing": {
        "en": "Enter a title for your suggestion.",
        "cy": "Rhowch deitl i'ch awgrym.",
    },
    "title_too_long": {
        "en": "The title must be 80 characters or fewer.",
        "cy": "Rhaid i'r teitl fod yn 80 nod neu lai.",
    },
    "description_missing": {
        "en": "Describe the problem you would like your neighbourhood policing team to deal with.",
        "cy": "Disgrifiwch y broblem yr hoffech i'ch tîm plismona bro fynd i'r afael â hi.",
    },
    "description_too_long": {
        "en": "The description must be 500 characters or fewer.",
        "cy": "Rhaid i'r disgrifiad fod yn 500 nod neu lai.",
    },
    "too_many_proposals": {
        "en": "You have made 3 suggestions today, the most one person can make in a day. "
        "Please come back tomorrow.",
        "cy": "Rydych chi wedi gwneud 3 awgrym heddiw, y nifer fwyaf y gall un person ei wneud mewn "
        "diwrnod. Dewch yn ôl yfory.",
    },
    "area_proposals_full": {
        "en": "This area has had as many suggestions today as we can take in a day. "
        "Please try again tomorrow.",
        "cy": "Mae'r ardal hon wedi cael cymaint o awgrymiadau heddiw ag y gallwn ni eu derbyn mewn "
        "diwrnod. Rhowch gynnig arall arni yfory.",
    },
    "proposals_busy": {
        "en": "Many suggestions arrived at the same moment. Please try again.",
        "cy": "Cyrhaeddodd llawer o awgrymiadau ar yr un pryd. Rhowch gynnig arall arni.",
    },
    "proposal_not_found": {
        "en": "There is no suggestion with that reference. Check the reference and try again.",
        "cy": "Does dim awgrym gyda'r cyfeirnod hwnnw. Gwiriwch y cyfeirnod a rhowch gynnig arall arni.",
    },
    "proposal_decided": {
        "en": "A moderator has already decided on this suggestion.",
        "cy": "Mae cymedrolwr eisoes wedi penderfynu ar yr awgrym hwn.",
    },
    "not_a_uk_mobile": {
        "en": "Enter a UK mobile number: 11 digits starting 07. Landlines, and numbers from Jersey, "
        "Guernsey or the Isle of Man, cannot be used.",
        "cy": "Rhowch rif ffôn symudol yn y DU: 11 digid yn dechrau gyda 07. Does dim modd defnyddio "
        "llinellau tir, na rhifau o Jersey, Guernsey neu Ynys Manaw.",
    },
    "invalid_verification": {
        "en": "To get a code, send a UK mobile number, the area, the language (en or cy) and this "
        "device's token, and nothing else.",
        "cy": "I gael cod, anfonwch rif ffôn symudol yn y DU, yr ardal, yr iaith (en neu cy) a thocyn y "
        "ddyfais hon, a dim byd arall.",
    },
    "invalid_code": {
        "en": "Type the 6-digit code from the text message.",
        "cy": "Teipiwch y cod 6 digid o'r neges destun.",
    },
    "wrong_code": {
        "en": "That code is not right. Check the text message and try again: after 5 wrong tries "
        "you will need a new code.",
        "cy": "Dydy'r cod hwnnw ddim yn gywir. Gwiriwch y neges destun a rhowch gynnig arall arni: ar "
        "ôl 5 cynnig anghywir bydd angen cod newydd arnoch chi.",
    },
    "code_expired": {
        "en": "This code can no longer be used: codes work once, for 10 minutes, and a new code "
        "replaces the one before. Ask for a new code.",
        "cy": "Does dim modd defnyddio'r cod hwn bellach: mae codau'n gweithio unwaith, am 10 munud, "
        "ac mae cod newydd yn cymryd lle'r un blaenorol. Gofynnwch am god newydd.",
    },
    "too_many_wrong_codes": {
        "en": "The code was typed wrong 5 times, so it no longer works. Ask for a new code.",
        "cy": "Cafodd y cod ei deipio'n anghywir 5 gwaith, felly dydy e ddim yn gweithio mwyach. "
        "Gofynnwch am god newydd.",
    },
    "too_many_codes": {
        "en": "We have sent as many codes to this number as we can for now (1 a minute, 3 an hour, "
        "5 a day). Please wait and try again later.",
        "cy": "Rydyn ni wedi anfon cymaint o godau i'r rhif hwn ag y gallwn ni am y tro (1 y funud, 3 "
        "yr awr, 5 y dydd). Arhoswch a rhowch gynnig arall arni'n nes ymlaen.",
    },
    "too_many_codes_here": {
        "en": "Too many codes have been asked for from this device or connection. Please try again later.",
        "cy": "Mae gormod o godau wedi cael eu gofyn amdanyn nhw o'r ddyfais neu'r cysylltiad hwn. "
        "Rhowch gynnig arall arni'n nes ymlaen.",
    },
    "sms_paused": {
        "en": "We are sending too many codes just now, so sending has paused. Please try again in an hour.",
        "cy": "Rydyn ni'n anfon gormod o godau ar hyn o bryd, felly mae'r anfon wedi oedi. Rhowch "
        "gynnig arall arni ymhen awr.",
    },
    "verification_busy": {
        "en": "A code for this number was asked for at the same moment. Please wait a minute and try again.",
        "cy": "Gofynnwyd am god ar gyfer y rhif hwn ar yr un pryd. Arhoswch funud a rhowch gynnig "
        "arall arni.",
    },
    "verification_needed": {
        "en": "Confirm your mobile number with a code before you vote in this round.",
        "cy": "Cadarnhewch eich rhif ffôn symudol gyda chod cyn i chi bleidleisio yn y rownd hon.",
    },
    "pass_not_valid": {
        "en": "Your confirmation is for another area or round. Confirm your mobile number again "
        "with a new code.",
        "cy": "Mae eich cadarnhad ar gyfer ardal neu rownd arall. Cadarnhewch eich rhif ffôn symudol "
        "eto gyda chod newydd.",
    },
    "invalid_age_band": {
        "en": 'Choose one of the age bands, or "Prefer not to say".',
        "cy": 'Dewiswch un o\'r bandiau oedran, neu "Gwell gen i beidio â dweud".',
    },
    "invalid_replacing": {
        "en": "The ballot this one replaces must be given by its ballot id and version number, as the "
        "last receipt showed them.",
        "cy": "Rhaid nodi'r bleidlais y mae hon yn cymryd ei lle drwy rif adnabod y bleidlais a rhif ei "
        "fersiwn, fel roedd y dderbynneb ddiwethaf yn eu dangos.",
    },
}
