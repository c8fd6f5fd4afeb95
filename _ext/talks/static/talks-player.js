// Turn each recording poster into a button; on use, load the privacy-enhanced
// YouTube player in its place. Nothing is requested from YouTube before that.
document.querySelectorAll(".talk-player").forEach((player) => {
  const poster = player.querySelector(".talk-player-poster");
  const button = document.createElement("button");
  button.type = "button";
  button.className = poster.className;
  button.setAttribute("aria-label", player.dataset.label);
  button.append(...poster.childNodes);
  poster.replaceWith(button);
  button.addEventListener("click", () => {
    const frame = document.createElement("iframe");
    frame.src = player.dataset.embed;
    frame.title = player.dataset.title;
    frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
    frame.allowFullscreen = true;
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    button.replaceWith(frame);
    frame.focus();
  });
});
