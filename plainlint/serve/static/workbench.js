/* plainlint workbench: sends what the writer types, puts the server's answer in place.
   Plain JavaScript, no libraries, no inline script (the page's policy forbids it). */
(function () {
  "use strict";
  var csrf = document.querySelector('meta[name="plainlint-csrf"]').content;
  var editor = document.getElementById("editor");
  var marked = document.getElementById("marked");
  var panel = document.getElementById("panel");
  var statusBox = document.getElementById("status");
  var errorBox = document.getElementById("error");
  var format = document.getElementById("format");
  var acceptAll = document.getElementById("accept-all");
  var undoButton = document.getElementById("undo");
  var fileInput = document.getElementById("file");
  var version = parseInt(editor.getAttribute("data-version"), 10) || 0;
  var timer = null;
  var sent = 0;      // requests sent
  var shown = 0;     // the latest request whose answer is on the page
  var pending = null; // the request for typed text in flight, if any
  var DELAY = 400;

  function post(url, body, headers) {
    var h = { "X-Plainlint-CSRF": csrf };
    var data = body;
    if (!(body instanceof Blob)) {
      h["Content-Type"] = "application/json";
      data = JSON.stringify(body);
    }
    for (var k in headers || {}) { h[k] = headers[k]; }
    var seq = ++sent;
    return fetch(url, { method: "POST", body: data, headers: h, credentials: "same-origin" })
      .then(function (r) {
        var kind = r.headers.get("Content-Type") || "";
        if (kind.indexOf("application/json") !== 0) {
          throw new Error("plainlint refused this (" + r.status + "). Reload the page.");
        }
        return r.json();
      })
      .then(function (state) { return { seq: seq, state: state }; });
  }

  function show(answer, replaceText) {
    if (answer.seq < shown) { return; }  // an older answer arriving late
    shown = answer.seq;
    var s = answer.state;
    version = s.version;
    editor.setAttribute("data-version", String(version));
    marked.innerHTML = s.marked;
    panel.innerHTML = s.panel;
    statusBox.textContent = s.notice || (s.count === 0 ? "No problems found." :
      s.count === 1 ? "1 problem found." : s.count + " problems found.");
    errorBox.textContent = s.error || "";
    acceptAll.disabled = !s.safe;
    acceptAll.textContent = "Make all safe swaps" + (s.safe ? " (" + s.safe + ")" : "");
    undoButton.disabled = !s.can_undo;
    if (format.value !== s.format) { format.value = s.format; }
    if (replaceText && editor.value !== s.text) {
      var at = editor.selectionStart;
      editor.value = s.text;
      editor.selectionStart = editor.selectionEnd = Math.min(at, s.text.length);
    }
  }

  function failed(err) { errorBox.textContent = String(err.message || err); }

  function sendText() {
    timer = null;
    pending = post("/api/text", { text: editor.value, format: format.value })
      .then(function (a) { show(a, false); })
      .catch(failed)
      .then(function () { pending = null; });
    return pending;
  }

  /* Anything typed but not yet sent goes first, so a swap or download sees it. */
  function flush() {
    if (timer !== null) { clearTimeout(timer); return sendText(); }
    return pending || Promise.resolve();
  }

  editor.addEventListener("input", function () {
    if (timer !== null) { clearTimeout(timer); }
    timer = setTimeout(sendText, DELAY);
  });
  format.addEventListener("change", function () { flush().then(sendText); });

  function select(n, focus) {
    var details = panel.querySelectorAll("[data-detail]");
    var none = panel.querySelector("[data-none]");
    var found = false;
    for (var i = 0; i < details.length; i++) {
      var on = details[i].getAttribute("data-detail") === String(n);
      details[i].hidden = !on;
      found = found || on;
    }
    if (none) { none.hidden = found; }
    var marks = marked.querySelectorAll("a[data-n]");
    for (var j = 0; j < marks.length; j++) {
      if (marks[j].getAttribute("data-n") === String(n)) {
        marks[j].setAttribute("aria-current", "true");
      } else {
        marks[j].removeAttribute("aria-current");
      }
    }
    if (found && focus) { document.getElementById("sel-h").focus(); }
  }

  marked.addEventListener("click", function (e) {
    var a = e.target.closest("a[data-n]");
    if (!a) { return; }
    e.preventDefault();
    select(a.getAttribute("data-n"), true);
  });

  /* The server counts characters (code points); JavaScript counts UTF-16 units. */
  function unitIndex(text, points) {
    var i = 0;
    for (var n = 0; n < points && i < text.length; n++) {
      var c = text.charCodeAt(i);
      i += (c >= 0xD800 && c <= 0xDBFF && i + 1 < text.length) ? 2 : 1;
    }
    return i;
  }

  function focusMark(n) {
    var marks = marked.querySelectorAll("a[data-n]");
    if (marks.length) {
      marks[Math.min(n, marks.length) - 1].focus();
    } else {
      document.getElementById("marked-h").setAttribute("tabindex", "-1");
      document.getElementById("marked-h").focus();
    }
  }

  panel.addEventListener("click", function (e) {
    var swap = e.target.closest("[data-accept]");
    if (swap) {
      var n = parseInt(swap.getAttribute("data-accept"), 10);
      flush().then(function () {
        return post("/api/accept", { n: n, version: version });
      }).then(function (a) { show(a, true); focusMark(n); }).catch(failed);
      return;
    }
    var edit = e.target.closest("[data-edit]");
    if (edit) {
      var start = parseInt(edit.getAttribute("data-start"), 10);
      var end = parseInt(edit.getAttribute("data-end"), 10);
      editor.focus();
      editor.setSelectionRange(unitIndex(editor.value, start), unitIndex(editor.value, end));
      return;
    }
    var back = e.target.closest("[data-back]");
    if (back) {
      e.preventDefault();
      focusMark(parseInt(back.getAttribute("data-back"), 10));
    }
  });

  panel.addEventListener("change", function (e) {
    var box = e.target.closest("[data-rule-switch]");
    if (!box) { return; }
    var rule = box.getAttribute("data-rule-switch");
    flush().then(function () {
      return post("/api/rule", { rule: rule, on: box.checked });
    }).then(function (a) {
      show(a, false);
      var again = panel.querySelector('[data-rule-switch="' + rule + '"]');
      if (again) { again.focus(); }
    }).catch(failed);
  });

  acceptAll.addEventListener("click", function () {
    flush().then(function () {
      return post("/api/accept", { all: true, version: version });
    }).then(function (a) { show(a, true); }).catch(failed);
  });

  undoButton.addEventListener("click", function () {
    flush().then(function () { return post("/api/undo", {}); })
      .then(function (a) { show(a, true); }).catch(failed);
  });

  function upload(file) {
    statusBox.textContent = "Opening " + file.name + "…";
    flush().then(function () {
      return post("/api/upload", file, { "X-File-Name": encodeURIComponent(file.name) });
    }).then(function (a) { show(a, true); }).catch(failed);
  }

  fileInput.addEventListener("change", function () {
    if (fileInput.files.length) { upload(fileInput.files[0]); }
    fileInput.value = "";
  });
  document.addEventListener("dragover", function (e) { e.preventDefault(); });
  document.addEventListener("drop", function (e) {
    e.preventDefault();
    if (e.dataTransfer && e.dataTransfer.files.length) { upload(e.dataTransfer.files[0]); }
  });

  var links = document.querySelectorAll("#dl-text, #dl-docx");
  for (var i = 0; i < links.length; i++) {
    links[i].addEventListener("click", function (e) {
      if (!editor.value.trim()) {
        e.preventDefault();
        errorBox.textContent = "There is no text to download yet.";
        return;
      }
      if (timer === null && pending === null) { return; }
      e.preventDefault();
      var href = this.href;
      flush().then(function () { window.location.href = href; });
    });
  }
})();
