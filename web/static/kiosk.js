// Lyssna's kiosk: after the session's idle time without a touch or a key,
// a countdown ("Starting over in 10 s – touch to continue") and then the
// clean start page, by location.replace so this page leaves the history.
// Without this file the page's meta refresh does the same, later. On the
// thank-you page (data-kiosk-quiet) it only moves on, without a countdown.
(function () {
  "use strict";
  var body = document.body;
  var idle = parseInt(body.getAttribute("data-kiosk-idle"), 10);
  var target = body.getAttribute("data-kiosk-reset");
  if (!idle || !target) return;
  var quiet = body.hasAttribute("data-kiosk-quiet");
  // The last 10 seconds; a third of a short idle time.
  var warnFor = Math.min(10, Math.max(3, Math.floor(idle / 3)));
  var template = body.getAttribute("data-kiosk-countdown") || "{s}";
  var last = Date.now();
  var box = null, text = null, gone = false;

  function leave() {
    if (gone) return;
    gone = true;
    window.location.replace(target);
  }
  function hideBox() {
    if (box) box.hidden = true;
  }
  function showBox(seconds) {
    if (!box) {
      box = document.createElement("div");
      box.className = "kiosk-countdown";
      box.setAttribute("role", "alertdialog");
      box.setAttribute("aria-live", "assertive");
      text = document.createElement("p");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "primary";
      button.textContent = body.getAttribute("data-kiosk-continue") || "OK";
      button.addEventListener("click", touched);
      box.appendChild(text);
      box.appendChild(button);
      body.appendChild(box);
    }
    text.textContent = template.replace("{s}", String(seconds));
    if (box.hidden !== false) {
      box.hidden = false;
      box.querySelector("button").focus();
    }
  }
  function touched() {
    last = Date.now();
    hideBox();
  }
  ["pointerdown", "keydown", "input", "touchstart", "wheel"].forEach(function (name) {
    document.addEventListener(name, touched, { capture: true, passive: true });
  });
  // A page restored from the back-forward cache is no one's: start over.
  window.addEventListener("pageshow", function (e) {
    if (e.persisted) leave();
  });
  window.setInterval(function () {
    var left = idle - Math.floor((Date.now() - last) / 1000);
    if (left <= 0) return leave();
    if (!quiet && left <= warnFor) showBox(left);
  }, 250);
})();
