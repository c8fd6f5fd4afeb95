// The poster's link becomes a button; using it puts the privacy-enhanced
// YouTube player in the poster's place. Nothing loads from YouTube before.
document.querySelectorAll(".talk-player").forEach((player) => {
  const link = player.querySelector(".talk-player-start");
  const button = document.createElement("button");
  button.type = "button";
  button.className = link.className;
  button.append(...link.childNodes);
  link.replaceWith(button);
  button.addEventListener("click", () => {
    const frame = document.createElement("iframe");
    frame.src = player.dataset.embed;
    frame.title = player.dataset.title;
    frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
    frame.allowFullscreen = true;
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    player.replaceChildren(frame);
    frame.focus();
  });
});
