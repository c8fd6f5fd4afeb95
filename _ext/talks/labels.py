"""Public ``std:label`` targets for talks and speakers, and a clean inventory.

Other projects link here through intersphinx without our extension, so the
targets they use must be standard labels: ``talk-<slug>`` and
``speaker-<slug>``, titled with a real display name. They are derived from
the ``talks`` domain after every read, so they never go stale.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .domain import domain_of, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def sync_std_labels(app: Sphinx, env: BuildEnvironment) -> None:
    domain = domain_of(env)
    std = env.domains.standard_domain
    # Sphinx always lists "genindex" and "modindex" (py-modindex.html) in
    # objects.inv; drop them when those pages are not written.
    config = env.config
    unwritten = ["genindex"] if not config.html_use_index else []
    if not (config.html_domain_indices and env.domains["py"].data.get("modules")):
        unwritten += ["modindex", "py-modindex"]
    for name in [*domain.data.setdefault("labels", []), *unwritten]:
        std.labels.pop(name, None)
        std.anonlabels.pop(name, None)
    owned = []
    for label, docname, anchor, title in domain.std_labels():
        if label in std.labels:
            where, node_id, _title = std.labels[label]
            target = env.get_doctree(where).ids.get(node_id) if where in env.all_docs else None
            warn(
                f"label {label!r} is generated for {title}; remove the hand-written one",
                (where, target.line if target is not None else None),
                "duplicate",
            )
            continue
        std.labels[label] = (docname, anchor, title)
        std.anonlabels[label] = (docname, anchor)
        owned.append(label)
    domain.data["labels"] = owned
