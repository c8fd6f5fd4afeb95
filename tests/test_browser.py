"""Readers' view in real Chromium: privacy, the player, layout, accessibility, search.

The built site is served on 127.0.0.1; every request the pages make is
recorded, and anything leaving that origin is blocked (and counted).
"""

from __future__ import annotations

import functools
import http.server
import os
import sys
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest

from .conftest import ROOT, build_root, copy_root

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Browser, Locator, Page, Request, Route

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTEFACTS = ROOT / "tests" / "artifacts"
WIDTHS = (320, 390, 768, 1280)
PRIVACY_HOST = "www.youtube-nocookie.com"
STAND_IN = """<!doctype html><html lang="en"><title>Stand-in player</title>
<body style="margin:0;height:100vh;display:grid;place-content:center;gap:1rem;
background:#111;color:#fff;font:16px sans-serif;text-align:center">
<p>Stand-in for YouTube's player<br>{url}</p><p><button>Pause</button></p>"""
# the rules of axe's default run that read colours, the only thing the dark scheme changes
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
# Colours settle once every transition has run (sphinx-design's take 250 ms): asking for the
# document's animations brings the style up to date, starting any the change calls for.
SETTLED = """document.getAnimations()
    .filter((a) => a instanceof CSSTransition).every((a) => a.playState === 'finished')"""
# resultTypes: axe details only the violations, not every element that passed
AXE_RUN = """async (rules) => (await axe.run(document, {
        resultTypes: ["violations"], ...(rules ? {runOnly: rules} : {})
    })).violations.map(v => `${v.id} (${v.impact}): ${v.nodes.map(n => n.target).join(' | ')}`)"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists() or not AXE.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} and {AXE} are required in CI")
        pytest.skip("Debian's chromium or axe-core (npm ci) is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


PREFIX = "/en/latest/"  # served where Read the Docs serves it


class QuietServer(http.server.ThreadingHTTPServer):
    """Chromium drops connections it no longer needs (a media range, a page left):
    that is not a failure of the site, so it is not printed into the test log."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serving(directory: Path) -> Iterator[str]:
    """A built site served on 127.0.0.1 under PREFIX: the server's URL, no path."""
    handler = functools.partial(SiteHandler, directory=str(directory))
    httpd = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    with serving(site) as url:
        yield url


@pytest.fixture(scope="module")
def origin(server: str) -> str:
    """The site's root URL, without the trailing slash."""
    return server + PREFIX.rstrip("/")


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """The built site under /en/latest/, with its 404 page for missing paths."""

    def translate_path(self, path: str) -> str:
        return super().translate_path("/" + path.removeprefix(PREFIX))

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


class Recorder:
    """Every request of a page; off-origin ones are aborted, never sent.

    With ``stand_in``, the player's frame gets a page of its own on YouTube's origin
    instead (there is no network at test time): a document to focus and to look at.
    """

    def __init__(self, page: Page, origin: str, stand_in: bool = False) -> None:
        self.origin = "/".join(origin.split("/")[:3])  # scheme://host:port
        self.requests: list[str] = []
        self.stand_in = stand_in
        page.route("**/*", self.handle)

    def handle(self, route: Route, request: Request) -> None:
        self.requests.append(request.url)
        if request.url.startswith(self.origin + "/"):
            route.continue_()
        elif self.stand_in and urlsplit(request.url).hostname == PRIVACY_HOST:
            route.fulfill(content_type="text/html", body=STAND_IN.format(url=request.url))
        else:
            route.abort()

    @property
    def foreign(self) -> list[str]:
        return [u for u in self.requests if not u.startswith(self.origin + "/")]


def all_pages(site: Path) -> list[str]:
    return sorted(str(p.relative_to(site)) for p in site.rglob("*.html"))


def test_every_page_private_fitting_and_accessible(
    browser: Browser, origin: str, site: Path
) -> None:
    """Each page is loaded once: widths, then axe in light, then axe's colour rules in dark.

    The dark scheme is CSS only (furo's ``prefers-color-scheme`` rules), so only the rules
    that read colours can find something new there; switching the emulated scheme on the
    loaded page re-styles it without a reload.
    """
    problems: list[str] = []
    context = browser.new_context(color_scheme="light")
    context.add_init_script(path=str(AXE))  # in every page as it loads, sent to Chromium once
    page = context.new_page()
    recorder = Recorder(page, origin)
    for name in all_pages(site):
        page.emulate_media(color_scheme="light")
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(f"{origin}/{name}", wait_until="load")
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            if overflow > 0:
                problems.append(f"{name} at {width}px: {overflow}px wider than the screen")
        page.set_viewport_size({"width": 1280, "height": 900})
        for scheme, rules in (("light", None), ("dark", COLOUR_RULES)):
            page.emulate_media(color_scheme=scheme)
            assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") == (
                scheme == "dark"
            )
            page.wait_for_function(SETTLED)  # axe reads the colours the page settles on
            violations = page.evaluate(AXE_RUN, rules)
            problems += [f"{name} [{scheme}] axe {v}" for v in violations]
        description = page.locator('meta[name="description"]')
        if description.count() != 1 or not description.get_attribute("content"):
            problems.append(f"{name}: no meta description")
    problems += [f"request left the site: {u}" for u in recorder.foreign]
    context.close()
    assert not problems, "\n".join(problems)


