// Keyboard access that furo's CSS-only chrome lacks; without JavaScript the
// page works as furo's does.
// - The menu and "On this page" toggles (labels of hidden checkboxes) become
//   buttons with a state: reachable with Tab, operated with Enter or Space;
//   opening a drawer moves focus into it, Escape closes it and returns focus.
// - A table too wide for its column scrolls inside a region that a keyboard
//   can reach (at any width and text size, as code blocks) and that is named
//   after the table's caption or its column headings.
// - A code block keeps its lines (a wrapped line of code reads as two) and
//   scrolls sideways on its own where it is wider than its column; each is a
//   tab stop, so that a keyboard can scroll it at any width and text size.
(() => {
  const drawers = { __navigation: "furo-sidebar", __toc: "furo-toc" };
  for (const [box, drawer] of Object.entries(drawers)) {
    const checkbox = document.getElementById(box);
    const panel = document.getElementById(drawer);
    if (!checkbox || !panel) continue;
    const toggles = [...document.querySelectorAll(`label[for="${box}"]:not(.overlay)`)].map((label) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = label.className;
      button.append(...label.childNodes);
      button.setAttribute("aria-controls", drawer);
      button.setAttribute("aria-label", panel.getAttribute("aria-label"));
      label.replaceWith(button);
      return button;
    });
    const sync = () => toggles.forEach((t) => t.setAttribute("aria-expanded", String(checkbox.checked)));
    toggles.forEach((toggle) =>
      toggle.addEventListener("click", () => {
        checkbox.checked = !checkbox.checked;
        sync();
        const first = checkbox.checked && panel.querySelector("a[href], input, button");
        if (first) first.focus();
      }),
    );
    checkbox.addEventListener("change", sync);
    document.addEventListener("keydown", (event) => {
      if (event.key !== "Escape" || !checkbox.checked) return;
      checkbox.checked = false;
      sync();
      const visible = toggles.find((t) => t.offsetParent !== null);
      if (visible) visible.focus();
    });
    sync();
  }
  document.querySelectorAll(".highlight pre").forEach((pre) => pre.setAttribute("tabindex", "0"));
  // A table that is wider than its column at some width or text size scrolls sideways
  // in its wrapper: like a code block, every wrapper is a tab stop, a region named
  // after the table's caption (or its column headings), whatever the width is now.
  document.querySelectorAll(".table-wrapper").forEach((wrapper) => {
    const caption = wrapper.querySelector("caption");
    const headings = [...wrapper.querySelectorAll("thead th")].map((th) => th.textContent.trim());
    const name = caption ? caption.textContent.trim() : headings.length ? `Table: ${headings.join(", ")}` : "Table";
    wrapper.setAttribute("tabindex", "0");
    wrapper.setAttribute("role", "region");
    wrapper.setAttribute("aria-label", name);
  });
})();
