"""A private, lazy recording player for sphinxcontrib-youtube's node.

Only the HTML, ePub and LaTeX output of the ``youtube`` node is overridden;
the node, its directive and its other writers stay sphinxcontrib-youtube's.

In HTML the page carries a poster made by the site: the talk's title,
speaker and start time, as a plain link to the recording at its timestamp.
``talks-player.js`` turns it into a button that, when used, puts the
privacy-enhanced YouTube player in its place; moment links (``roles.py``)
for the same talk play it in place too. Nothing is requested from YouTube
before that. The CSS and JS are added only to pages with a player.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinxcontrib.youtube.youtube import youtube

from .builders import on_web
from .model import Recording

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator


STATIC = Path(__file__).parent / "static"


def frame_title(title: str, speakers: str, stamp: str) -> str:
    """The accessible name of the playing recording."""
    by = f" by {speakers}" if speakers else ""
    return f"Recording of {title}{by}, from {stamp}"


def recording_of(node: youtube) -> Recording:
    return Recording(node["id"], int(node.get("talk_start", 0)))


def visit_youtube_html(self: HTML5Translator, node: youtube) -> None:
    recording = recording_of(node)
    title = node.get("talk_title", "this video")
    speakers = node.get("talk_speakers", "")
    stamp = recording.timestamp
    self.body.append(
        self.starttag(
            node,
            "div",
            CLASS="talk-player",
            **{
                "data-talk": node.get("talk_slug", ""),
                "data-embed": recording.embed_url,
                "data-title": frame_title(title, speakers, stamp),
            },
        )
    )
    # The poster's text is visible; the link (a button once JS runs) covers
    # it and carries the action's name.
    stream = node.get("talk_stream_name", "video")
    position = node.get("talk_position", stamp)
    where = f"From {position} into the {stream}" if recording.start else f"The whole {stream}"
    self.body.append(
        '<div class="talk-player-poster">'
        '<span class="talk-player-icon" aria-hidden="true"></span>'
        f'<span class="talk-player-title">{self.encode(title)}</span>'
        + (f'<span class="talk-player-meta">{self.encode(speakers)}</span>' if speakers else "")
        + f'<span class="talk-player-meta">{self.encode(where)}</span>'
        "</div>"
        f'<a class="talk-player-start" href="{self.attval(recording.watch_url)}">'
        f'<span class="talk-player-label">Play the recording of {self.encode(title)} '
        f"from {self.encode(stamp)}</span></a></div>\n"
    )
    raise nodes.SkipNode


def visit_youtube_epub(self: HTML5Translator, node: youtube) -> None:
    recording = recording_of(node)
    title = node.get("talk_title", "this video")
    stream = node.get("talk_stream_name", "video")
    position = node.get("talk_position", recording.timestamp)
    text = f"Watch the recording of {title}: from {position} into the {stream}"
    self.body.append(
        f'<p class="talk-recording-link"><a href="{self.attval(recording.watch_url)}">'
        f"{self.encode(text)}</a></p>\n"
    )
    raise nodes.SkipNode


def visit_youtube_latex(self: LaTeXTranslator, node: youtube) -> None:
    """On paper, the link to the recording at its second, printed in full.

    (sphinxcontrib-youtube prints ``https://youtu.be/ID?start=N``, a form the
    short links may not honour.)
    """
    recording = recording_of(node)
    title = node.get("talk_title", "this video")
    stream = node.get("talk_stream_name", "YouTube")
    text = f"Watch the recording of {title}: {stream} from {recording.timestamp}:"
    self.body.append(
        f"\n\\sphinxAtStartPar\n{self.encode(text)}\\newline\n"
        f"\\sphinxurl{{{self.encode_uri(recording.watch_url)}}}\n\n"
    )
    raise nodes.SkipNode


def add_assets(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    if (
        on_web(app.builder)
        and doctree is not None
        and next(doctree.findall(youtube), None) is not None
    ):
        app.add_css_file("talks-player.css")
        app.add_js_file("talks-player.js", loading_method="defer")


def add_static_path(app: Sphinx, config: Config) -> None:
    """On config-inited, not builder-inited: the configuration a build saves is then
    the one the next build reads, and Sphinx sees no change. Other builders ignore it."""
    if str(STATIC) not in config.html_static_path:
        config.html_static_path = [*config.html_static_path, str(STATIC)]


def setup_player(app: Sphinx) -> None:
    app.add_node(
        youtube,
        override=True,
        html=(visit_youtube_html, None),
        epub=(visit_youtube_epub, None),
        latex=(visit_youtube_latex, None),
    )
    app.connect("config-inited", add_static_path)
    app.connect("html-page-context", add_assets)