def test_what_shows_on_scrolling_up_is_in_a_landmark(browser: Browser, origin: str) -> None:
    """furo shows "Back to top" once a reader scrolls up: axe's region rule must hold then
    too, which the all-pages run, loading each page at its top, never sees."""
    context = browser.new_context(viewport={"width": 1280, "height": 700})
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    page.goto(f"{origin}/talks/channels.html", wait_until="load")
    page.mouse.wheel(0, 1500)
    page.wait_for_function("scrollY > 0")
    page.mouse.wheel(0, -300)
    back = page.locator(".back-to-top")
    back.wait_for(state="visible")
    assert page.evaluate(AXE_RUN, ["region"]) == []
    context.close()


def open_talk(browser: Browser, origin: str, **options: Any) -> tuple[Page, Recorder]:
    page = browser.new_page(**options)
    recorder = Recorder(page, origin)
    page.goto(f"{origin}/talks/channels.html", wait_until="load")
    return page, recorder


def test_player_loads_youtube_only_when_asked(browser: Browser, origin: str) -> None:
    page, recorder = open_talk(browser, origin, viewport={"width": 1280, "height": 900})
    button = page.get_by_role("button", name="Play the recording of Channels from 55:09")
    assert button.count() == 1
    assert recorder.foreign == []
    player = page.locator(".talk-player")
    box = "e => { const r = e.getBoundingClientRect(); return [r.left, r.top + scrollY, r.width, r.height]; }"
    before = player.bounding_box()
    placed = player.evaluate(box)
    width = page.locator("article[role=main]").bounding_box()
    assert before is not None and width is not None
    assert abs(before["width"] / before["height"] - 16 / 9) < 0.01
    assert abs(before["width"] - width["width"]) < 2, "the player spans the content width"
    with page.expect_request(lambda r: urlsplit(r.url).hostname == PRIVACY_HOST):
        button.click()
    frame = page.locator(".talk-player iframe")
    assert frame.get_attribute("title") == "Recording of Channels by Andrew Godwin, from 55:09"
    assert player.evaluate(box) == placed, "playing must not shift the page"
    page.wait_for_timeout(200)
    assert recorder.foreign == [
        "https://www.youtube-nocookie.com/embed/rsEkQbMLCH4?start=3309&autoplay=1"
    ]
    page.close()


@pytest.mark.parametrize("key", ["Enter", "Space"])
def test_player_works_from_the_keyboard(browser: Browser, origin: str, key: str) -> None:
    page, recorder = open_talk(browser, origin)
    button = page.get_by_role("button", name="Play the recording of Channels from 55:09")
    button.focus()
    with page.expect_request(lambda r: urlsplit(r.url).hostname == PRIVACY_HOST):
        page.keyboard.press(key)
    assert page.locator(".talk-player iframe").count() == 1
    assert len(recorder.foreign) == 1
    page.close()


def test_without_javascript_the_poster_is_a_link(browser: Browser, origin: str) -> None:
    page, recorder = open_talk(browser, origin, java_script_enabled=False)
    link = page.locator(".talk-player a.talk-player-start")
    assert link.get_attribute("href") == "https://www.youtube.com/watch?v=rsEkQbMLCH4&t=3309s"
    assert link.inner_text() == "Play the recording of Channels from 55:09"
    assert recorder.foreign == []
    page.close()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("select_related", "Debugging"),
        ("Andrew Godwin", "Channels"),
        ("Nadia Eghbal", "OSS Funding"),
    ],
)
def test_search_finds_talks(browser: Browser, origin: str, query: str, expected: str) -> None:
    page = browser.new_page()
    search(page, origin, query)
    titles = page.locator("#search-results ul.search li a").all_inner_texts()
    assert expected in titles
    page.close()


@pytest.mark.parametrize("path", ["/en/latest/missing.html", "/en/latest/a/b/c/missing/"])
def test_404_page_works_at_any_depth(browser: Browser, server: str, path: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 800})
    failed: list[str] = []
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.on(
        "response",
        lambda r: (
            failed.append(r.url) if r.status >= 400 and r.url.endswith((".css", ".js")) else None
        ),
    )
    response = page.goto(server + path, wait_until="load")
    assert response is not None and response.status == 404
    assert failed == []
    assert page.locator("h1").first.inner_text().strip().startswith("Page not found")
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    page.close()


def test_screenshots(browser: Browser, origin: str) -> None:
    """Artefacts for people to look at: overview and a talk, phone and laptop. Files are
    overwritten, never cleared: under pytest-xdist other workers write theirs beside these."""
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    for width in (390, 1280):
        page = browser.new_page(viewport={"width": width, "height": 900})
        for name in ("index", "talks/channels"):
            page.goto(f"{origin}/{name}.html", wait_until="load")
            shot = ARTEFACTS / f"{name.replace('/', '-')}-{width}.png"
            page.screenshot(path=str(shot), full_page=True)
            assert shot.stat().st_size > 10_000
        page.close()


# -- moment links, on a post with its talk's player (tests/roots/test-posts) --------------


