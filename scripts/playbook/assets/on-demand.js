/* Adds the scripts of the features a page holds (window.PlaybookOnDemand, written by
   scripts/playbook/views/assets.py: [{when: selector, load: [file, ...]}, ...]) from the
   folder this script was loaded from. Each file is added once per visit, in the order
   named (async = false keeps the order), and runs its own setup: it subscribes to
   document$ and also starts at once. Nothing is fetched for a page without the feature.

   Runs on every page swap (Material's document$) and on load (file://). */
(function () {
  "use strict";

  var me = document.currentScript;
  var base = me && me.src ? me.src.replace(/[^\/]*$/, "") : "";
  var added = {};

  function add(name) {
    if (added[name]) return;
    added[name] = true;
    var s = document.createElement("script");
    s.src = base + name;
    s.async = false;
    document.head.appendChild(s);
  }

  function init() {
    (window.PlaybookOnDemand || []).forEach(function (feature) {
      if (document.querySelector(feature.when)) feature.load.forEach(add);
    });
  }

  if (window.document$) window.document$.subscribe(init);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
