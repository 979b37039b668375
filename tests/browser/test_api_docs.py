"""``/api/docs`` in a real browser: Swagger UI from the app's own files, under the app's CSP."""

from playwright.sync_api import ConsoleMessage, Page

from tests.browser.conftest import LiveServer, shoot


def test_the_api_docs_list_the_operations_with_no_csp_error(
    page: Page, accounts_server: LiveServer
) -> None:
    errors: list[str] = []
    asked: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if _is_error(m) else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: asked.append(r.url))
    page.goto(f"{accounts_server.url}/api/docs")
    runs = page.locator('.opblock-summary-path[data-path="/api/v1/runs"]')
    runs.first.wait_for()
    assert page.locator(".opblock").count() > 20
    shoot(page, "api-docs-phone")
    assert errors == []
    own = (f"{accounts_server.url}/", "data:")
    assert [url for url in asked if not url.startswith(own)] == []


def _is_error(message: ConsoleMessage) -> bool:
    return message.type == "error" or "Content Security Policy" in message.text
