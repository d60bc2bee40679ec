/* "Check my draft": runs the compliance rules on a hand-written reply, in the browser.

   The rules come from the page itself (<script type="application/json"
   id="pb-draft-rules">), compiled at build time from playbook/compliance.yaml
   by scripts/playbook/views/draft.py, for every language compliance.yaml
   has rules for; the radios [data-draft-lang] pick the draft's language
   (English by default). Matching mirrors
   scripts/playbook/compliance.py: the same normalisation table, one regex per
   rule with {vocab:ID} replaced by the shipped vocabulary, case-insensitive,
   empty matches skipped, findings inside an exemption's match dropped, sorted
   by position then rule id; then the learned check where compliance.yaml turns it on
   (learned_check.py: the same integer weights, so the same verdicts). Nothing typed is sent, stored or logged.

   Runs on every page swap (Material's document$), does nothing on pages
   without [data-draft], and sets itself up once per [data-draft] element. */
(function () {
  "use strict";

  /* One engine per language: {rules, exemptions, fold, ...}, each language's {vocab:...} put in place
     from its own classes first, then the shared ones (the classes at the top of compliance.yaml). */
  function load(root) {
    var script = root.querySelector("#pb-draft-rules");
    if (!script) return null;
    var data = JSON.parse(script.textContent);
    var table = {};
    var chars = "";
    Object.keys(data.normalise).forEach(function (code) {
      var ch = String.fromCharCode(Number(code));
      table[ch] = data.normalise[code];
      chars += "\\u" + ("000" + Number(code).toString(16)).slice(-4);
    });
    var foldTable = {};
    Object.keys(data.fold || {}).forEach(function (code) { foldTable[String.fromCharCode(Number(code))] = data.fold[code]; });
    var shared = data.vocab || {};
    var engines = {};
    (data.languages || []).forEach(function (lang) {
      var own = lang.vocab || {};
      /* The same replacement as compliance.expand: {vocab:ID} or {vocab:ID,ID} becomes its shipped alternation. */
      var expand = function (source) {
        return source.replace(/\{vocab:([a-z0-9][a-z0-9_-]*(?:,[a-z0-9][a-z0-9_-]*)*)\}/g, function (m, ref) {
          return Object.prototype.hasOwnProperty.call(own, ref) ? own[ref] : shared[ref];
        });
      };
      var compile = function (item, what) {
        try {
          return new RegExp(expand(item.source), "gi");
        } catch (err) {
          // check refuses such patterns (PB703), so this only happens with a hand-edited site
          if (window.console) console.warn("draft check: " + lang.id + " " + what + " " + item.id + " cannot run here: " + err.message);
          return null;
        }
      };
      var rules = [];
      lang.rules.forEach(function (rule) {
        var regex = compile(rule, "rule");
        if (regex) rules.push({ rule: rule, regex: regex });
      });
      var exemptions = [];
      (lang.exemptions || []).forEach(function (ex) {
        var regex = compile(ex, "exemption");
        if (regex) exemptions.push({ id: ex.id, rules: ex.rules, regex: regex });
      });
      engines[lang.id] = { lang: lang.id, rules: rules, exemptions: exemptions, other: data.other || "", fold: !!lang.fold,
                           foldTable: foldTable, normaliser: chars ? new RegExp("[" + chars + "]", "g") : null, table: table,
                           learned: lang.learned && data.learned ? { model: lang.learned, rule: data.learned.rule,
                                                                     shown: data.learned.shown, atLeast: data.learned.at_least } : null };
    });
    var first = data.languages && data.languages.length ? data.languages[0].id : null;
    return { engines: engines, fallback: engines[data["default"]] ? data["default"] : first };
  }

  /* compliance.normalise: accents dropped for a language whose rules ask for it (accents.fold_accents,
     one letter for one), the table, then every other character beyond ASCII as data.other
     (one per UTF-16 unit here, one per character in Python; offsets stay each engine's own). */
  function normalise(engine, text) {
    if (engine.fold) text = text.replace(/[\u00c0-\u024f]/g, function (ch) { return engine.foldTable[ch] || ch; });
    if (engine.normaliser) text = text.replace(engine.normaliser, function (ch) { return engine.table[ch]; });
    return engine.other ? text.replace(/[^\x00-\x7f]/g, engine.other) : text;
  }

  /* Every non-empty match of a regex, as [start, end] pairs. */
  function spansOf(re, norm) {
    var spans = [];
    re.lastIndex = 0;
    var m;
    while ((m = re.exec(norm)) !== null) {
      if (m[0].length === 0) { re.lastIndex += 1; continue; }
      spans.push([m.index, m.index + m[0].length]);
    }
    return spans;
  }

  /* Every match of every rule: {rule, start, end, words}, less those wholly
     inside a match of an exemption that applies to the rule (compliance.find). */
  function find(engine, text) {
    var norm = normalise(engine, text);
    var out = [];
    var exemptSpans = {};
    function isExempt(ruleId, start, end) {
      return engine.exemptions.some(function (ex) {
        if (ex.rules.length && ex.rules.indexOf(ruleId) < 0) return false;
        if (!exemptSpans[ex.id]) exemptSpans[ex.id] = spansOf(ex.regex, norm);
        return exemptSpans[ex.id].some(function (s) { return s[0] <= start && end <= s[1]; });
      });
    }
    engine.rules.forEach(function (item) {
      spansOf(item.regex, norm).forEach(function (s) {
        if (isExempt(item.rule.id, s[0], s[1])) return;
        out.push({ rule: item.rule, start: s[0], end: s[1], words: text.slice(s[0], s[1]) });
      });
    });
    if (engine.learned) out = applyLearned(engine.learned, norm, text, out);
    out.sort(function (a, b) {
      if (a.start !== b.start) return a.start - b.start;
      return a.rule.id < b.rule.id ? -1 : a.rule.id > b.rule.id ? 1 : 0;
    });
    return out;
  }

  var own = Object.prototype.hasOwnProperty;
  var learnedText = window.PlaybookLearned;  // learned.js: features, weigh, sentenceAt

  /* compliance.apply_learned: integer weights, so both engines add the same numbers. */
  function applyLearned(learned, norm, text, found) {
    var model = learned.model;
    var weigh = function (m, t) { return learnedText.weigh(m.bias, m.weights, t); };
    var sentenceAt = learnedText.sentenceAt;
    var weighed = weigh(model, norm);
    var score = weighed.score;
    var top = weighed.present.slice(0, learned.shown);
    var overrulable = function (f) { return own.call(model.overrule_below, f.rule.id); };
    if (found.every(overrulable)) {
      found = found.filter(function (f) { return score >= model.overrule_below[f.rule.id]; });
    }
    var below = model.overrule_sentence_below;
    found = found.filter(function (f) {
      return !own.call(below, f.rule.id) || weigh(model, sentenceAt(norm, f.start)).score >= below[f.rule.id];
    });
    if (!found.length && score >= model.flag_at && top.length >= learned.atLeast) {
      var words = top.map(function (p) { return "\"" + p.feature.name + "\""; }).join(", ");
      var rule = { id: learned.rule.id, severity: learned.rule.severity, instead: learned.rule.instead,
                   why: learned.rule.why + " The words that weigh most: " + words + "." };
      var first = top[0].feature;
      found = [{ rule: rule, start: first.start, end: first.end, words: text.slice(first.start, first.end) }];
    }
    return found;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* The draft with every finding marked; overlapping findings share a mark. */
  function marked(text, findings) {
    var cuts = [0, text.length];
    findings.forEach(function (f) { cuts.push(f.start, f.end); });
    cuts = cuts.filter(function (v, i, a) { return a.indexOf(v) === i; }).sort(function (a, b) { return a - b; });
    var frag = document.createDocumentFragment();
    for (var i = 0; i + 1 < cuts.length; i++) {
      var from = cuts[i], to = cuts[i + 1];
      var piece = text.slice(from, to);
      var ids = [];
      findings.forEach(function (f) {
        if (f.start <= from && f.end >= to && ids.indexOf(f.rule.id) < 0) ids.push(f.rule.id);
      });
      if (ids.length) {
        var mark = el("mark", "pb-draft-hit", piece);
        mark.setAttribute("data-rules", ids.join(" "));
        mark.title = ids.join(", ");
        frag.appendChild(mark);
      } else {
        frag.appendChild(document.createTextNode(piece));
      }
    }
    return frag;
  }

  /* The language picked with [data-draft-lang] (the default where there is no switch). */
  function chosen(root, loaded) {
    var radio = root.querySelector("[data-draft-lang]:checked");
    var id = radio ? radio.value : loaded.fallback;
    return loaded.engines[id] || loaded.engines[loaded.fallback];
  }

  function render(root, loaded) {
    var engine = chosen(root, loaded);
    var input = root.querySelector("[data-draft-input]");
    var result = root.querySelector("[data-draft-result]");
    var box = root.querySelector("[data-draft-marked]");
    var list = root.querySelector("[data-draft-findings]");
    var text = input.value.trim();
    var findings = text ? find(engine, text) : [];
    var ids = [];
    findings.forEach(function (f) { if (ids.indexOf(f.rule.id) < 0) ids.push(f.rule.id); });
    ids.sort();
    var verdict = !text ? "empty" : findings.length ? "flagged" : "clean";
    result.setAttribute("data-draft-verdict", verdict);
    result.setAttribute("data-draft-lang", engine.lang);
    result.setAttribute("data-draft-rules", ids.join(" "));
    result.textContent = verdict === "empty" ? "" :
      verdict === "clean" ? "No problems found. Read it once more before you post." :
      findings.length + (findings.length === 1 ? " problem" : " problems") + " found (" + ids.join(", ") + "). Fix them before you post.";
    box.textContent = "";
    list.textContent = "";
    box.hidden = !findings.length;
    if (!findings.length) return;
    box.appendChild(marked(text, findings));
    findings.forEach(function (f) {
      var li = el("li", "pb-draft-finding pb-draft-" + f.rule.severity);
      li.setAttribute("data-rule", f.rule.id);
      var head = el("p");
      head.appendChild(el("code", "", f.rule.id));
      head.appendChild(document.createTextNode(" "));
      head.appendChild(el("span", "pb-draft-sev pb-draft-sev-" + f.rule.severity, f.rule.severity));
      head.appendChild(document.createTextNode(" matched "));
      head.appendChild(el("q", "pb-draft-words", f.words));
      li.appendChild(head);
      var why = el("p");
      why.appendChild(el("strong", "", "Why: "));
      why.appendChild(document.createTextNode(f.rule.why));
      li.appendChild(why);
      var instead = el("p");
      instead.appendChild(el("strong", "", "Instead: "));
      instead.appendChild(document.createTextNode(f.rule.instead));
      li.appendChild(instead);
      list.appendChild(li);
    });
  }

  function init() {
    var root = document.querySelector("[data-draft]");
    if (!root || root.getAttribute("data-draft-ready")) return;
    var loaded = load(root);
    if (!loaded || !loaded.fallback) return;
    root.setAttribute("data-draft-ready", "1");
    var nojs = root.querySelector("[data-draft-nojs]");
    if (nojs) nojs.hidden = true;
    var input = root.querySelector("[data-draft-input]");
    var update = function () {
      input.setAttribute("lang", chosen(root, loaded).lang);
      render(root, loaded);
    };
    input.addEventListener("input", update);
    Array.prototype.forEach.call(root.querySelectorAll("[data-draft-lang]"), function (radio) {
      radio.addEventListener("change", update);
    });
    root.querySelector("[data-draft-check]").addEventListener("click", update);
    root.querySelector("[data-draft-clear]").addEventListener("click", function () {
      input.value = "";
      update();
      input.focus();
    });
    if (input.value) update();  // text kept by the browser on back/forward
    // The browser compiles each regex the first time it runs, and again to machine code when
    // it runs once more. Do that while the page is idle, so that the first draft typed is
    // checked as fast as the next ones (normalise() keeps every text plain ASCII for this).
    // One regex per turn, so that the page stays responsive meanwhile. The chosen language first.
    var order = [chosen(root, loaded)];
    Object.keys(loaded.engines).forEach(function (id) { if (order.indexOf(loaded.engines[id]) < 0) order.push(loaded.engines[id]); });
    var all = [];
    order.forEach(function (engine) {
      all = all.concat(engine.rules.map(function (r) { return r.regex; }), engine.exemptions.map(function (e) { return e.regex; }));
    });
    // the same text as the browser holds a typed draft (a text area's value), and as a plain literal
    var spare = document.createElement("textarea");
    spare.value = "Thank you \u2014 we\u2019re sorry to hear this. \ud83d\udc99";
    var engine0 = order[0];
    var samples = [normalise(engine0, spare.value), normalise(engine0, "Thank you, we're sorry to hear this.")];
    var next = 0, busy = 0;
    (function warm() {
      if (next >= all.length) {
        // time spent compiling, in ms (bench/compliance_bench.py reports it)
        root.setAttribute("data-draft-warm", String(Math.round(busy)));
        return;
      }
      var started = window.performance ? performance.now() : 0;
      samples.forEach(function (sample) { spansOf(all[next], sample); spansOf(all[next], sample); });
      busy += (window.performance ? performance.now() : 0) - started;
      next += 1;
      window.setTimeout(warm, 0);
    })();
  }

  // document$ fires after instant navigation; it never fires on file://, so the
  // page's own load runs init too (init is idempotent).
  if (window.document$) window.document$.subscribe(init);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