@pytest.fixture(scope="module")
def posts_origin(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    app = build_root(copy_root("posts", tmp_path_factory.mktemp("posts-site") / "src"))
    assert app.warning.getvalue() == ""
    with serving(app.outdir) as url:
        yield url + PREFIX.rstrip("/")


MOMENT_EMBED = "https://www.youtube-nocookie.com/embed/rsEkQbMLCH4?start=4059&autoplay=1"


def open_post(browser: Browser, origin: str) -> tuple[Page, Recorder]:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    recorder = Recorder(page, origin)
    page.goto(f"{origin}/posts/first.html", wait_until="load")
    return page, recorder


@pytest.mark.parametrize("how", ["click", "Enter"])
def test_moment_plays_in_the_page_player(browser: Browser, posts_origin: str, how: str) -> None:
    page, recorder = open_post(browser, posts_origin)
    moment = page.get_by_role(
        "link", name="Talk One, 12:30 into the talk (1:07:39 into the Day 1 live stream)"
    )
    assert moment.count() == 1
    assert recorder.foreign == [], "nothing from YouTube before the reader asks"
    with page.expect_request(lambda r: urlsplit(r.url).hostname == PRIVACY_HOST):
        if how == "click":
            moment.click()
        else:
            moment.focus()
            page.keyboard.press("Enter")
    page.wait_for_timeout(200)
    assert page.url.endswith("/posts/first.html"), "played in place, no navigation"
    frame = page.locator(".talk-player[data-talk=one] iframe")
    assert frame.count() == 1
    assert frame.get_attribute("src") == MOMENT_EMBED
    assert frame.get_attribute("title") == "Recording of Talk One by Ada Lovelace, from 1:07:39"
    assert page.evaluate("document.activeElement.tagName") == "IFRAME", "focus moves to it"
    assert recorder.foreign == [MOMENT_EMBED], "exactly one embed request, at the moment"
    page.close()


def test_moment_seeks_a_playing_player(browser: Browser, posts_origin: str) -> None:
    page, recorder = open_post(browser, posts_origin)
    page.get_by_role("button", name="Play the recording of Talk One from 55:09").click()
    page.wait_for_timeout(100)
    page.get_by_role("link", name="Talk One, 12:30 into the talk", exact=False).click()
    page.wait_for_timeout(200)
    frames = page.locator(".talk-player iframe")
    assert frames.count() == 1
    assert frames.get_attribute("src") == MOMENT_EMBED
    assert recorder.foreign == [
        "https://www.youtube-nocookie.com/embed/rsEkQbMLCH4?start=3309&autoplay=1",
        MOMENT_EMBED,
    ]
    page.close()


def test_moment_of_a_talk_without_a_player_here_is_a_plain_link(
    browser: Browser, posts_origin: str
) -> None:
    page, _recorder = open_post(browser, posts_origin)
    other = page.locator("a.talk-moment[data-talk=two]")
    prevented = other.evaluate(
        "a => { a.addEventListener('click', e => { window.seen = e.defaultPrevented; "
        "e.preventDefault(); }); a.click(); return window.seen; }"
    )
    assert prevented is False, "the script leaves it to open the stream at the moment"
    assert other.get_attribute("href") == "https://www.youtube.com/watch?v=kWH3Waigi5Y&t=2250s"
    page.close()


def test_moment_without_javascript_opens_the_stream(browser: Browser, posts_origin: str) -> None:
    page = browser.new_page(java_script_enabled=False)
    recorder = Recorder(page, posts_origin)
    page.goto(f"{posts_origin}/posts/first.html", wait_until="load")
    moment = page.locator("a.talk-moment[data-talk=one]")
    assert moment.get_attribute("href") == "https://www.youtube.com/watch?v=rsEkQbMLCH4&t=4059s"
    assert recorder.foreign == []
    page.close()


# -- a moment link screens below its player (tests/roots/test-moments) --------------------

# The site's own page frame, CSS, JS and theme settings around the root's pages (furo).
SITE_LOOK = {
    "templates_path": [str(ROOT / "_templates")],
    "html_static_path": [str(ROOT / "_static")],
    "html_css_files": ["custom.css"],
    "html_js_files": [("site.js", {"defer": "defer"})],
    "html_theme_options": {"top_of_page_buttons": []},
    "html_copy_source": False,
    "html_show_sourcelink": False,
}


@pytest.fixture(scope="module")
def moments_origin(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A long post: its player at the top, a code block and a moment link screens below."""
    app = build_root(
        copy_root("moments", tmp_path_factory.mktemp("moments-site") / "src"), **SITE_LOOK
    )
    assert app.warning.getvalue() == ""
    with serving(app.outdir) as url:
        yield url + PREFIX.rstrip("/")


LONG_POST_EMBED = "https://www.youtube-nocookie.com/embed/rsEkQbMLCH4?start=4059&autoplay=1"
WHERE = """(el) => {
  const r = el.getBoundingClientRect();
  return {top: r.top, bottom: r.bottom, height: r.height, viewport: innerHeight};
}"""
# The points of an element's box that a reader does not see: off the screen, or under
# something else (furo's sticky header, its "Back to top" button). Four corners, top middle.
UNSEEN = """(el) => {
  const r = el.getBoundingClientRect();
  const points = [[r.left, r.top], [r.left + r.width / 2, r.top], [r.right, r.top],
                  [r.left, r.bottom], [r.right, r.bottom]];
  return points.map(([x, y]) => [Math.round(x + (x === r.left ? 2 : -2)), Math.round(y + (y === r.top ? 2 : -2))])
    .filter(([x, y]) => { const hit = document.elementFromPoint(x, y); return !hit || !el.contains(hit); });
}"""
NEXT_FRAMES = "new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"


def open_long_post(
    browser: Browser, origin: str, width: int, motion: str = "reduce", height: int = 800
) -> tuple[Page, Recorder]:
    context = browser.new_context(
        viewport={"width": width, "height": height}, reduced_motion=motion
    )
    page = context.new_page()
    recorder = Recorder(page, origin, stand_in=True)
    page.goto(f"{origin}/posts/long.html", wait_until="load")
    return page, recorder


def long_post_moment(page: Page) -> Locator:
    """The post's moment link, in the middle of the screen, its player screens above."""
    moment = page.get_by_role(
        "link", name="Talk One, 12:30 into the talk (1:07:39 into the Day 1 live stream)"
    )
    moment.evaluate("a => a.scrollIntoView({block: 'center', behavior: 'instant'})")
    above = page.locator(".talk-player").evaluate(WHERE)
    assert above["bottom"] < -above["viewport"], f"the player must be a screen above: {above}"
    page.evaluate(NEXT_FRAMES)  # that scroll's events are past
    return moment


@pytest.mark.parametrize("motion", ["no-preference", "reduce"])
@pytest.mark.parametrize("how", ["click", "Enter"])
# a laptop, a phone upright, a phone on its side: the whole player fits the short screen
@pytest.mark.parametrize(("width", "height"), [(1280, 800), (390, 800), (844, 390)])
def test_a_moment_plays_where_the_reader_sees_it(
    browser: Browser, moments_origin: str, width: int, height: int, how: str, motion: str
) -> None:
    page, recorder = open_long_post(browser, moments_origin, width, motion, height)
    moment = long_post_moment(page)
    page.evaluate(
        "() => { window.scrolls = 0; addEventListener('scroll', () => scrolls++);"
        "addEventListener('scrollend', () => { window.settled = true; }, {once: true}); }"
    )
    if how == "click":
        moment.click()
    else:
        moment.focus()
        page.keyboard.press("Enter")
    player = page.locator(".talk-player")
    if motion == "reduce":
        assert player.evaluate(UNSEEN) == [], "at once: no waiting for an animation"
    else:
        page.wait_for_function("window.settled", timeout=10_000)
        assert page.evaluate("scrolls") > 1, "smooth: the page moved in steps"
    page.evaluate(NEXT_FRAMES)  # furo shows its "Back to top" button after a scroll up
    assert player.evaluate(UNSEEN) == [], "the whole player, below furo's chrome"
    frame = page.locator(".talk-player iframe")
    assert frame.get_attribute("src") == LONG_POST_EMBED, "the moment's second"
    assert frame.evaluate("f => f === document.activeElement"), "focus is where it plays"
    assert recorder.foreign == [LONG_POST_EMBED]
    if motion == "reduce" and how == "click":
        ARTEFACTS.mkdir(parents=True, exist_ok=True)
        page.wait_for_timeout(300)  # the stand-in's page painted in the frame
        page.screenshot(path=str(ARTEFACTS / f"moment-played-{width}x{height}.png"))
    page.context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_from_the_player_one_shift_tab_leads_back_to_the_moment(
    browser: Browser, moments_origin: str, width: int
) -> None:
    page, _recorder = open_long_post(browser, moments_origin, width)
    moment = long_post_moment(page)
    moment.focus()
    page.keyboard.press("Enter")
    page.frame_locator(".talk-player iframe").get_by_role("button", name="Pause").wait_for()
    assert page.evaluate("document.activeElement.tagName") == "IFRAME"  # as a reader finds it
    back = page.get_by_role("button", name="Back to the text at 12:30")
    assert back.evaluate("b => b.getBoundingClientRect().width") <= 1, "hidden until focused"
    page.keyboard.press("Shift+Tab")
    assert back.evaluate("b => b === document.activeElement")
    shown = back.evaluate(WHERE)
    player = page.locator(".talk-player").evaluate(WHERE)
    assert shown["height"] > 20 and player["top"] <= shown["top"] < player["bottom"], shown
    assert back.evaluate(
        "b => getComputedStyle(b).outlineStyle !== 'none' && parseFloat(getComputedStyle(b).outlineWidth) >= 2"
    ), "a visible focus ring"
    page.add_script_tag(path=str(AXE))  # the player and its button (not YouTube's frame)
    assert (
        page.evaluate(
            "async () => (await axe.run('.talk-player', {iframes: false, resultTypes: ['violations']}))"
            ".violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' | ')}`)"
        )
        == []
    )
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_timeout(300)
    page.screenshot(path=str(ARTEFACTS / f"moment-way-back-{width}.png"))
    page.keyboard.press("Enter")
    assert moment.evaluate("a => a === document.activeElement"), "focus is back on the link"
    assert moment.evaluate(UNSEEN) == [], "and the link is in view, at once with reduced motion"
    page.context.close()


# -- reflow: 320 px wide with text at 200 % (WCAG 1.4.4, 1.4.10) --------------------------

REFLOW_PROBLEMS = r"""() => {
  const out = [];
  const hidden = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const cs = getComputedStyle(e);
      if (cs.display === 'none' || cs.visibility === 'hidden' || cs.clipPath === 'inset(50%)') return true;
    }
    return false;
  };
  // Code keeps its lines: a block wider than its column scrolls sideways on its own
  // (WCAG 1.4.10 excepts code) if a keyboard can reach it; what is in it scrolls with it.
  // So does a data table (WCAG 1.4.10 excepts it too), in a region named after it.
  const codeScroller = (el) => (el.matches('.highlight pre')
      || (el.matches('.table-wrapper') && el.getAttribute('role') === 'region'
          && (el.getAttribute('aria-label') || '').trim() !== ''))
    && el.tabIndex >= 0 && ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
  const header = document.querySelector('.mobile-header');
  if (header && !hidden(header)) {  // a title that wraps grows the header, never spills out
    const box = header.getBoundingClientRect();
    for (const el of header.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (!hidden(el) && r.height && (r.top < box.top - 1 || r.bottom > box.bottom + 1)) {
        out.push(`${el.tagName.toLowerCase()}.${el.className}: spills out of the header`);
      }
    }
  }
  const doc = document.documentElement;
  if (doc.scrollWidth > innerWidth) out.push(`the page scrolls sideways by ${doc.scrollWidth - innerWidth}px`);
  for (const el of document.querySelectorAll('article *, .mobile-header *, .talk-player *')) {
    if (hidden(el) || el.closest('.sidebar-drawer, .toc-drawer')) continue;
    const code = el.parentElement && el.parentElement.closest('.highlight pre, .table-wrapper');
    if (code && codeScroller(code)) continue;
    const cs = getComputedStyle(el);
    const clips = ['hidden', 'clip', 'auto', 'scroll'];
    const sideways = el.scrollWidth > el.clientWidth + 1 && !codeScroller(el);
    if ((clips.includes(cs.overflowX) && sideways)
        || (clips.includes(cs.overflowY) && el.scrollHeight > el.clientHeight + 1)) {
      out.push(`${el.tagName.toLowerCase()}.${el.className}: content clipped or scrolled`);
    }
    const r = el.getBoundingClientRect();
    if (r.width && r.right > innerWidth + 1) out.push(`${el.tagName.toLowerCase()}.${el.className}: past the right edge`);
  }
  // A word wider than the heading's whole line even at the smallest heading size (an
  // official title's "internationalisation" at 200 % text) can only break (WCAG 1.4.10);
  // so can a last word with the heading's link mark, which Sphinx glues to it, if the two
  // are wider than the line together.
  const widerThanItsLine = (heading, word) => {
    const probe = document.createElement('span');
    probe.style.whiteSpace = 'nowrap';
    const mark = heading.querySelector('a.headerlink');
    const last = heading.textContent.replace(mark ? mark.textContent : '', '').trim().split(/\s+/).pop();
    probe.textContent = word === last && mark ? word + mark.textContent : word;
    heading.append(probe);
    const width = probe.getBoundingClientRect().width;
    probe.remove();
    const cs = getComputedStyle(heading);
    return width > heading.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
  };
  for (const heading of document.querySelectorAll('article h1, article h2, article h3')) {
    const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.textContent.matchAll(/[^\s-]+/g)) {  // a word may break at its hyphen
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        if (lines.size > 1 && !widerThanItsLine(heading, match[0])) {
          out.push(`"${match[0]}" in a heading breaks across lines`);
        }
      }
    }
  }
  return [...new Set(out)];
}"""


def test_every_page_reflows_at_320px_with_text_at_200_percent(
    browser: Browser, origin: str, site: Path
) -> None:
    page = browser.new_page(viewport={"width": 320, "height": 800})
    problems = []
    for name in all_pages(site):
        page.goto(f"{origin}/{name}", wait_until="load")
        page.add_style_tag(content="html { font-size: 200% !important; }")
        problems += [f"{name}: {p}" for p in page.evaluate(REFLOW_PROBLEMS)]
    shot = ARTEFACTS / "talks-channels-320-text-200.png"
    page.goto(f"{origin}/talks/channels.html", wait_until="load")
    page.add_style_tag(content="html { font-size: 200% !important; }")
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shot), full_page=True)
    page.close()
    assert not problems, "\n".join(problems)


