/* Practice mode: one case at a time. Pick what to do first, then see the
   playbook's answer, reply and reason. Without this script the page lists every
   case with its answer in a <details>. The score lives in memory only: no
   storage, no network. */
(function () {
  "use strict";

  function init() {
    var root = document.querySelector("[data-practice]");
    if (!root || root.getAttribute("data-practice-ready")) return;
    root.setAttribute("data-practice-ready", "1");
    root.classList.add("pb-practice-js");

    var cases = Array.prototype.slice.call(root.querySelectorAll("[data-case]"));
    var nav = root.querySelector("[data-practice-nav]");
    if (!cases.length || !nav) return;
    var count = nav.querySelector("[data-practice-count]");
    var score = nav.querySelector("[data-practice-score]");
    var prev = nav.querySelector('[data-practice-go="prev"]');
    var next = nav.querySelector('[data-practice-go="next"]');
    var answered = 0, right = 0, current = 0;

    function show(i, focus) {
      current = Math.max(0, Math.min(cases.length - 1, i));
      cases.forEach(function (c, j) { c.hidden = j !== current; });
      count.textContent = "Case " + (current + 1) + " of " + cases.length;
      prev.disabled = current === 0;
      next.disabled = current === cases.length - 1;
      if (history.replaceState) history.replaceState(history.state, "", "#" + cases[current].id);
      if (focus) {
        var post = cases[current].querySelector(".pb-case-post");
        post.setAttribute("tabindex", "-1");
        post.focus();
      }
    }

    function choose(c, button) {
      if (c.classList.contains("pb-answered")) return;
      c.classList.add("pb-answered");
      var picked = button.getAttribute("data-choice");
      var first = c.getAttribute("data-answer");
      var also = (c.getAttribute("data-also") || "").split(" ");
      var label = c.getAttribute("data-answer-label");
      var verdict, text;
      if (picked === first) {
        verdict = "right"; text = "Right: that is the playbook's first step.";
      } else if (also.indexOf(picked) >= 0) {
        verdict = "partly"; text = "Partly: the playbook does that too, but first: " + label + ".";
      } else {
        verdict = "wrong"; text = "Not quite. The playbook's first step: " + label + ".";
      }
      answered += 1;
      if (verdict === "right") right += 1;
      Array.prototype.forEach.call(c.querySelectorAll("[data-choice]"), function (b) {
        b.disabled = true;
        b.setAttribute("aria-pressed", b === button ? "true" : "false");
        if (b.getAttribute("data-choice") === first) b.classList.add("pb-choice-answer");
      });
      button.classList.add("pb-choice-" + verdict);
      c.setAttribute("data-verdict", verdict);
      var feedback = c.querySelector("[data-feedback]");
      feedback.textContent = text;
      var details = c.querySelector("[data-case-answer]");
      if (details) details.open = true;
      score.textContent = right + " of " + answered + " right";
    }

    var template = root.querySelector("template[data-practice-choices]");
    cases.forEach(function (c) {
      var choices = c.querySelector("[data-choices]");
      if (!choices && template) {  // the page holds the choices once; each case gets its own copy
        choices = template.content.firstElementChild.cloneNode(true);
        c.insertBefore(choices, c.querySelector("[data-feedback]"));
      }
      if (choices) choices.hidden = false;
      Array.prototype.forEach.call(c.querySelectorAll("[data-choice]"), function (b) {
        b.addEventListener("click", function () { choose(c, b); });
      });
    });
    prev.addEventListener("click", function () { show(current - 1, true); });
    next.addEventListener("click", function () { show(current + 1, true); });
    nav.hidden = false;

    var start = 0;
    var m = /^#case-(\d+)$/.exec(location.hash);
    if (m) start = parseInt(m[1], 10) - 1;
    show(start, false);
  }

  // document$ fires after instant navigation; it never fires on file://, so the
  // page's own load runs init too (init is idempotent).
  if (window.document$) window.document$.subscribe(init);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
