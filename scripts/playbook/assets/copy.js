/* Copy buttons for copy-ready replies ([data-copy] inside [data-reply]).
   Copies exactly the textContent of the reply's [data-copy-text], which the
   generator wrote as the export's text. Uses the Clipboard API where it exists
   (secure contexts only); otherwise selects a hidden textarea and uses
   execCommand('copy'); if even that fails, shows the text selected in a box
   with "press Ctrl+C". One click listener on document, so it keeps working
   after Material's instant navigation swaps the page. */
(function () {
  "use strict";
  var PREF_KEY = "pb-platform";

  function textFor(button) {
    var box = button.closest("[data-reply], [data-reply-also]");
    var source = box && box.querySelector("[data-copy-text]");
    return source ? source.textContent : null;
  }

  function announce(button, message, failed) {
    var box = button.closest("[data-reply], [data-reply-also]");
    var status = box && box.querySelector(".pb-copied");
    if (status) {
      status.textContent = "";  // a change, so screen readers announce a repeat too
      status.classList.toggle("pb-copy-failed", !!failed);
      window.setTimeout(function () { status.textContent = message; }, 30);
    }
    if (!failed) {
      if (button._pbLabel === undefined) button._pbLabel = button.textContent;  // a template's own wording
      button.textContent = "Copied";
      window.clearTimeout(button._pbTimer);
      button._pbTimer = window.setTimeout(function () {
        button.textContent = button._pbLabel;
        if (status) status.textContent = "";
      }, 2500);
    }
  }

  function copyWithSelection(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.setAttribute("aria-hidden", "true");
    area.style.position = "fixed";
    area.style.top = "0";
    area.style.left = "-9999px";
    area.style.opacity = "0";
    document.body.appendChild(area);
    var active = document.activeElement;
    area.select();
    area.setSelectionRange(0, text.length);
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    if (active && active.focus) active.focus();
    return ok;
  }

  function showManualCopy(button, text) {
    var box = button.closest("[data-reply], [data-reply-also]");
    var area = box.querySelector(".pb-manual-copy");
    if (!area) {
      area = document.createElement("textarea");
      area.className = "pb-manual-copy";
      area.setAttribute("readonly", "");
      area.setAttribute("aria-label", "Reply text, selected: press Ctrl+C (or Command+C) to copy");
      box.appendChild(area);  // at the end of the variant, whatever the template nests the button in
    }
    area.value = text;
    area.focus();
    area.select();
    announce(button, "Press Ctrl+C (Command+C on a Mac) to copy the selected text", true);
  }

  function copy(button) {
    var text = textFor(button);
    if (text === null) return;
    function fallback() {
      if (copyWithSelection(text)) announce(button, "Copied");
      else showManualCopy(button, text);
    }
    if (navigator.clipboard && navigator.clipboard.writeText && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { announce(button, "Copied"); }, fallback);
    } else {
      fallback();
    }
  }

  function rememberPlatform(input) {
    try { window.localStorage.setItem(PREF_KEY, input.value); } catch (e) { /* storage may be off */ }
  }

  // Show every reply on the page on this platform, where it has that variant.
  function choose(platform) {
    var inputs = document.querySelectorAll('.pb-tab-input[data-platform-tab="' + platform.replace(/[^a-z0-9-]/g, "") + '"]');
    for (var i = 0; i < inputs.length; i++) inputs[i].checked = true;
  }

  // Open each reply on the platform the responder last chose (kept on this device only).
  function init() {
    var platform = null;
    try { platform = window.localStorage.getItem(PREF_KEY); } catch (e) { platform = null; }
    if (platform) choose(platform);
  }

  if (!window.__pbCopyBound) {
    window.__pbCopyBound = true;
    document.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest("[data-copy]");
      if (button) {
        event.preventDefault();
        copy(button);
      }
    });
    document.addEventListener("change", function (event) {
      if (event.target.classList && event.target.classList.contains("pb-tab-input")) {
        rememberPlatform(event.target);
        choose(event.target.value);  // the other replies on the page follow
      }
    });
  }

  // document$ fires after instant navigation; it never fires on file://, so the
  // page's own load runs init too (init is idempotent).
  if (window.document$) window.document$.subscribe(init);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
