"""The product's API through the local gateway (routes read from template.yaml): wrong methods,
media types in any case, and the rounds route."""

import requests
from local.testing import RunnerProcess

from .voting import areas_by_quorum, get, voter


def test_the_gateway_serves_the_api_as_the_template_routes_it(stack: RunnerProcess) -> None:
    area = areas_by_quorum(stack)[0]
    paper = get(stack, f"/api/areas/{area['id']}/ballot")
    priority = paper["priorities"][0]["id"]

    # A ballot sent as "APPLICATION/JSON" is accepted: media types are case-insensitive
    answer = requests.post(
        f"{stack.url}/api/areas/{area['id']}/ballots",
        data=f'{{"voter": "{voter()}", "allocations": {{"{priority}": {paper["budget"]}}}}}',
        headers={"Content-Type": "APPLICATION/JSON"},
        timeout=10,
    )
    assert answer.status_code == 201, answer.text

    # A wrong method on a known path is a 405 in the error shape, in Welsh when asked, with Allow
    for method, path, allowed in [
        ("DELETE", "/api/areas", "GET"),
        ("GET", f"/api/areas/{area['id']}/ballots", "POST"),
    ]:
        answer = requests.request(method, stack.url + path, headers={"Accept-Language": "cy"}, timeout=10)
        assert answer.status_code == 405, (method, path, answer.text)
        assert answer.json()["error"]["code"] == "method_not_allowed"
        assert answer.json()["error"]["message"].startswith("Dydy'r cyfeiriad")
        assert answer.headers["Allow"] == allowed

    # An unknown path under /api is a 404 in the error shape
    answer = requests.get(f"{stack.url}/api/areas/{area['id']}/nothing-here", timeout=10)
    assert (answer.status_code, answer.json()["error"]["code"]) == (404, "not_found")

    # The rounds route is served: the open round, voting open, its last day
    (current,) = get(stack, f"/api/areas/{area['id']}/rounds")["rounds"]
    assert current["id"] == paper["round"]["id"]
    assert current["votingOpen"] is True and current["lastDay"] == paper["round"]["lastDay"]

    # As CloudFront does (Compress: true in the template), a viewer that accepts gzip gets the page
    # and the API gzipped; one that does not gets them as they are
    for path in ["/styles.css", "/api/areas"]:
        zipped = requests.get(stack.url + path, headers={"Accept-Encoding": "gzip"}, timeout=10)
        plain = requests.get(stack.url + path, headers={"Accept-Encoding": "identity"}, timeout=10)
        assert zipped.headers.get("Content-Encoding") == "gzip", path
        assert "Content-Encoding" not in plain.headers, path
        assert zipped.content == plain.content and int(zipped.headers["Content-Length"]) < len(plain.content)
