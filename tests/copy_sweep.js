/* tests/test_copy_browser.py: copy many replies in one call, in the page, as a responder reaches each.
   For each row: show the reply's outcome if it is hidden (the tree's "Show the whole tree" button), open its
   platform tab and its language by clicking their labels, check that the copy button is visible and is
   what a tap at its centre hits, click it, and read what reached the clipboard (mode "clipboard"), or
   what execCommand('copy') had selected (mode "execCommand", with NO_CLIPBOARD's recorder). The clicks
   are DOM clicks (not trusted input): the real-input path is test_copy_buttons_copy_the_hand_written_golden_text.
   Returns one result per row; Python compares them with the export. */
async ({ rows, mode, sentinel }) => {
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const shown = (el) => !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
  async function until(test, what, step = 10) {
    for (let waited = 0; waited < 5000; waited += step) {
      const value = await test();
      if (value) return value;
      await sleep(step);
    }
    throw new Error("timed out waiting for " + what);
  }
  function labelBefore(el) {  // the radio label just before a variant (the platform tab)
    for (let sib = el.previousElementSibling; sib; sib = sib.previousElementSibling) {
      if (sib.tagName === "LABEL") return sib;
    }
    return null;
  }
  // What each status announced, in order (copy.js clears it, writes its message 30 ms later, and clears
  // it again 2.5 s after that).
  const said = new Map();
  const buttonSaid = new Map();  // copy.js sets the button to "Copied" as soon as the write succeeds
  const observer = new MutationObserver((mutations) => {
    for (const m of mutations) {
      const target = m.target.nodeType === Node.TEXT_NODE ? m.target.parentElement : m.target;
      const button = target && target.closest && target.closest("[data-copy]");
      if (button && button.textContent === "Copied") buttonSaid.set(button, (buttonSaid.get(button) || 0) + 1);
      const status = target && target.closest && target.closest(".pb-copied");
      if (status && status.textContent) {
        if (!said.has(status)) said.set(status, []);
        said.get(status).push(status.textContent);
      }
    }
  });
  const announcements = (status) => (said.get(status) || []).length;
  // Start once the page has settled: Material and the playbook's scripts finish setting a page up after
  // the load event (on document$), so the elements looked up below are the ones that stay.
  if (window.document$) await new Promise((resolve) => { const s = window.document$.subscribe(() => { resolve(); setTimeout(() => s.unsubscribe()); }); });
  let lastChange = performance.now();
  const quiet = new MutationObserver(() => { lastChange = performance.now(); });
  quiet.observe(document.body, { childList: true, characterData: true, attributes: true, subtree: true });
  await until(() => performance.now() - lastChange > 150, "the page to settle");
  quiet.disconnect();
  observer.observe(document.body, { childList: true, characterData: true, subtree: true });
  const statuses = [];
  const results = [];
  for (const row of rows) {
    const selector = `[data-reply="${row.hook}"][data-lang="${row.lang}"]`;
    const result = { selector, copied: null, error: null };
    results.push(result);
    try {
      const panels = document.querySelectorAll(selector);
      if (panels.length !== 1) throw new Error(`expected exactly one ${selector}, found ${panels.length}`);
      const panel = panels[0];
      const node = panel.closest("[data-node]");
      if (node && !shown(node)) {  // the tree shows one step at a time: show it whole (its own button)
        const whole = node.closest("[data-tree]").querySelector('.pb-guide-whole[aria-pressed="false"]');
        if (whole) whole.click();
        await until(() => shown(node), `${selector}: its outcome, ${node.dataset.node}`);
      }
      if (!shown(panel)) {
        const variant = panel.closest(".pb-variant");
        const tab = variant && labelBefore(variant);
        if (tab && shown(tab)) tab.click();  // a radio: the panel shows at the next layout, which shown() forces
      }
      if (!shown(panel)) {
        const card = panel.closest("[data-reply-id]");
        const choice = card && card.querySelector(`[data-lang-choice="${row.lang}"]`);
        if (choice) {
          const label = choice.tagName === "INPUT" ? card.querySelector(`label[for="${choice.id}"]`) : choice;
          label.click();
        }
      }
      if (!shown(panel)) throw new Error(`${selector} is not visible`);
      const button = panel.querySelector("[data-copy]");
      if (!shown(button)) throw new Error(`${selector}: its copy button is not visible`);
      button.scrollIntoView({ block: "center" });
      const box = button.getBoundingClientRect();
      const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      if (!button.contains(hit)) throw new Error(`${selector}: a tap on the copy button would hit ${hit && hit.outerHTML.slice(0, 80)}`);
      const status = panel.querySelector(".pb-copied");
      if (!status || status.getAttribute("aria-live") !== "polite") throw new Error(`${selector}: no polite status to announce the copy`);
      const before = announcements(status);
      if (mode === "clipboard") {
        // The clipboard is read once copy.js has said "Copied" on the button: a read while its write is under way could fail it.
        const buttonBefore = buttonSaid.get(button) || 0;
        await navigator.clipboard.writeText(sentinel);
        button.click();
        try {
          await until(() => (buttonSaid.get(button) || 0) > buttonBefore, `${selector}: the copy to finish`, 1);
        } catch (e) {
          throw new Error(`${e.message} (the status says ${JSON.stringify(status.textContent)}, the clipboard holds `
                          + `${JSON.stringify((await navigator.clipboard.readText()).slice(0, 40))}, focus: ${document.hasFocus()})`);
        }
        result.copied = await navigator.clipboard.readText();
      } else {
        if (navigator.clipboard !== undefined) throw new Error("navigator.clipboard exists");
        const copies = window.__copies.length;
        button.click();
        if (window.__copies.length !== copies + 1) throw new Error(`${selector}: execCommand('copy') was not called once`);
        result.copied = window.__copies[copies];
        if (document.querySelectorAll("body > textarea").length) throw new Error(`${selector}: the temporary textarea was left behind`);
      }
      statuses.push([result, status, before]);
    } catch (e) {
      result.error = String(e && e.message || e);
    }
  }
  // Each copy's announcement, checked at the end (execCommand copies need not wait 30 ms a row).
  const heard = ([, status, before]) => said.has(status) && said.get(status)[before] !== undefined;
  try {
    await until(() => statuses.every(heard), "every copy to be announced");
  } catch (e) { /* reported per row below */ }
  for (const entry of statuses) {
    const [result, status, before] = entry;
    if (result.error) continue;
    if (!heard(entry)) result.error = `${result.selector}: the copy was never announced`;
    else if (said.get(status)[before] !== "Copied") result.error = `${result.selector}: announced ${JSON.stringify(said.get(status)[before])}, not "Copied"`;
  }
  observer.disconnect();
  return results;
}
