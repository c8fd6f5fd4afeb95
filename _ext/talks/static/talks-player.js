// The poster's link becomes a button; using it puts the privacy-enhanced
// YouTube player in the poster's place. A moment link of the same talk
// plays that moment in the same place, scrolls the whole player into view
// (at once if the reader asks for reduced motion) and moves focus to it;
// right before the player, a button that shows when focused (Shift+Tab from
// the player) takes focus back to the moment link. Nothing loads from
// YouTube before.
const motion = () => (matchMedia("(prefers-reduced-motion: reduce)").matches ? "instant" : "smooth");
const play = (player, embed, title, moment) => {
  const frame = document.createElement("iframe");
  frame.src = embed;
  frame.title = title;
  frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
  frame.allowFullscreen = true;
  frame.referrerPolicy = "strict-origin-when-cross-origin";
  player.replaceChildren(frame);
  if (moment) {
    const back = document.createElement("button");
    back.type = "button";
    back.className = "talk-player-back";
    back.textContent = `Back to the text at ${moment.textContent}`;
    back.addEventListener("click", () => {
      moment.scrollIntoView({ block: "center", behavior: motion() });
      moment.focus({ preventScroll: true });
    });
    frame.before(back);
    player.scrollIntoView({ block: "nearest", behavior: motion() });
  }
  frame.focus({ preventScroll: true });
};
// players by talk, in page order: a single page of the whole site has a talk's player
// in its chapter and in each post's; a moment plays in the last one before it
const players = new Map();
const before = (a, b) => a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING;
document.querySelectorAll(".talk-player").forEach((player) => {
  const link = player.querySelector(".talk-player-start");
  const button = document.createElement("button");
  button.type = "button";
  button.className = link.className;
  button.append(...link.childNodes);
  link.replaceWith(button);
  button.addEventListener("click", () => play(player, player.dataset.embed, player.dataset.title));
  if (player.dataset.talk) {
    players.set(player.dataset.talk, [...(players.get(player.dataset.talk) || []), player]);
  }
});
document.querySelectorAll("a.talk-moment[data-talk]").forEach((moment) => {
  const found = players.get(moment.dataset.talk) || [];
  const player = found.filter((p) => before(p, moment)).pop() || found[0];
  if (!player) return; // no player here: the link opens the stream at the moment
  moment.addEventListener("click", (event) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    play(player, moment.dataset.embed, moment.dataset.title, moment);
  });
});