# A code block's lines in its source and the rows its text takes on screen.
CODE_ROWS = """(pre) => {
  const range = document.createRange();
  range.selectNodeContents(pre);
  const rows = new Set([...range.getClientRects()].filter((r) => r.width).map((r) => Math.round(r.top)));
  return {lines: pre.textContent.trimEnd().split('\\n').length, rows: rows.size};
}"""


@pytest.mark.parametrize("width", [1280, 320])
def test_code_keeps_its_lines_and_scrolls_on_its_own(
    browser: Browser, moments_origin: str, width: int
) -> None:
    page, _recorder = open_long_post(browser, moments_origin, width)
    code = page.locator(".highlight pre")
    assert "select_related" in code.inner_text()
    assert code.evaluate(CODE_ROWS) == {"lines": 1, "rows": 1}, "one line, one row"
    sizes = code.evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert sizes[0] > sizes[1], f"the block scrolls sideways: {sizes}"
    assert page.evaluate("document.documentElement.scrollWidth - innerWidth") <= 0, "the page not"
    # the keyboard reaches it (the stop before the moment link) and scrolls it
    page.locator("a.talk-moment").focus()
    page.keyboard.press("Shift+Tab")
    assert code.evaluate("e => e === document.activeElement")
    assert code.evaluate(
        "e => getComputedStyle(e).outlineStyle !== 'none' && parseFloat(getComputedStyle(e).outlineWidth) >= 2"
    ), "a visible focus ring"
    page.keyboard.press("ArrowRight")
    page.wait_for_function("document.activeElement.scrollLeft > 0")
    page.add_script_tag(path=str(AXE))
    assert page.evaluate(AXE_RUN, ["scrollable-region-focusable"]) == []
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / f"code-scrolls-{width}.png"))
    if width == 320:  # and with text at 200 %, the page still reflows around it
        page.add_style_tag(content="html { font-size: 200% !important; }")
        assert code.evaluate(CODE_ROWS) == {"lines": 1, "rows": 1}
        assert page.evaluate(REFLOW_PROBLEMS) == []
    page.context.close()


