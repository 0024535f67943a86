// eventwire explorer: follow an event to its evidence; keep filter URLs short. No dependencies.
(function () {
  "use strict";

  function clearActive() {
    document.querySelectorAll(".active").forEach(function (el) { el.classList.remove("active"); });
  }

  function hasToken(attr, token) {
    return (attr || "").split(" ").indexOf(token) >= 0;
  }

  // Mark an event (ev-e1) or statement (st-s1) and everything that belongs to it, then scroll and focus.
  function activate(id, scroll) {
    var el = document.getElementById(id);
    if (!el) { return false; }
    clearActive();
    el.classList.add("active");
    document.querySelectorAll('[data-part-of="' + id + '"]').forEach(function (p) { p.classList.add("active"); });
    var ev = el.getAttribute("data-ev");
    var st = el.getAttribute("data-st");
    if (ev) {
      document.querySelectorAll(".evi").forEach(function (s) {
        if (hasToken(s.getAttribute("data-ev"), ev)) { s.classList.add("active"); }
      });
    }
    if (st) {
      document.querySelectorAll(".st-content").forEach(function (s) {
        if (s.getAttribute("data-st") === st) { s.classList.add("active"); }
      });
    }
    var li = document.getElementById("li-" + (ev || st));
    if (li) { li.classList.add("active"); }
    if (scroll) { el.scrollIntoView({ block: "center" }); }
    el.focus({ preventScroll: true });
    return true;
  }

  document.addEventListener("click", function (e) {
    var link = e.target.closest("a.ev-link, a.st-link");
    if (link) {
      var id = link.getAttribute("data-target");
      if (activate(id, true)) {
        e.preventDefault();
        history.replaceState(null, "", "#" + id);
      }
      return;
    }
    var mark = e.target.closest("#article-text mark");
    if (mark) {
      var target = mark.id || mark.getAttribute("data-part-of");
      if (target && activate(target, false)) {
        var li = document.querySelector("#event-list li.active, #statement-list li.active");
        if (li) { li.scrollIntoView({ block: "nearest" }); }
      }
    }
  });

  function fromHash() {
    if (location.hash.length > 1) { activate(decodeURIComponent(location.hash.slice(1)), true); }
  }
  window.addEventListener("hashchange", fromHash);
  document.addEventListener("DOMContentLoaded", fromHash);

  // Filter forms: leave empty fields out of the URL (same GET parameters as the API).
  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (!form.classList.contains("filters")) { return; }
    form.querySelectorAll("input, select").forEach(function (f) {
      if (!f.value || (f.type === "checkbox" && !f.checked)) { f.disabled = true; }
    });
  });
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form.filters [disabled]").forEach(function (f) { f.disabled = false; });
  });
})();

// Review mode (eventwire serve --review FILE): right / wrong / fix buttons post one verdict each.
(function () {
  "use strict";

  function show(box, verdict, error) {
    var state = box.querySelector(".rv-state");
    if (!state) { return; }
    state.setAttribute("data-state", error ? "error" : verdict);
    state.textContent = error ? "not saved: " + error : verdict;
  }

  function send(box, body) {
    return fetch("/api/review", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body)
    }).then(function (r) {
      return r.json().then(function (data) {
        if (!r.ok || !data.ok) { throw new Error(data.error || ("HTTP " + r.status)); }
        show(box, body.verdict, null);
      });
    }).catch(function (err) { show(box, body.verdict, err.message); });
  }

  document.addEventListener("click", function (e) {
    var button = e.target.closest(".review button[data-verdict]");
    if (!button) { return; }
    var box = button.closest(".review");
    send(box, { article_id: box.getAttribute("data-article"), event: box.getAttribute("data-event"),
                verdict: button.getAttribute("data-verdict") });
  });

  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (!form.classList.contains("fix")) { return; }
    e.preventDefault();
    var li = form.closest(".review-box");
    var box = li ? li.querySelector(".review") : null;
    var fix = {};
    form.querySelectorAll("select").forEach(function (s) {
      var initial = s.querySelector("option[selected]");
      if (s.value !== (initial ? initial.value : "")) { fix[s.name] = s.value; }
    });
    if (Object.keys(fix).length === 0) { show(box, "fixed", "change a field first"); return; }
    send(box, { article_id: form.getAttribute("data-article"), event: form.getAttribute("data-event"),
                verdict: "fixed", fix: fix }).then(function () {
      var details = form.closest("details");
      if (details) { details.open = false; }
    });
  });
})();
