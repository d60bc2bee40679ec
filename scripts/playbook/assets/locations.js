/* The location picker (<select data-location-picker>), on pages whose replies or contacts
   differ between the organisation's locations (organization.yaml `locations:`).

   The page is written for the default location and reads right without this script.
   Each value that differs between locations is marked: [data-ph="NAME"] holds its text,
   [data-ph-href="NAME"] its link (mailto: for an email, tel: for a phone, else the URL;
   an empty data-ph-href takes the element's data-ph),
   and an element whose value a location lacks is hidden there. [data-ph-sep] is a " · "
   shown only between two shown items; [data-counts] holds a reply's length at each location.
   The values, one list per NAME in the picker's order, are JSON in the page's
   <template data-location-values> (not a <script>: Material's instant navigation re-runs
   every script of a page it shows, as JavaScript, dropping its type). The copy buttons copy the text
   as it is on the page, so after a change they copy the chosen location's text.

   The choice is remembered on this device (localStorage, or for this page only when storage
   is off); nothing is sent anywhere. Subscribes to Material's document$ (instant
   navigation) and also starts on load (file://). */
(function () {
  "use strict";
  var KEY = "pb-location";
  var memory = null;

  function saved() {
    try { return window.localStorage.getItem(KEY); } catch (e) { return memory; }
  }

  function save(id) {
    memory = id;
    try { window.localStorage.setItem(KEY, id); } catch (e) { /* storage may be off */ }
  }

  function each(selector, fn) {
    var found = document.querySelectorAll(selector);
    for (var i = 0; i < found.length; i++) fn(found[i]);
  }

  // The same links as the generator writes (views/common.py: tel, safe_href).
  function hrefFor(name, value) {
    if (/\.email$/.test(name)) return "mailto:" + value;
    if (/\.phone$/.test(name)) return "tel:" + value.replace(/[^0-9+]/g, "");
    return /^(https?:|mailto:|tel:)/i.test(value) ? value : "#";
  }

  function number(n) { return n.toLocaleString("en-US"); }

  function valueAt(values, name, index) {
    var list = values[name];
    if (!list || index >= list.length) return undefined;  // not a value this page knows: leave it
    return list[index];
  }

  function refillCount(el, index) {
    var n = parseInt((el.getAttribute("data-counts") || "").split(" ")[index], 10);
    if (isNaN(n)) return;
    el.setAttribute("data-count", String(n));
    var limit = parseInt(el.getAttribute("data-limit") || "", 10);
    if (isNaN(limit)) {
      el.textContent = number(n) + " characters";
      return;
    }
    el.textContent = number(n) + " / " + number(limit);
    var state = n > limit ? "over" : (n >= 0.9 * limit ? "near" : "ok");  // textlength.WARN_AT
    el.classList.remove("pb-count-ok", "pb-count-near", "pb-count-over");
    el.classList.add("pb-count-" + state);
    var title = el.getAttribute("title");
    if (title) el.setAttribute("title", title.replace(/^[0-9,]+/, number(n)));
  }

  function refill(values, index) {
    each("[data-ph]", function (el) {
      var value = valueAt(values, el.getAttribute("data-ph"), index);
      if (value === undefined) return;
      el.hidden = value === null;
      if (value !== null && el.textContent !== value) el.textContent = value;
    });
    each("[data-ph-href]", function (el) {
      var name = el.getAttribute("data-ph-href") || el.getAttribute("data-ph");  // empty: the same value as its text
      var value = valueAt(values, name, index);
      if (value === undefined) return;
      el.hidden = value === null;
      if (value !== null) el.setAttribute("href", hrefFor(name, value));
    });
    each("[data-ph-sep]", function (sep) {
      var before = false;
      for (var el = sep.previousElementSibling; el; el = el.previousElementSibling) {
        if (!el.hasAttribute("data-ph-sep") && !el.hidden) { before = true; break; }
      }
      var next = sep.nextElementSibling;
      sep.hidden = !(before && next && !next.hidden);
    });
    each("[data-counts]", function (el) { refillCount(el, index); });
  }

  function show(picker, values) {
    var index = picker.selectedIndex < 0 ? 0 : picker.selectedIndex;
    refill(values, index);
    var option = picker.options[index];
    each("[data-location-name]", function (el) { el.textContent = option ? option.text : ""; });
  }

  function init() {
    var picker = document.querySelector("[data-location-picker]");
    var data = document.querySelector("[data-location-values]");
    if (!picker || !data) return;
    var values;
    try { values = JSON.parse((data.content || data).textContent); } catch (e) { return; }
    var wanted = saved();
    for (var i = 0; i < picker.options.length; i++) {
      if (picker.options[i].value === wanted) { picker.selectedIndex = i; break; }
    }
    each("[data-location-nojs]", function (el) { el.hidden = true; });
    each(".pb-location-label", function (el) { el.hidden = false; });
    picker.hidden = false;
    show(picker, values);
    if (!picker.__pbBound) {
      picker.__pbBound = true;
      picker.addEventListener("change", function () {
        save(picker.value);
        show(picker, values);
      });
    }
  }

  // document$ fires after instant navigation; it never fires on file://, so the
  // page's own load runs init too (init is idempotent).
  if (window.document$) window.document$.subscribe(init);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