def test_programme_reads_as_a_list_on_a_phone(browser: Browser, origin: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto(f"{origin}/conference/programme.html", wait_until="load")
    row = page.locator("table.talk-table tbody tr").nth(2)
    cells = row.locator("td")
    tops = [cells.nth(i).bounding_box()["y"] for i in range(cells.count())]  # type: ignore[index]
    assert tops == sorted(tops) and len(set(tops)) == len(tops), "cells stack, one under another"
    assert (
        page.locator("table.talk-table thead").first.evaluate("e => getComputedStyle(e).clipPath")
        == "inset(50%)"
    ), "headers stay for screen readers, hidden on screen"
    page.close()


# -- keyboard and focus ----------------------------------------------------------------


FOCUSED = """() => {
  const el = document.activeElement;
  const r = el.getBoundingClientRect();
  const cs = getComputedStyle(el);
  const drawer = el.closest('.sidebar-drawer, .toc-drawer');
  return {
    tag: el.tagName.toLowerCase(),
    text: (el.getAttribute('aria-label') || el.textContent || el.value || '').trim().slice(0, 40),
    controls: el.getAttribute('aria-controls'),
    inClosedDrawer: !!drawer && getComputedStyle(drawer).visibility === 'hidden',
    onScreen: r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth && r.width > 0,
    ring: (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2) || cs.boxShadow !== 'none',
  };
}"""


def tab_through(page: Page, presses: int = 40) -> list[dict[str, Any]]:
    """Where each Tab lands, until focus leaves the page (it lands on the body)."""
    seen = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUSED)
        if stop["tag"] == "body":
            break
        seen.append(stop)
    return seen


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
def test_keyboard_order_and_visible_focus(
    browser: Browser, origin: str, width: int, scheme: str
) -> None:
    # reduced motion: focus is checked where it settles, not mid-scroll or mid-slide
    context = browser.new_context(
        viewport={"width": width, "height": 900}, color_scheme=scheme, reduced_motion="reduce"
    )
    page = context.new_page()
    page.goto(f"{origin}/talks/channels.html", wait_until="load")
    stops = tab_through(page)
    assert stops[0]["text"] == "Skip to content", "the first stop skips the chrome"
    assert not [s for s in stops if s["inClosedDrawer"]], "a closed drawer is out of the tab order"
    assert not [s for s in stops if not s["onScreen"]], [s for s in stops if not s["onScreen"]]
    assert not [s for s in stops if not s["ring"]], [s for s in stops if not s["ring"]]
    toggles = {s["controls"] for s in stops if s["controls"]}
    if width == 390:
        assert toggles == {"furo-sidebar", "furo-toc"}, "both drawer toggles are reachable"
    page.close()
    context.close()


