"""The errors the police console's API gives (web/i18n/<lang>.police.json holds the same words):
signing in, taskings, moderation, areas, team subscriptions and the ballots officers take."""

STAFF_ERRORS: dict[str, dict[str, str]] = {
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
}
