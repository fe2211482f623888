// Signal Desk console: the only script of our own (CSP: script-src 'self'). Pages work without
// it; it starts the Mini App sign-in and tells Telegram's webview the page is ready.
(function () {
  "use strict";

  function telegramReady() {
    try {
      var proxy = window.TelegramWebviewProxy;
      if (proxy && typeof proxy.postEvent === "function") proxy.postEvent("web_app_ready", "{}");
    } catch {
      // Not inside Telegram: nothing to tell.
    }
  }

  function startMiniApp(root) {
    var show = function (text) {
      var message = root.querySelector(".message");
      if (message) message.textContent = text;
      root.setAttribute("data-state", "failed");
    };
    // Telegram puts the signed launch data in the address's fragment: it never reaches a server log.
    var fragment = new URLSearchParams(window.location.hash.slice(1));
    var initData = fragment.get("tgWebAppData");
    if (!initData) return show(root.getAttribute("data-no-data") || "");
    // Do not keep the launch data in the address bar or the history.
    history.replaceState(null, "", window.location.pathname);
    fetch("/console/mini-app", {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ initData: initData }),
    })
      .then(function (response) {
        return response.json().then(function (body) {
          if (response.ok && body && body.next) {
            root.setAttribute("data-state", "signed-in");
            window.location.replace(body.next);
          } else {
            show((body && body.message) || root.getAttribute("data-failed") || "");
          }
        });
      })
      .catch(function () {
        show(root.getAttribute("data-failed") || "");
      });
  }

  function start() {
    telegramReady();
    var root = document.getElementById("mini-app");
    if (root) startMiniApp(root);
    // After htmx swaps in a new page, move focus to its content, as a page load would (screen
    // readers then read the new page, keyboard users start from its top).
    document.addEventListener("htmx:afterSettle", function (event) {
      if (!event.detail || !event.detail.boosted) return;
      var main = document.getElementById("main");
      if (main) main.focus({ preventScroll: true });
    });
    // Read-only fields holding a link or a token: one click selects all of it for copying.
    document.addEventListener("focusin", function (event) {
      var target = event.target;
      if (target && target.classList && target.classList.contains("copy")) target.select();
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
