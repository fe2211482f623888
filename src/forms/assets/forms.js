// Signal Desk's secure form: the only script of the page (CSP: script-src 'self'). It reads the
// messenger's launch data from the address's fragment (Telegram: tgWebAppData; MAX: WebAppData),
// asks the server for the questions, and sends the answers. Nothing is shown without valid data.
(function () {
  "use strict";

  var root = document.getElementById("form-root");
  var fragment = new URLSearchParams(window.location.hash.slice(1));
  var initData = fragment.get("tgWebAppData") || fragment.get("WebAppData") || "";
  var messenger = new URLSearchParams(window.location.search).get("m") || "telegram";
  // The launch data never stays in the address bar or the history.
  history.replaceState(null, "", window.location.pathname + window.location.search);

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      node.setAttribute(name, attrs[name]);
    });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function say(text, state) {
    root.textContent = "";
    root.appendChild(el("p", { class: "message" }, text));
    root.setAttribute("data-state", state);
  }

  function post(path, body) {
    return fetch(path, {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(body),
    }).then(function (response) {
      return response.json().then(function (json) {
        return { status: response.status, body: json || {} };
      });
    });
  }

  function ready() {
    try {
      var proxy = window.TelegramWebviewProxy;
      if (proxy && typeof proxy.postEvent === "function") proxy.postEvent("web_app_ready", "{}");
    } catch {
      // Not inside Telegram.
    }
  }

  function close() {
    try {
      var proxy = window.TelegramWebviewProxy;
      if (proxy && typeof proxy.postEvent === "function") proxy.postEvent("web_app_close", "{}");
      if (window.WebApp && typeof window.WebApp.close === "function") window.WebApp.close();
    } catch {
      // Not inside a messenger: the message stays on screen.
    }
  }

  function field(form, spec) {
    var box = el("fieldset", { class: "field", "data-field": spec.id });
    box.appendChild(el("legend", {}, spec.label));
    box.appendChild(el("p", { class: "prompt" }, spec.prompt));
    if (spec.hint) box.appendChild(el("p", { class: "hint" }, spec.hint));
    if (spec.optional) box.appendChild(el("p", { class: "hint" }, form.texts.optional));
    var input = el(spec.multiline ? "textarea" : "input", {
      name: spec.id,
      id: "f-" + spec.id,
      inputmode: spec.inputMode,
      autocomplete: "off",
      "aria-label": spec.label,
    });
    if (!spec.multiline) input.setAttribute("type", spec.inputMode === "tel" ? "tel" : "text");
    if (spec.value !== undefined) input.value = spec.value;
    if (spec.presets.length > 0) {
      var choices = el("div", { class: "choices" });
      var typed = el("label", {});
      var typedRadio = el("input", { type: "radio", name: "p-" + spec.id, value: "" });
      typedRadio.checked = spec.preset === undefined;
      typed.appendChild(typedRadio);
      typed.appendChild(document.createTextNode(" " + form.texts.typed));
      choices.appendChild(typed);
      spec.presets.forEach(function (preset) {
        var label = el("label", {});
        var radio = el("input", { type: "radio", name: "p-" + spec.id, value: String(preset.index) });
        radio.checked = spec.preset === preset.index;
        label.appendChild(radio);
        label.appendChild(document.createTextNode(" " + preset.label));
        choices.appendChild(label);
      });
      choices.addEventListener("change", function () {
        input.disabled = !typedRadio.checked;
      });
      input.disabled = spec.preset !== undefined;
      box.appendChild(choices);
    }
    box.appendChild(input);
    box.appendChild(el("p", { class: "error", role: "alert" }));
    return box;
  }

  function answersOf(node, fields) {
    var answers = {};
    fields.forEach(function (spec) {
      var chosen = node.querySelector('input[name="p-' + spec.id + '"]:checked');
      if (chosen && chosen.value !== "") answers[spec.id] = { preset: Number(chosen.value) };
      else answers[spec.id] = { text: node.querySelector('[name="' + spec.id + '"]').value };
    });
    return answers;
  }

  function show(form) {
    root.textContent = "";
    document.documentElement.setAttribute("lang", form.lang);
    root.appendChild(el("h1", {}, form.title));
    root.appendChild(el("p", { class: "intro" }, form.intro));
    var node = el("form", { novalidate: "" });
    form.texts = form;
    form.fields.forEach(function (spec) {
      node.appendChild(field(form, spec));
    });
    var status = el("p", { class: "status", role: "status" });
    var button = el("button", { type: "submit" }, form.submit);
    node.appendChild(status);
    node.appendChild(button);
    node.addEventListener("submit", function (event) {
      event.preventDefault();
      button.disabled = true;
      status.textContent = form.sending;
      node.querySelectorAll(".error").forEach(function (p) {
        p.textContent = "";
      });
      post("/forms/dialogue/submit", {
        initData: initData,
        messenger: messenger,
        answers: answersOf(node, form.fields),
      })
        .then(function (result) {
          button.disabled = false;
          if (result.status === 200) {
            say(result.body.message, "sent");
            window.setTimeout(close, 1500);
            return;
          }
          status.textContent = result.body.message || form.failed;
          Object.keys(result.body.errors || {}).forEach(function (id) {
            var box = node.querySelector('[data-field="' + id + '"] .error');
            if (box) box.textContent = result.body.errors[id];
          });
          if (result.status !== 422) root.setAttribute("data-state", "failed");
        })
        .catch(function () {
          button.disabled = false;
          status.textContent = form.failed;
        });
    });
    root.appendChild(node);
    root.setAttribute("data-state", "ready");
  }

  // A signal's card: the woman's details, read-only.
  function showDetails(details) {
    root.textContent = "";
    document.documentElement.setAttribute("lang", details.lang);
    root.appendChild(el("h1", {}, details.title));
    var list = el("dl", { class: "details" });
    details.rows.forEach(function (row) {
      list.appendChild(el("dt", {}, row[0]));
      list.appendChild(el("dd", {}, row[1]));
    });
    root.appendChild(list);
    root.setAttribute("data-state", "ready");
  }

  ready();
  if (!initData) return say("", "empty");
  if (/\/forms\/signal$/.test(window.location.pathname)) {
    var signalId = new URLSearchParams(window.location.search).get("s") || "";
    post("/forms/signal/open", { initData: initData, signalId: signalId })
      .then(function (result) {
        if (result.status === 200) showDetails(result.body);
        else say(result.body.message || "", "empty");
      })
      .catch(function () {
        say("", "empty");
      });
    return;
  }
  post("/forms/dialogue/open", { initData: initData, messenger: messenger })
    .then(function (result) {
      if (result.status === 200) show(result.body);
      else say(result.body.message || "", "empty");
    })
    .catch(function () {
      say("", "empty");
    });
})();
