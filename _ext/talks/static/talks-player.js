// The poster's link becomes a button; using it puts the privacy-enhanced
// YouTube player in the poster's place. A moment link of the same talk
// plays that moment in the same place. Nothing loads from YouTube before.
const play = (player, embed, title) => {
  const frame = document.createElement("iframe");
  frame.src = embed;
  frame.title = title;
  frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
  frame.allowFullscreen = true;
  frame.referrerPolicy = "strict-origin-when-cross-origin";
  player.replaceChildren(frame);
  frame.focus();
};
const players = new Map();
document.querySelectorAll(".talk-player").forEach((player) => {
  const link = player.querySelector(".talk-player-start");
  const button = document.createElement("button");
  button.type = "button";
  button.className = link.className;
  button.append(...link.childNodes);
  link.replaceWith(button);
  button.addEventListener("click", () => play(player, player.dataset.embed, player.dataset.title));
  if (player.dataset.talk && !players.has(player.dataset.talk)) {
    players.set(player.dataset.talk, player);
  }
});
document.querySelectorAll("a.talk-moment[data-talk]").forEach((moment) => {
  const player = players.get(moment.dataset.talk);
  if (!player) return; // no player here: the link opens the stream at the moment
  moment.addEventListener("click", (event) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    play(player, moment.dataset.embed, moment.dataset.title);
  });
});
