/* Step-by-step guide: one node of a [data-tree] at a time.
 *
 * A progressive enhancement of the numbered steps that render/tree.py writes:
 * the script only shows and hides those nodes and adds a bar with the path so
 * far, Back, Start over and "Show the whole tree". The URL hash (#node-ID)
 * records the step, so links, reload and the browser's back and forward work.
 * Nothing here reads playbook text as HTML: labels are copied with textContent.
 */
(function () {
  "use strict";

  var NODE_HASH = /^#node-([a-z0-9][a-z0-9_-]*)$/;
  var trees = [];            // enhanced trees of the current page
  var listening = false;

  function storageKey(tree) { return "pb-guide:" + location.pathname + ":" + tree.id; }

  function headingText(nodeEl) {
    var h = nodeEl.querySelector(".pb-node-title");
    if (!h) return "";
    var copy = h.cloneNode(true);
    var no = copy.querySelector(".pb-step-no");
    if (no) no.remove();
    return copy.textContent.trim();
  }

  function readTree(el) {
    var nodes = {}, first = null;
    el.querySelectorAll("[data-node]").forEach(function (n) {
      if (n.closest("[data-tree]") !== el) return;
      var id = n.getAttribute("data-node");
      if (first === null) first = id;
      var answers = [];
      n.querySelectorAll("[data-next]").forEach(function (a) {
        var label = a.querySelector(".pb-answer-label");
        answers.push({ el: a, next: a.getAttribute("data-next"), label: (label || a).textContent.trim() });
      });
      nodes[id] = { id: id, el: n, kind: n.getAttribute("data-kind"), text: headingText(n), answers: answers };
    });
    var start = el.getAttribute("data-start");
    return { id: el.getAttribute("data-tree"), el: el, nodes: nodes, start: nodes[start] ? start : first,
             path: [], trail: [], whole: false, page: location.pathname };
  }

  /* The shortest way from the start to a node, for links that open mid-tree. */
  function pathTo(tree, target) {
    var prev = {}, queue = [tree.start], seen = {};
    seen[tree.start] = true;
    while (queue.length) {
      var id = queue.shift();
      if (id === target) break;
      (tree.nodes[id] ? tree.nodes[id].answers : []).forEach(function (a) {
        if (!seen[a.next] && tree.nodes[a.next]) { seen[a.next] = true; prev[a.next] = id; queue.push(a.next); }
      });
    }
    if (!seen[target]) return [tree.start];
    var path = [target];
    while (path[0] !== tree.start) path.unshift(prev[path[0]]);
    return path;
  }

  function nodeFromHash(tree, hash) {
    var m = NODE_HASH.exec(hash || "");
    return m && tree.nodes[m[1]] ? m[1] : null;
  }

  /* Keep the walked path (and where Back left off, for Forward) per page and tree. */
  function remember(tree) {
    try { sessionStorage.setItem(storageKey(tree), JSON.stringify(tree.trail)); } catch (e) { /* storage off */ }
  }

  function recall(tree) {
    try {
      var trail = JSON.parse(sessionStorage.getItem(storageKey(tree)) || "[]");
      if (Array.isArray(trail) && trail[0] === tree.start && trail.every(function (id, i) {
        return tree.nodes[id] && (i === 0 || tree.nodes[trail[i - 1]].answers.some(function (a) { return a.next === id; }));
      })) return trail;
    } catch (e) { /* storage off or bad JSON */ }
    return [];
  }

  function pathFor(tree, target) {
    var i = tree.trail.indexOf(target);
    if (i >= 0) return tree.trail.slice(0, i + 1);
    i = tree.path.indexOf(target);
    if (i >= 0) return tree.path.slice(0, i + 1);
    return pathTo(tree, target);
  }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text) e.textContent = text;
    return e;
  }

  function buildBar(tree) {
    var bar = el("div", { "class": "pb-guide-bar" });
    var crumbs = el("nav", { "class": "pb-crumbs", "aria-label": "Your answers so far" });
    crumbs.appendChild(el("ol"));
    var controls = el("div", { "class": "pb-guide-controls" });
    var back = el("button", { type: "button", "class": "pb-guide-btn", "data-action": "back", "aria-label": "Back to the previous question" }, "\u2190 Back");
    var restart = el("button", { type: "button", "class": "pb-guide-btn", "data-action": "restart", "aria-label": "Start over from the first question" }, "Start over");
    var whole = el("button", { type: "button", "class": "pb-guide-btn pb-guide-whole", "data-action": "whole", "aria-pressed": "false" }, "Show the whole tree");
    controls.appendChild(back);
    controls.appendChild(restart);
    // For new hires: every step at once, numbered, as without JavaScript.
    var foot = el("p", { "class": "pb-guide-foot" });
    foot.appendChild(whole);
    var live = el("p", { "class": "pb-sr-only pb-guide-live", "aria-live": "polite", role: "status" });
    bar.appendChild(crumbs);
    bar.appendChild(controls);
    tree.el.insertBefore(bar, tree.el.firstChild);
    tree.el.appendChild(foot);
    tree.el.appendChild(live);
    tree.bar = { el: bar, crumbs: crumbs.firstChild, crumbsNav: crumbs, back: back, restart: restart, whole: whole, live: live };
  }

  function renderCrumbs(tree) {
    var list = tree.bar.crumbs;
    list.textContent = "";
    for (var i = 0; i + 1 < tree.path.length; i++) {
      var q = tree.nodes[tree.path[i]];
      var next = tree.path[i + 1];
      var answer = q.answers.filter(function (a) { return a.next === next; })[0];
      var li = el("li");
      var a = el("a", { href: "#node-" + q.id, "data-crumb": q.id, title: "Change this answer" });
      a.appendChild(el("span", { "class": "pb-crumb-q" }, q.text));
      a.appendChild(document.createTextNode(" "));
      a.appendChild(el("strong", { "class": "pb-crumb-a" }, answer ? answer.label : ""));
      li.appendChild(a);
      list.appendChild(li);
    }
    tree.bar.crumbsNav.hidden = tree.path.length < 2;
  }

  function show(tree, id, opts) {
    opts = opts || {};
    tree.path = pathFor(tree, id);
    if (tree.trail.indexOf(id) < 0) { tree.trail = tree.path.slice(); }
    remember(tree);
    Object.keys(tree.nodes).forEach(function (nid) {
      tree.nodes[nid].el.classList.toggle("pb-current", nid === id);
    });
    tree.current = id;
    renderCrumbs(tree);
    var atStart = id === tree.start;
    tree.bar.back.disabled = atStart;
    tree.bar.restart.disabled = atStart;
    tree.bar.el.hidden = atStart;  // nothing to go back to yet: keep the first question high up
    if (opts.announce) {
      var node = tree.nodes[id];
      var what = node.kind === "outcome" ? "Outcome: " : "Question: ";
      tree.bar.live.textContent = "";
      setTimeout(function () { tree.bar.live.textContent = what + node.text; }, 50);
    }
    if (opts.focus) focusNode(tree, id);
  }

  function focusNode(tree, id) {
    var node = tree.nodes[id];
    var target = tree.whole ? node.el : tree.el;
    var top = target.getBoundingClientRect().top;
    if (top < 0 || top > window.innerHeight * 0.5) target.scrollIntoView({ block: "start" });
    if (node.kind === "outcome") bringCopyIntoView(tree, node);
    var h = node.el.querySelector(".pb-node-title");
    if (h) h.focus({ preventScroll: true });
  }

  /* The copy button of the reply shown on an outcome: on arrival it must be on screen (its bar
   * stays at the bottom of the screen while the reply is in view, replies.css). Where it is not
   * yet, the tree moves to the top, and if that is not enough, the outcome itself. */
  function shownCopyButton(node) {
    var buttons = node.el.querySelectorAll("[data-copy]");
    for (var i = 0; i < buttons.length; i++) {
      if (buttons[i].getClientRects().length) return buttons[i];
    }
    return null;
  }

  function bringCopyIntoView(tree, node) {
    var button = shownCopyButton(node);
    var below = function () { return button.getBoundingClientRect().bottom > window.innerHeight; };
    if (!button || !below()) return;
    if (!tree.whole) tree.el.scrollIntoView({ block: "start" });
    if (below()) node.el.scrollIntoView({ block: "start" });
  }

  /* On a link to a step, the browser moves focus for the #fragment after the
   * load event; focus the step's heading after that. */
  function focusAfterLoad(tree, id) {
    var run = function () { setTimeout(function () { if (tree.current === id) focusNode(tree, id); }, 0); };
    if (document.readyState === "complete") run();
    else window.addEventListener("load", run, { once: true });
  }

  function go(tree, id) {
    if (!tree.nodes[id]) return;
    var hash = "#node-" + id;
    if (location.hash !== hash) history.pushState(null, "", hash);
    if (tree.trail.indexOf(id) < 0) {
      // A new answer: the old way forward is forgotten.
      var here = tree.nodes[tree.current];
      var direct = here && here.answers.some(function (a) { return a.next === id; });
      tree.trail = direct ? tree.path.concat([id]) : pathTo(tree, id);
    }
    show(tree, id, { focus: true, announce: true });
  }

  function setWhole(tree, on) {
    tree.whole = on;
    tree.el.classList.toggle("pb-guide-on", !on);
    tree.el.classList.toggle("pb-guide-whole-on", on);
    tree.bar.whole.setAttribute("aria-pressed", on ? "true" : "false");
    tree.bar.whole.textContent = on ? "One step at a time" : "Show the whole tree";
  }

  function onClick(tree, ev) {
    if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    var t = ev.target instanceof Element ? ev.target : null;
    if (!t) return;
    var answer = t.closest("[data-next]"), crumb = t.closest("[data-crumb]"), action = t.closest("[data-action]");
    var target = answer ? answer.getAttribute("data-next") : crumb ? crumb.getAttribute("data-crumb") : null;
    if (target && tree.el.contains(answer || crumb)) {
      // Handled here, not by Material's instant navigation (which would push the URL again).
      ev.preventDefault();
      ev.stopPropagation();
      go(tree, target);
      return;
    }
    if (!action || !tree.el.contains(action)) return;
    var kind = action.getAttribute("data-action");
    if (kind === "back" && tree.path.length > 1) go(tree, tree.path[tree.path.length - 2]);
    else if (kind === "restart") go(tree, tree.start);
    else if (kind === "whole") {
      setWhole(tree, !tree.whole);
      if (!tree.whole) show(tree, tree.current, { focus: true });
    }
  }

  /* Back/forward buttons and typed or followed #node- links. */
  function sync() {
    trees = trees.filter(function (t) { return document.contains(t.el); });
    trees.forEach(function (tree) {
      if (tree.page !== location.pathname) return;
      var id = nodeFromHash(tree, location.hash);
      if (!id && !location.hash) id = tree.start;   // back to the entry without a step
      if (id && id !== tree.current) show(tree, id, { focus: true, announce: true });
    });
  }

  /* Material's anchor tracking rewrites the hash to the heading in view while
   * scrolling; on a page whose hash is a step of the guide, keep the step so
   * that reloading and sharing the address still open it. */
  function guardHash() {
    var replace = history.replaceState;
    history.replaceState = function (state, title, url) {
      if (url !== undefined && url !== null && NODE_HASH.test(location.hash)) {
        var next = new URL(String(url), location.href);
        // A step of a tree on the page, enhanced or not: after instant navigation, Material's
        // components rewrite the address before document$ reaches init() and the new tree.
        var step = NODE_HASH.exec(location.hash);
        var holdsStep = !!document.querySelector('[data-tree] [data-node="' + step[1] + '"]');
        if (holdsStep && next.pathname === location.pathname && next.search === location.search && next.hash !== location.hash) {
          return replace.call(history, state, title);
        }
      }
      return replace.apply(history, arguments);
    };
  }

  function enhance(treeEl) {
    if (treeEl.getAttribute("data-guide") === "on") return;
    var tree = readTree(treeEl);
    if (!tree.start) return;
    treeEl.setAttribute("data-guide", "on");
    buildBar(tree);
    tree.trail = recall(tree);
    setWhole(tree, false);
    treeEl.addEventListener("click", function (ev) { onClick(tree, ev); });
    trees.push(tree);
    var fromHash = nodeFromHash(tree, location.hash);
    show(tree, fromHash || tree.start);
    if (fromHash) focusAfterLoad(tree, fromHash);
  }

  function init() {
    var found = document.querySelectorAll("[data-tree]");
    if (!found.length) return;
    if (!listening) {
      listening = true;
      window.addEventListener("popstate", sync);
      window.addEventListener("hashchange", sync);
      guardHash();
    }
    found.forEach(enhance);
  }

  // document$ fires on every page Material shows, also after instant navigation;
  // on file:// it never fires, so the page's own load starts the guide too (init
  // is idempotent: a tree is enhanced once).
  if (window.document$) window.document$.subscribe(init);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
