"""The team server in a real browser: the system Chromium driven by Playwright.

An inspector scores a call on its page with the keyboard (a hostile note included) and
submits; the agent sees it, acknowledges it and disputes it; a manager sees the dispute and
the dashboard; the trainer, the supervisor and the admin open their pages. A screenshot of
every page goes to the folder given. Each step prints `ok STEP`; the last line is `RESULT ok`.

usage: walkthrough.py BASE_URL SCREENSHOT_FOLDER CALL_ID PERIOD
"""
import os
import sys
import time

from playwright.sync_api import sync_playwright, expect

BASE, SHOTS, CALL, PERIOD = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
HOSTILE = '<script>alert("x")</script>"><img src=x onerror=alert(1)>'
os.makedirs(SHOTS, exist_ok=True)
dialogs = []


def step(name):
    print(f"ok {name}", flush=True)


def shot(page, name):
    page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=False)


def wait_until(page, expression, what, seconds=10):
    """Polls `expression` with page.evaluate: the page's CSP forbids the eval wait_for_function uses."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if page.evaluate(expression):
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}: {expression}")


def sign_in(page, login):
    page.goto(f"{BASE}/login?lang=en")
    page.fill("#login", login)
    page.fill("#password", f"password-{login}")
    page.click("#sign-in")
    page.wait_for_load_state("networkidle")


def sign_out(page):
    page.click("#sign-out")
    expect(page.locator("#sign-in")).to_be_visible()


with sync_playwright() as p:
    browser = p.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"), args=["--no-sandbox", "--autoplay-policy=no-user-gesture-required"])
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="en-GB")
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    # The inspector: queue, then the scoring page of the call.
    page.goto(f"{BASE}/login?lang=en")
    shot(page, "01-sign-in")
    sign_in(page, "qa1")
    expect(page.locator("h1")).to_have_text("My queue")
    expect(page.locator("#assigned")).to_contain_text(CALL)
    shot(page, "02-inspector-queue")
    # "Score" on the assigned call fills the start form with it.
    page.click(f'#assigned a[href*="call={CALL}"]')
    expect(page.locator("#start-call")).to_have_value(CALL)
    expect(page.locator("#start-agent")).to_have_value("A1")
    page.click("#start")
    expect(page.locator("#score-form")).to_be_visible()
    step("draft opened")

    # A click on a transcript line seeks the recording.
    line = page.locator("#transcript li").nth(2)
    start = float(line.get_attribute("data-start"))
    wait_until(page, "document.getElementById('audio').duration > 9", "the recording to load")
    line.click()
    wait_until(page, f"Math.abs(document.getElementById('audio').currentTime - {start}) < 1.5", "the audio to seek")
    page.evaluate("document.getElementById('audio').pause()")
    step(f"transcript seeks the audio to {start}")

    # Keyboard only: y (greet: yes), 1 (tone: first level), x (hold: N/A), + then - (slang: 0 occurrences).
    page.locator("#item-greet").focus()
    page.keyboard.press("y")
    expect(page.locator("#item-tone")).to_be_focused()
    page.keyboard.press("1")
    page.keyboard.press("x")
    expect(page.locator("#item-slang")).to_be_focused()
    page.keyboard.press("+")
    page.keyboard.press("-")
    # A hostile note, typed into the note field of the first item.
    page.locator('input[name="n.greet"]').fill(HOSTILE)
    page.locator('input[name="n.greet"]').press("Tab")
    expect(page.locator("#final-score")).to_have_text("100.0")
    step("scored with the keyboard; the live breakdown shows 100.0")
    shot(page, "03-scoring-page")
    page.keyboard.press("Control+Enter")
    page.wait_for_url("**/evaluations/*")
    evaluation = page.url.rsplit("/", 1)[1]
    expect(page.locator(".note-text").first).to_have_text(HOSTILE)
    step(f"submitted evaluation {evaluation}; the note reads as text")
    shot(page, "04-evaluation-inspector")
    sign_out(page)

    # The agent: their evaluations, acknowledge, dispute with a reason.
    sign_in(page, "a1")
    expect(page.locator("h1")).to_have_text("My evaluations")
    expect(page.locator(f'#evaluations a[href="/evaluations/{evaluation}"]').first).to_be_visible()
    shot(page, "05-agent-evaluations")
    page.click(f'#evaluations a[href="/evaluations/{evaluation}"]')
    expect(page.locator(".note-text").first).to_have_text(HOSTILE)
    page.click("#ack")
    expect(page.locator(".flash")).to_be_visible()
    page.fill("#reason", "我在开头已经问候了客户 " + HOSTILE)
    page.click("#open-dispute")
    expect(page.locator(".dispute .reason")).to_have_text("我在开头已经问候了客户 " + HOSTILE)
    step("agent acknowledged and disputed")
    shot(page, "06-agent-dispute")
    sign_out(page)

    # The manager: the dispute waiting, the dashboard.
    sign_in(page, "mgr")
    page.goto(f"{BASE}/disputes")
    expect(page.locator("#dispute-list")).to_contain_text("我在开头已经问候了客户")
    shot(page, "07-manager-disputes")
    page.goto(f"{BASE}/dashboard?period={PERIOD}")
    expect(page.locator("#panel-disputes")).to_contain_text("我在开头已经问候了客户")
    expect(page.locator("#panel-weak-areas .hbars li").first).to_be_visible()
    step("manager sees the dispute and the dashboard")
    shot(page, "08-manager-dashboard")
    page.goto(f"{BASE}/dashboard?period={PERIOD}&lang=zh")
    expect(page.locator("h1")).to_have_text("质量看板")
    shot(page, "09-manager-dashboard-zh")
    page.goto(f"{BASE}/evaluations/{evaluation}?lang=en")
    page.click(".uphold")
    expect(page.locator(".dispute .status").first).to_have_text("upheld")
    step("manager upheld the dispute")
    sign_out(page)

    # The supervisor, the trainer and the admin open their pages.
    sign_in(page, "sup")
    expect(page.locator("h1")).to_have_text("Dashboard")
    shot(page, "10-supervisor-dashboard")
    sign_out(page)
    sign_in(page, "trn")
    expect(page.locator("h1")).to_have_text("Case library")
    shot(page, "11-trainer-cases")
    sign_out(page)
    sign_in(page, "adm")
    expect(page.locator("#user-list")).to_contain_text("qa1")
    shot(page, "12-admin-users")
    page.goto(f"{BASE}/admin/scorecards")
    page.fill("#yaml", "key: broken\nversion: 1\ntitle: Broken\npass_score: 200\nsections: []\n")
    page.click("#upload")
    expect(page.locator("#validator")).to_contain_text("upload.yaml:")
    step("admin sees the validator's position")
    shot(page, "13-admin-scorecard-upload")
    browser.close()

if dialogs:
    print(f"FAIL a script ran: {dialogs}")
    sys.exit(1)
print("RESULT ok")