def test_drawer_toggle_is_a_button_with_a_state(browser: Browser, origin: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto(f"{origin}/talks/channels.html", wait_until="load")
    menu = page.get_by_role("button", name="Site navigation")
    assert menu.get_attribute("aria-expanded") == "false"
    menu.focus()
    page.keyboard.press("Enter")
    assert menu.get_attribute("aria-expanded") == "true"
    assert page.evaluate("document.activeElement.closest('#furo-sidebar') !== null")
    assert (
        page.locator("#furo-sidebar").evaluate("e => getComputedStyle(e).visibility") == "visible"
    )
    page.keyboard.press("Escape")
    assert menu.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.getAttribute('aria-controls')") == "furo-sidebar"
    page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_box_shows_focus(browser: Browser, origin: str, scheme: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{origin}/index.html", wait_until="load")
    page.locator(".sidebar-search").focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # focus by keyboard, as :focus-visible needs
    outline = page.locator(".sidebar-search").evaluate(
        "e => [getComputedStyle(e).outlineStyle, parseFloat(getComputedStyle(e).outlineWidth)]"
    )
    assert outline[0] != "none" and outline[1] >= 2
    context.close()


# -- print ------------------------------------------------------------------------------


def test_print_carries_the_facts_and_addresses_not_the_chrome(
    browser: Browser, origin: str
) -> None:
    page = browser.new_page()
    page.goto(f"{origin}/talks/channels.html", wait_until="load")
    page.emulate_media(media="print")
    shown = {
        selector: page.locator(selector).first.evaluate("e => getComputedStyle(e).display")
        for selector in (
            ".talk-player",
            ".skip-to-content",
            ".sidebar-drawer",
            ".toc-drawer",
            ".mobile-header",
            ".related-pages",
            ".talk-card",
        )
    }
    assert shown.pop(".talk-card") != "none"
    assert set(shown.values()) == {"none"}, shown
    after = page.locator(".talk-card a[href]").evaluate_all(
        "links => links.map(a => [a.href, getComputedStyle(a, '::after').content])"
    )
    printed = {href for href, content in after if href in content}
    assert "https://www.youtube.com/watch?v=rsEkQbMLCH4&t=3309s" in printed, "the recording"
    assert "https://simpleisbetterthancomplex.com/media/2016/11/channels.pdf" in printed
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.pdf(path=str(ARTEFACTS / "talks-channels-print.pdf"))
    page.close()


# -- search ----------------------------------------------------------------------------


def search(page: Page, origin: str, query: str) -> list[str]:
    """Every result's link, once Sphinx's search says it has finished."""
    page.goto(f"{origin}/search.html?q={query}", wait_until="load")
    page.locator(".search-summary", has_text="Search finished").wait_for(timeout=15000)
    return page.locator("#search-results ul.search li a").evaluate_all(
        "links => links.map(a => a.href)"
    )


@pytest.mark.parametrize("query", ["Carl Meyer", "Channels", "Loïc Bistuer", "performance"])
def test_every_search_result_lands_on_its_entry(browser: Browser, origin: str, query: str) -> None:
    page = browser.new_page()
    results = search(page, origin, query)
    assert len(results) == len(set(results)), f"a result listed twice: {results}"
    for href in results:
        if "#" not in href:
            continue
        target, anchor = href.split("#", 1)
        page.goto(target, wait_until="load")
        assert page.locator(f"[id='{anchor}']").count() == 1, f"{href} lands on nothing"
    page.close()


def test_search_finds_burnout(browser: Browser, origin: str) -> None:
    page = browser.new_page()
    assert any("mental-health" in href for href in search(page, origin, "burnout"))
    page.close()


def test_search_page_on_a_phone_has_a_box_with_the_query(browser: Browser, origin: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 800})
    search(page, origin, "select_related")
    box = page.get_by_role("searchbox", name="Search this site for")
    assert box.is_visible()
    assert box.input_value() == "select_related"
    page.close()


def test_404_page_offers_ways_on(browser: Browser, server: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto(server + "/en/latest/a/b/c/missing/", wait_until="load")
    page.get_by_role("link", name="The nine talks").click()
    page.wait_for_load_state("load")
    assert page.url == server + "/en/latest/talks/index.html"
    assert page.locator("h1").first.inner_text().strip("¶ ") == "Talks"
    page.go_back()
    assert page.get_by_role("searchbox", name="Or search this site for").is_visible()
    page.close()


def test_in_the_single_page_a_moment_plays_in_the_player_before_it(
    browser: Browser, tmp_path: Path
) -> None:
    """The single page holds the talk's chapter (with its player) and then the post (with
    its own): the post's moment plays in the post's player, not pages above it."""
    app = build_root(copy_root("moments", tmp_path / "src"), "singlehtml", **SITE_LOOK)
    assert app.warning.getvalue() == ""
    with serving(app.outdir) as url:
        context = browser.new_context(
            viewport={"width": 1280, "height": 800}, reduced_motion="reduce"
        )
        page = context.new_page()
        Recorder(page, url, stand_in=True)
        page.goto(f"{url}{PREFIX}index.html", wait_until="load")
        players = page.locator('.talk-player[data-talk="one"]')
        assert players.count() == 2, "the talk's chapter and the post each have one"
        moment = page.get_by_role(
            "link", name="Talk One, 12:30 into the talk (1:07:39 into the Day 1 live stream)"
        )
        moment.click()
        assert players.nth(1).locator("iframe").count() == 1, "the post's own player"
        assert players.nth(0).locator("iframe").count() == 0
        assert players.nth(1).evaluate(UNSEEN) == []
        context.close()


@pytest.mark.parametrize("media", ["screen", "print"])
def test_code_keeps_its_lines_on_screen_and_wraps_on_paper(
    browser: Browser, moments_origin: str, media: str
) -> None:
    """Paper cannot scroll: the long line that scrolls on screen wraps there, whole."""
    # about an A4 page's printable width, at 96 dpi with 1.5 cm margins
    page = browser.new_page(viewport={"width": 680, "height": 800})
    page.goto(f"{moments_origin}/posts/long.html", wait_until="load")
    page.emulate_media(media=media)
    block = page.locator("div.highlight pre").first
    sizes = block.evaluate("pre => [pre.scrollWidth, pre.clientWidth, pre.getClientRects().length]")
    wider = sizes[0] > sizes[1] + 1
    assert wider == (media == "screen"), sizes
    if media == "print":
        page.pdf(path=str(ARTEFACTS / "long-post-print.pdf"))
    page.close()


@pytest.mark.parametrize("name", ["conference/speakers.html", "conference/topics.html"])
def test_index_headings_start_where_their_entries_do(
    browser: Browser, origin: str, name: str
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{origin}/{name}", wait_until="load")
    offsets = page.evaluate(
        """() => [...document.querySelectorAll('section.talk-speaker, section.talk-topic')]
          .map(s => [s.querySelector(':scope > h2'), s.querySelector(':scope > p, :scope > ul')])
          .map(([h, body]) => {
            const text = document.createRange(); text.selectNodeContents(h.firstChild);
            return Math.round(text.getBoundingClientRect().left - body.getBoundingClientRect().left);
          })"""
    )
    assert offsets and set(offsets) == {0}, offsets
    page.close()


# -- what a blog post holds, for readers (tests/roots/test-rich-posts) --------------------


@pytest.fixture(scope="module")
def rich_origin(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A post with images, footnotes, a table, tabs, a dropdown and a card, in the site's
    look."""
    src = copy_root("rich-posts", tmp_path_factory.mktemp("rich-site") / "src")
    app = build_root(src, **SITE_LOOK)
    assert app.warning.getvalue() == ""
    with serving(app.outdir) as url:
        yield url + PREFIX.rstrip("/")


def test_a_wide_table_scrolls_in_a_region_a_keyboard_reaches(
    browser: Browser, rich_origin: str
) -> None:
    """At 320 px with text at 200 % the table scrolls on its own, as code does: the
    keyboard reaches it, it has a name, and the page reflows around it."""
    page = browser.new_page(viewport={"width": 320, "height": 800})
    page.goto(f"{rich_origin}/posts/rich.html", wait_until="load")
    page.add_style_tag(content="html { font-size: 200% !important; }")
    wrapper = page.locator(".table-wrapper")
    sizes = wrapper.evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert sizes[0] > sizes[1], f"the table scrolls sideways: {sizes}"
    assert wrapper.get_attribute("role") == "region"
    assert (
        wrapper.get_attribute("aria-label")
        == "Table: Part, Made of, Weight, Built, Where, In the code"
    )
    page.locator("blockquote").evaluate("e => e.scrollIntoView()")
    page.locator(".code-block-caption + div pre").focus()
    page.keyboard.press("Tab")
    assert wrapper.evaluate("e => e === document.activeElement"), "the next tab stop"
    page.keyboard.press("ArrowRight")
    page.wait_for_function("document.activeElement.scrollLeft > 0")
    page.add_script_tag(path=str(AXE))
    assert page.evaluate(AXE_RUN, ["scrollable-region-focusable"]) == []
    assert page.evaluate(REFLOW_PROBLEMS) == []
    page.close()


def test_on_paper_every_tab_and_dropdown_shows_and_a_card_its_address(
    browser: Browser, rich_origin: str
) -> None:
    page = browser.new_page()
    page.goto(f"{rich_origin}/posts/rich.html", wait_until="load")
    page.emulate_media(media="print")
    for text in ("Text of tab one.", "Text of tab two.", "Text of the dropdown."):
        assert page.get_by_text(text).is_visible(), text
    assert page.locator(".sd-tab-set > label").evaluate_all(
        "labels => labels.map(l => getComputedStyle(l).display)"
    ) == ["block", "block"]
    link = page.locator("a.sd-stretched-link")
    assert link.is_visible() and link.inner_text().strip() == "https://example.org/card"
    assert not page.locator(".sd-summary-state-marker").is_visible(), "no chevron on paper"
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.pdf(path=str(ARTEFACTS / "rich-post-print.pdf"))
    page.close()


@pytest.mark.parametrize(
    ("name", "width", "options"),
    [
        ("1280", 1280, {}),
        ("390", 390, {}),
        ("320-text-200", 320, {"text": True}),
        ("390-dark", 390, {"color_scheme": "dark"}),
        ("print", 900, {"media": "print"}),
    ],
)
def test_rich_post_screenshots(
    browser: Browser, rich_origin: str, name: str, width: int, options: dict[str, Any]
) -> None:
    """Artefacts for people to look at: a rich post on a laptop, a phone, a small phone
    with large text, in the dark and on paper (after the colours settle)."""
    context = browser.new_context(
        viewport={"width": width, "height": 900},
        color_scheme=options.get("color_scheme", "light"),
    )
    page = context.new_page()
    page.goto(f"{rich_origin}/posts/rich.html", wait_until="load")
    if options.get("text"):
        page.add_style_tag(content="html { font-size: 200% !important; }")
    if options.get("media"):
        page.emulate_media(media=options["media"])
    page.wait_for_function(SETTLED)
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTEFACTS / f"rich-post-{name}.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    assert page.evaluate("document.documentElement.scrollWidth - innerWidth") <= 0
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_rich_post_reads_in_light_and_dark(
    browser: Browser, rich_origin: str, scheme: str
) -> None:
    """sphinx-design's colours (badges solid and outlined, tabs, cards) against the page,
    once they have settled."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    page.goto(f"{rich_origin}/posts/rich.html", wait_until="load")
    page.wait_for_function(SETTLED)
    assert page.evaluate(AXE_RUN, COLOUR_RULES) == []
    context.close()
