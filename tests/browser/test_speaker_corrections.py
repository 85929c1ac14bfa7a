"""In a real browser: a speaker merge through the page works, and the same post forged from another site is refused."""
from __future__ import annotations

import re
import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def private_server(browser_database, pipeline, tmp_path):
    """The app over a private copy of the collection (these tests change speakers), served on 127.0.0.1."""
    import socket
    import time

    import uvicorn

    from app.settings import Settings
    from app.web.main import create_app

    path = tmp_path / "corrections.db"
    shutil.copyfile(browser_database, path)
    app = create_app(Settings(database_url=f"sqlite:///{path}", page_size=10), nlp=pipeline)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the test server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    app.state.engine.dispose()


@pytest.fixture
def attacker_site():
    """attacker_site(html) -> the URL of a page on another site (localhost, another port) serving `html`."""
    servers = []

    def host(html: str) -> str:
        class Page(BaseHTTPRequestHandler):
            def do_GET(self):  # the standard library's name for the GET handler
                body = html.encode()
                self.send_response(200)
                self.send_header("content-type", "text/html; charset=utf-8")
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *_):
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Page)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        # "localhost" is a different site from "127.0.0.1": the browser treats this page as foreign.
        return f"http://localhost:{server.server_address[1]}/"

    yield host
    for server in servers:
        server.shutdown()
        server.server_close()


def speaker_ids(page, base: str) -> dict[str, int]:
    listing = page.request.get(f"{base}/speakers.json").json()["speakers"]
    return {item["name"]: item["id"] for item in listing}


def state(page, base: str) -> list[tuple]:
    return sorted((item["id"], item["name"], item["quote_count"])
                  for item in page.request.get(f"{base}/speakers.json").json()["speakers"])


def test_merging_speakers_from_the_speaker_page(browser, private_server, screenshot):
    context = browser.new_context(base_url=private_server)
    page = context.new_page()
    ids = speaker_ids(page, private_server)
    page.goto(f"/speakers/{ids['Vladimir Putin']}")
    page.click("details.corrections summary")
    page.fill("#merge-other", "Gideon Farrow")
    page.click("form.merge-form button[type=submit]:not(.candidate)")
    page.wait_for_url(re.compile(rf"/speakers/{ids['Vladimir Putin']}$"))
    assert "6 quotes" in page.text_content(".stat")
    assert "Gideon Farrow" in page.text_content("details.aliases summary")
    screenshot(page, "13-speaker-merged")
    context.close()


def test_a_forged_cross_site_merge_is_refused(browser, private_server, attacker_site):
    """A page on another site auto-submits the merge form and posts JSON to the API; neither changes anything."""
    context = browser.new_context()
    page = context.new_page()
    ids = speaker_ids(page, private_server)
    target = f"{private_server}/speakers/{ids['Vladimir Putin']}"
    page.goto(target)  # the victim has used the app: its CSRF cookie is in this browser
    assert any(cookie["name"] == "quotetrail_csrf" for cookie in context.cookies())
    before = state(page, private_server)
    forged = attacker_site(f"""<!doctype html><html><body>
<form id="forged" action="{target}/merge" method="post">
  <input name="other" value="{ids['Gideon Farrow']}"><input name="csrf_token" value="{'0' * 64}">
</form>
<script>
  fetch("{private_server}/api/speakers/{ids['Vladimir Putin']}/merge", {{method: "POST", mode: "no-cors",
        headers: {{"content-type": "text/plain"}}, body: JSON.stringify({{other: "{ids['Lena Hoff']}"}})}})
    .finally(() => document.getElementById("forged").submit());
</script></body></html>""")
    with page.expect_navigation(url=f"{target}/merge") as navigation:
        page.goto(forged)
    response = navigation.value
    assert response.status == 403
    assert page.text_content("h1") == "Refused"
    assert "another site" in page.text_content(".lede") or "security token" in page.text_content(".lede")
    assert state(page, private_server) == before
    context.close()
