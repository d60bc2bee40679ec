/* Copy buttons for copy-ready replies ([data-copy] inside [data-reply]).
   Copies exactly the textContent of the reply's [data-copy-text], which the
   generator wrote as the export's text. Uses the Clipboard API where it exists
   (secure contexts only); otherwise selects a hidden textarea and uses
   execCommand('copy'); if even that fails, shows the text selected in a box
   with "press Ctrl+C". One click listener on document, so it keeps working
   after Material's instant navigation swaps the page.
   Languages: choosing one ([data-lang-choice]) shows it in every reply card on
   the page, and the choice is kept in localStorage (on the device, never sent);
   a card without that language keeps its default one and shows its note. */
(function () {
  "use strict";
  var PREF_KEY = "pb-platform";
  var LANG_KEY = "pb-lang";

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

  function cleanLang(lang) { return String(lang || "").replace(/[^a-z-]/g, ""); }

  // Show `lang` in every reply card on the page: check its choice where a card has one;
  // a card without that language goes back to its default language and shows its note.
  function showLanguage(lang) {
    lang = cleanLang(lang);
    if (!lang) return;
    var cards = document.querySelectorAll(".pb-reply");
    for (var i = 0; i < cards.length; i++) {
      var card = cards[i];
      var choice = card.querySelector('input[data-lang-choice="' + lang + '"]');
      var has = choice || card.querySelector('[data-lang="' + lang + '"]');
      if (choice) choice.checked = true;
      else if (!has) {
        var fallback = card.querySelector("input[data-lang-choice]");  // the default language comes first
        if (fallback) fallback.checked = true;
      }
      if (has) card.removeAttribute("data-lang-wanted");
      else card.setAttribute("data-lang-wanted", lang);
    }
    var others = document.querySelectorAll('input[data-lang-choice="' + lang + '"]');
    for (var j = 0; j < others.length; j++) others[j].checked = true;  // page-level switches too
  }

  function chooseLanguage(lang) {
    showLanguage(lang);
    try { window.localStorage.setItem(LANG_KEY, cleanLang(lang)); } catch (e) { /* storage may be off */ }
  }

  // Open each reply on the platform and in the language the responder last chose, where it has them (kept on this device only).
  function init() {
    var switches = document.querySelectorAll("[data-page-langs]");
    for (var k = 0; k < switches.length; k++) switches[k].hidden = false;  // they need this script
    var platform = null, lang = null;
    try { platform = window.localStorage.getItem(PREF_KEY); } catch (e) { platform = null; }
    try { lang = window.localStorage.getItem(LANG_KEY); } catch (e) { lang = null; }
    if (lang) showLanguage(lang);
    if (platform) choose(platform);
  }

  if (!window.__pbCopyBound) {
    window.__pbCopyBound = true;
    document.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest("[data-copy]");
      if (button) {
        event.preventDefault();
        copy(button);
        return;
      }
      // A language choice that is not a radio button (an organisation's own switch may use buttons).
      var choice = event.target.closest && event.target.closest("[data-lang-choice]");
      if (choice && choice.tagName !== "INPUT") chooseLanguage(choice.getAttribute("data-lang-choice"));
    });
    document.addEventListener("change", function (event) {
      var target = event.target;
      if (target.classList && target.classList.contains("pb-tab-input")) {
        rememberPlatform(target);
        choose(target.value);  // the other replies on the page follow
      }
      if (target.matches && target.matches("input[data-lang-choice]") && target.checked) chooseLanguage(target.getAttribute("data-lang-choice"));
    });
  }

  // document$ fires after instant navigation; it never fires on file://, so the
  // page's own load runs init too (init is idempotent).
  if (window.document$) window.document$.subscribe(init);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
