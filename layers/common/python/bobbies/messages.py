"""Every error a client can see, in English and Welsh, keyed by its machine code."""

ERRORS: dict[str, dict[str, str]] = {
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
    "tasking_not_issued": {
        "en": "This round made no tasking, so there is nothing for the team to acknowledge.",
        "cy": "Wnaeth y rownd hon ddim creu tasg, felly does dim byd i'r tîm ei gydnabod.",
    },
    "tasking_not_acknowledged": {
        "en": "Acknowledge the tasking first: progress and an outcome come after that.",
        "cy": "Cydnabyddwch y dasg yn gyntaf: daw cynnydd a chanlyniad ar ôl hynny.",
    },
    "tasking_completed": {
        "en": "This tasking has been completed, so it cannot be changed any more.",
        "cy": "Mae'r dasg hon wedi'i chwblhau, felly does dim modd ei newid mwyach.",
    },
    "tasking_changed": {
        "en": "Someone else changed this tasking at the same moment. Look at it again and try again.",
        "cy": "Newidiodd rhywun arall y dasg hon ar yr un pryd. "
        "Edrychwch arni eto a rhowch gynnig arall arni.",
    },
    "note_needs_both_languages": {
        "en": "Write the progress note in English and in Welsh (500 characters at most in each).",
        "cy": "Ysgrifennwch y nodyn cynnydd yn Saesneg ac yn Gymraeg (500 nod ar y mwyaf ym mhob un).",
    },
    "outcome_needs_both_languages": {
        "en": "Write the outcome in English and in Welsh (500 characters at most in each).",
        "cy": "Ysgrifennwch y canlyniad yn Saesneg ac yn Gymraeg (500 nod ar y mwyaf ym mhob un).",
    },
    "invalid_officer": {
        "en": "The change does not say which officer made it.",
        "cy": "Dydy'r newid ddim yn dweud pa swyddog a'i gwnaeth.",
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
    # Sent by the edge web ACL (edge/web-acl.yaml), not the API: it carries both languages at once.
    "too_many_requests": {
        "en": "Too many requests from this address. Please try again in a few minutes.",
        "cy": "Gormod o geisiadau o'r cyfeiriad hwn. Rhowch gynnig arall arni ymhen ychydig funudau.",
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
    # The police console's moderation (admin_api/moderation.py).
    "invalid_decision": {
        "en": "A decision is one of: approve (with a title and description in English and Welsh), "
        "merge (with the priority it joins), decline (with a reason in English and Welsh) or "
        "redirect, and nothing else.",
        "cy": "Mae penderfyniad yn un o'r rhain: cymeradwyo (gyda theitl a disgrifiad yn Gymraeg ac yn "
        "Saesneg), uno (gyda'r flaenoriaeth y mae'n ymuno â hi), gwrthod (gyda rheswm yn Gymraeg ac yn "
        "Saesneg) neu ailgyfeirio, a dim byd arall.",
    },
    "title_language_missing": {
        "en": "Give the title in both English and Welsh.",
        "cy": "Rhowch y teitl yn Gymraeg ac yn Saesneg.",
    },
    "description_language_missing": {
        "en": "Give the description in both English and Welsh.",
        "cy": "Rhowch y disgrifiad yn Gymraeg ac yn Saesneg.",
    },
    "reason_language_missing": {
        "en": "Give the reason in both English and Welsh.",
        "cy": "Rhowch y rheswm yn Gymraeg ac yn Saesneg.",
    },
    "reason_too_long": {
        "en": "The reason must be 500 characters or fewer.",
        "cy": "Rhaid i'r rheswm fod yn 500 nod neu lai.",
    },
    "merge_priority_not_found": {
        "en": "This area has no priority with that id to join the suggestion to.",
        "cy": "Does gan yr ardal hon ddim blaenoriaeth gyda'r id hwnnw i uno'r awgrym â hi.",
    },
    "already_decided": {
        "en": "A moderator has already decided on this suggestion. Reload the list to see the decision.",
        "cy": "Mae cymedrolwr eisoes wedi penderfynu ar yr awgrym hwn. Ail-lwythwch y rhestr i weld y "
        "penderfyniad.",
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
    "not_found": {
        "en": "There is nothing at this address.",
        "cy": "Does dim byd yn y cyfeiriad hwn.",
    },
    "method_not_allowed": {
        "en": "This address does not take that kind of request.",
        "cy": "Dydy'r cyfeiriad hwn ddim yn derbyn y math hwnnw o gais.",
    },
    "sign_in_needed": {
        "en": "Sign in to the police console to do this.",
        "cy": "Mewngofnodwch i gonsol yr heddlu i wneud hyn.",
    },
    "wrong_group": {
        "en": "Your account is not allowed to do this. Ask an administrator if you need to.",
        "cy": "Dydy eich cyfrif ddim yn cael gwneud hyn. Gofynnwch i weinyddwr os oes angen.",
    },
    # The police console's tasking routes (admin_api/taskings.py).
    "note_too_long": {
        "en": "The progress note must be 500 characters or fewer in each language.",
        "cy": "Rhaid i'r nodyn cynnydd fod yn 500 nod neu lai ym mhob iaith.",
    },
    "outcome_too_long": {
        "en": "The outcome must be 500 characters or fewer in each language.",
        "cy": "Rhaid i'r canlyniad fod yn 500 nod neu lai ym mhob iaith.",
    },
    "unreadable_characters": {
        "en": "The words contain a character that cannot be shown, such as a control character. Remove it "
        "and try again.",
        "cy": "Mae nod yn y geiriau nad oes modd ei ddangos, fel nod rheoli. Tynnwch y nod hwnnw a rhowch "
        "gynnig arall arni.",
    },
    "invalid_tasking_change": {
        "en": "The change to the tasking is not in the expected form: a note or an outcome, in English and "
        "in Welsh, and nothing else.",
        "cy": "Dydy'r newid i'r dasg ddim yn y ffurf ddisgwyliedig: nodyn neu ganlyniad, yn Saesneg ac yn "
        "Gymraeg, a dim byd arall.",
    },
    "no_such_tasking": {
        "en": "There is no tasking with that reference. Check the reference and try again.",
        "cy": "Does dim tasg gyda'r cyfeirnod hwnnw. Gwiriwch y cyfeirnod a rhowch gynnig arall arni.",
    },
    "wrong_district": {
        "en": "That belongs to another district's team: you can see and work on your own district's taskings "
        "only.",
        "cy": "Mae hynny'n perthyn i dîm rhanbarth arall: dim ond tasgau eich rhanbarth chi y gallwch chi eu "
        "gweld a gweithio arnyn nhw.",
    },
    "no_district": {
        "en": "Your account is not linked to a district, so it has no taskings to show. Ask an administrator "
        "to set your district.",
        "cy": "Dydy eich cyfrif ddim wedi'i gysylltu â rhanbarth, felly does dim tasgau i'w dangos. "
        "Gofynnwch i weinyddwr osod eich rhanbarth.",
    },
    "invalid_area": {
        "en": "Send the area as a JSON object with its fields.",
        "cy": "Anfonwch yr ardal fel gwrthrych JSON gyda'i meysydd.",
    },
    "unknown_area_field": {
        "en": "The request has a field that is not part of an area.",
        "cy": "Mae gan y cais faes nad yw'n rhan o ardal.",
    },
    "area_fields_missing": {
        "en": "A new area needs its id, its name in English and Welsh, district, postcodes, budget, "
        "ballots needed (quorum) and round length; a change needs at least one of them.",
        "cy": "Mae angen i ardal newydd gael ei dynodwr, ei henw yn Saesneg ac yn Gymraeg, ei "
        "rhanbarth, ei chodau post, ei chyllideb, y nifer o bleidleisiau sydd eu hangen a hyd ei "
        "rownd; mae angen o leiaf un o'r rhain ar newid.",
    },
    "invalid_area_id": {
        "en": "The area's id must be 1 to 40 lower-case letters, digits or hyphens (for example y-rhyl).",
        "cy": "Rhaid i ddynodwr yr ardal fod rhwng 1 a 40 o lythrennau bach, digidau neu gysylltnodau "
        "(er enghraifft y-rhyl).",
    },
    "invalid_area_name": {
        "en": "Give the area's name in English and in Welsh (80 characters at most in each).",
        "cy": "Rhowch enw'r ardal yn Saesneg ac yn Gymraeg (80 nod ar y mwyaf ym mhob un).",
    },
    "invalid_coverage": {
        "en": "Give the postcodes the area covers as postcode districts or sectors (for example LL57 or "
        "LL57 2), 1 to 30 of them, each once.",
        "cy": "Rhowch y codau post mae'r ardal yn eu cynnwys fel dosbarthau neu sectorau cod post (er "
        "enghraifft LL57 neu LL57 2), rhwng 1 a 30 ohonyn nhw, pob un unwaith.",
    },
    "invalid_budget": {
        "en": "The budget must be a whole number of bobbies from 1 to 100.",
        "cy": "Rhaid i'r gyllideb fod yn nifer cyfan o fobis rhwng 1 a 100.",
    },
    "invalid_quorum": {
        "en": "The ballots needed (quorum) must be a whole number from 1 to 100,000.",
        "cy": "Rhaid i'r nifer o bleidleisiau sydd eu hangen fod yn rhif cyfan rhwng 1 a 100,000.",
    },
    "invalid_round_days": {
        "en": "A round's length must be a whole number of days from 1 to 366.",
        "cy": "Rhaid i hyd rownd fod yn nifer cyfan o ddyddiau rhwng 1 a 366.",
    },
    "area_exists": {
        "en": "There is already an area with that id.",
        "cy": "Mae ardal gyda'r dynodwr hwnnw'n bodoli'n barod.",
    },
    "postcode_taken": {
        "en": "Another area already covers one of these postcodes. Take it off that area first.",
        "cy": "Mae ardal arall eisoes yn cynnwys un o'r codau post hyn. Tynnwch ef oddi ar yr ardal "
        "honno yn gyntaf.",
    },
    "area_changed": {
        "en": "Someone else changed the areas' postcodes at the same moment. Look again and try again.",
        "cy": "Newidiodd rhywun arall godau post yr ardaloedd ar yr un pryd. Edrychwch eto a rhowch "
        "gynnig arall arni.",
    },
    "invalid_subscription": {
        "en": "Send the subscription as a JSON object: protocol, endpoint, area or district, and language.",
        "cy": "Anfonwch y tanysgrifiad fel gwrthrych JSON: protocol, endpoint, ardal neu ranbarth, ac iaith.",
    },
    "unknown_subscription_field": {
        "en": "The request has a field that is not part of a subscription.",
        "cy": "Mae gan y cais faes nad yw'n rhan o danysgrifiad.",
    },
    "invalid_protocol": {
        "en": "Choose how the team gets taskings: email or sms.",
        "cy": "Dewiswch sut mae'r tîm yn cael tasgau: email neu sms.",
    },
    "invalid_email": {
        "en": "That does not look like an email address.",
        "cy": "Dydy hwnnw ddim yn edrych fel cyfeiriad e-bost.",
    },
    "invalid_team_language": {
        "en": "Choose the team's language: en (English first) or cy (Welsh first).",
        "cy": "Dewiswch iaith y tîm: cy (Cymraeg yn gyntaf) neu en (Saesneg yn gyntaf).",
    },
    "subscription_scope": {
        "en": "Subscribe the team to one area or to one district, not both.",
        "cy": "Tanysgrifiwch y tîm i un ardal neu i un rhanbarth, nid i'r ddau.",
    },
    "already_subscribed": {
        "en": "That address already gets taskings. Remove its subscription first to change it.",
        "cy": "Mae'r cyfeiriad hwnnw eisoes yn cael tasgau. Tynnwch ei danysgrifiad yn gyntaf i'w newid.",
    },
    "subscription_not_found": {
        "en": "There is no team subscription with that id. It may have been removed already.",
        "cy": "Does dim tanysgrifiad tîm gyda'r dynodwr hwnnw. Efallai ei fod wedi'i dynnu'n barod.",
    },
    "invalid_age_band": {
        "en": 'Choose one of the age bands, or "Prefer not to say".',
        "cy": 'Dewiswch un o\'r bandiau oedran, neu "Gwell gen i beidio â dweud".',
    },
    "phone_or_paper_reference": {
        "en": (
            "Give the resident's mobile number or, if they have none, the paper ballot's "
            "reference: one of the two."
        ),
        "cy": (
            "Rhowch rif ffôn symudol y preswylydd neu, os nad oes ganddyn nhw un, gyfeirnod y "
            "papur pleidleisio: un o'r ddau."
        ),
    },
    "invalid_paper_reference": {
        "en": "A paper ballot's reference is 3 to 32 letters, digits or dashes, as printed on the paper.",
        "cy": (
            "Mae cyfeirnod papur pleidleisio rhwng 3 a 32 o lythrennau, digidau neu linellau "
            "toriad, fel y mae wedi'i argraffu ar y papur."
        ),
    },
    "postcode_not_in_area": {
        "en": "That postcode is not in this area, so this area's ballot is not the resident's.",
        "cy": (
            "Dydy'r cod post hwnnw ddim yn yr ardal hon, felly nid pleidlais yr ardal hon yw "
            "pleidlais y preswylydd."
        ),
    },
    "not_your_district": {
        "en": "This area is in another district. Officers take ballots for their own district's areas.",
        "cy": (
            "Mae'r ardal hon mewn rhanbarth arall. Mae swyddogion yn cymryd pleidleisiau ar gyfer "
            "ardaloedd eu rhanbarth eu hunain."
        ),
    },
    "internal_error": {
        "en": "Something went wrong on our side. Nothing was changed; please try again.",
        "cy": "Aeth rhywbeth o'i le ar ein hochr ni. Does dim byd wedi newid; rhowch gynnig arall arni.",
    },
    "invalid_replacing": {
        "en": "The ballot this one replaces must be given by its ballot id and version number, as the "
        "last receipt showed them.",
        "cy": "Rhaid nodi'r bleidlais y mae hon yn cymryd ei lle drwy rif adnabod y bleidlais a rhif ei "
        "fersiwn, fel roedd y dderbynneb ddiwethaf yn eu dangos.",
    },
}


def error_message(code: str, language: str) -> str:
    texts = ERRORS.get(code) or ERRORS["internal_error"]
    return texts["cy" if language == "cy" else "en"]


# The text with a code (one SMS segment in each language: tests/unit/test_verification_domain.py).
SMS_CODE: dict[str, str] = {
    "en": "{code} is your Balance Your Bobbies code. It works for 10 minutes. The police will never "
    "ask you for it.",
    "cy": "{code} yw eich cod Balance Your Bobbies. Mae'n gweithio am 10 munud. Fydd yr heddlu byth "
    "yn gofyn amdano.",
}


def sms_code_text(code: str, language: str) -> str:
    return SMS_CODE["cy" if language == "cy" else "en"].format(code=code)
