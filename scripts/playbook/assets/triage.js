/* "What came in?": paste a post, get the scenario, crisis first. All on this page.

   The model is triage-index.json at the site root, built by
   scripts/playbook/triage/index.py. This file repeats, step for step, the
   reading of a post (scripts/playbook/triage/text.py), the danger screen
   (triage/danger.py) and the scoring (triage/rank.py); a browser test checks
   that both give the same ranking, scores and verdict on every corpus post.

   Nothing typed is sent, stored or logged: the index is fetched once (a
   static file, before anything is typed), and the post never leaves the page.

   Runs on every page swap (Material's document$) and on load (file://),
   does nothing on pages without [data-triage], and sets each box up once. */
(function () {
  "use strict";

  /* ------------------------------------------------------------ Porter (1980) */

  function cons(w, i) {
    var c = w.charAt(i);
    if (c === "a" || c === "e" || c === "i" || c === "o" || c === "u") return false;
    if (c === "y") return i === 0 || !cons(w, i - 1);
    return true;
  }

  function measure(w) {
    var n = 0, i = 0, L = w.length;
    while (i < L && cons(w, i)) i++;
    while (i < L) {
      while (i < L && !cons(w, i)) i++;
      if (i >= L) break;
      n++;
      while (i < L && cons(w, i)) i++;
    }
    return n;
  }

  function hasVowel(w) {
    for (var i = 0; i < w.length; i++) if (!cons(w, i)) return true;
    return false;
  }

  function doubleCons(w) {
    var L = w.length;
    return L >= 2 && w.charAt(L - 1) === w.charAt(L - 2) && cons(w, L - 1);
  }

  function cvc(w) {
    var L = w.length, last = w.charAt(L - 1);
    return L >= 3 && cons(w, L - 3) && !cons(w, L - 2) && cons(w, L - 1) && last !== "w" && last !== "x" && last !== "y";
  }

  function ends(w, s) { return w.length >= s.length && w.slice(w.length - s.length) === s; }

  function byLength(a, b) { return b[0].length - a[0].length; }
  var STEP2 = [["ational", "ate"], ["tional", "tion"], ["enci", "ence"], ["anci", "ance"], ["izer", "ize"],
    ["abli", "able"], ["alli", "al"], ["entli", "ent"], ["eli", "e"], ["ousli", "ous"], ["ization", "ize"],
    ["ation", "ate"], ["ator", "ate"], ["alism", "al"], ["iveness", "ive"], ["fulness", "ful"],
    ["ousness", "ous"], ["aliti", "al"], ["iviti", "ive"], ["biliti", "ble"]];
  var STEP3 = [["icate", "ic"], ["ative", ""], ["alize", "al"], ["iciti", "ic"], ["ical", "ic"], ["ful", ""], ["ness", ""]];
  var STEP4 = ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou", "ism",
    "ate", "iti", "ous", "ive", "ize"].map(function (s) { return [s, ""]; });
  // Longest first (a stable sort, as Python's), so the longest matching suffix decides.
  [STEP2, STEP3, STEP4].forEach(function (list) {
    var sorted = list.map(function (p, i) { return [p, i]; }).sort(function (a, b) {
      return byLength(a[0], b[0]) || a[1] - b[1];
    });
    for (var i = 0; i < list.length; i++) list[i] = sorted[i][0];
  });

  function stem(w) {
    if (w.length <= 2) return w;
    if (ends(w, "sses")) w = w.slice(0, -2);
    else if (ends(w, "ies")) w = w.slice(0, -2);
    else if (ends(w, "ss")) { /* stays */ }
    else if (ends(w, "s")) w = w.slice(0, -1);
    var again = false;
    if (ends(w, "eed")) {
      if (measure(w.slice(0, -3)) > 0) w = w.slice(0, -1);
    } else if (ends(w, "ed") && hasVowel(w.slice(0, -2))) {
      w = w.slice(0, -2); again = true;
    } else if (ends(w, "ing") && hasVowel(w.slice(0, -3))) {
      w = w.slice(0, -3); again = true;
    }
    if (again) {
      if (ends(w, "at") || ends(w, "bl") || ends(w, "iz")) w += "e";
      else if (/(?:bb|dd|ff|gg|mm|nn|pp|rr|tt)$/.test(w)) w = w.slice(0, -1);  // as text.py's _UNDOUBLED
      else if (measure(w) === 1 && cvc(w)) w += "e";
    }
    if (ends(w, "y") && hasVowel(w.slice(0, -1))) w = w.slice(0, -1) + "i";
    var i, base;
    for (i = 0; i < STEP2.length; i++) {
      if (ends(w, STEP2[i][0])) {
        base = w.slice(0, w.length - STEP2[i][0].length);
        if (measure(base) > 0) w = base + STEP2[i][1];
        break;
      }
    }
    for (i = 0; i < STEP3.length; i++) {
      if (ends(w, STEP3[i][0])) {
        base = w.slice(0, w.length - STEP3[i][0].length);
        if (measure(base) > 0) w = base + STEP3[i][1];
        break;
      }
    }
    for (i = 0; i < STEP4.length; i++) {
      var suffix = STEP4[i][0];
      if (ends(w, suffix)) {
        base = w.slice(0, w.length - suffix.length);
        if (measure(base) > 1 && (suffix !== "ion" || ends(base, "s") || ends(base, "t"))) w = base;
        break;
      }
    }
    if (ends(w, "e")) {
      base = w.slice(0, -1);
      var m = measure(base);
      if (m > 1 || (m === 1 && !cvc(base))) w = base;
    }
    if (measure(w) > 1 && doubleCons(w) && ends(w, "l")) w = w.slice(0, -1);
    return w;
  }

  /* ------------------------------------------------------------ the engine */

  function osaOne(a, b) {
    var la = a.length, lb = b.length, i;
    if (a === b || Math.abs(la - lb) > 1) return false;
    if (la === lb) {
      var diff = [];
      for (i = 0; i < la; i++) if (a.charAt(i) !== b.charAt(i)) diff.push(i);
      if (diff.length === 1) return true;
      return diff.length === 2 && diff[1] === diff[0] + 1 && a.charAt(diff[0]) === b.charAt(diff[1]) && a.charAt(diff[1]) === b.charAt(diff[0]);
    }
    if (la > lb) { var t = a; a = b; b = t; }
    i = 0;
    while (i < a.length && a.charAt(i) === b.charAt(i)) i++;
    return a.slice(i) === b.slice(i + 1);
  }

  function createEngine(index) {
    var table = {}, chars = "";
    Object.keys(index.normalise).forEach(function (code) {
      table[String.fromCharCode(Number(code))] = index.normalise[code];
      chars += "\\u" + ("000" + Number(code).toString(16)).slice(-4);
    });
    var normaliser = chars ? new RegExp("[" + chars + "]", "g") : null;
    var stop = {}, numbers = {};
    index.stop.split(" ").forEach(function (w) { if (w) stop[w] = true; });
    index.numbers.split(" ").forEach(function (w) { if (w) numbers[w] = true; });
    var families = {};
    index.families.terms.split(" ").forEach(function (w) { if (w) families[w] = true; });
    var own = Object.prototype.hasOwnProperty;
    var terms = {};
    index.terms.forEach(function (t, i) { terms[t] = i; });
    var lengths = {};
    index.terms.forEach(function (t, i) {
      if (t.length >= index.typo.min && !/[0-9]/.test(t)) (lengths[t.length] = lengths[t.length] || []).push(i);
    });
    // the tables the learned screen reads a post with, built once (learned.js keeps its lookups in them)
    var learnedTables = { fold: index.plain.fold, normalise: index.normalise, other: index.plain.other };
    var danger = [];
    index.danger.forEach(function (d) {
      try { danger.push({ d: d, re: new RegExp(d.source, "gi") }); }
      catch (err) { if (window.console) console.warn("triage: danger signal " + d.id + " cannot run here: " + err.message); }
    });
    var typoCache = {};
    var cues = [];
    index.cues.forEach(function (c) { cues.push([c[0], new RegExp(c[1], "gi")]); });

    function normalise(text) {
      return normaliser ? text.replace(normaliser, function (ch) { return table[ch]; }) : text;
    }

    function fold(text) {
      var t = normalise(text);
      index.emoji.forEach(function (pair) { t = t.split(pair[0]).join(" " + pair[1] + " "); });
      t = t.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
      t = t.replace(/([a-z])([A-Z])/g, "$1 $2");
      t = t.replace(/[A-Z]/g, function (c) { return c.toLowerCase(); });
      return t.replace(/'s(?![a-z0-9])/g, "").replace(/'(?:ll|re|ve|d|m)(?![a-z0-9])/g, "").split("'").join("");
    }

    function words(text) {
      var out = [], raws = fold(text).match(/[a-z0-9]+/g) || [];
      raws.forEach(function (raw) {
        var token = raw.replace(/([a-z])\1{2,}/g, "$1");
        var list = own.call(index.slang, token) ? index.slang[token].split(" ").filter(Boolean) : [token];
        list.forEach(function (word) {
          if (own.call(stop, word) || word.length === 1 || (/[0-9]/.test(word) && !own.call(numbers, word))) return;
          var term = /[0-9]/.test(word) ? word : stem(word);
          out.push([term, raw]);
          if (own.call(index.concepts, term)) {
            index.concepts[term].split(" ").forEach(function (extra) {
              if (extra && extra !== term) out.push([extra, raw]);
            });
          }
        });
      });
      return out;
    }

    function cueTerms(text) {
      var out = [];
      if (cues.length) {
        var prepared = prepareDanger(text);
        cues.forEach(function (c) {
          var re = c[1], m;
          re.lastIndex = 0;
          while ((m = re.exec(prepared)) !== null) {
            if (m[0].length === 0) { re.lastIndex += 1; continue; }
            out.push([c[0], m[0]]);
          }
        });
      }
      return out;
    }

    function prepareDanger(text) {
      var t = normalise(text);
      index.emoji.forEach(function (pair) { t = t.split(pair[0]).join(" " + pair[1] + " "); });
      t = t.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
      return t.split("'").join("").replace(/[ \t\n\r\f\v]+/g, " ").replace(/([A-Za-z])\1{2,}/g, "$1$1");
    }

    function screen(post) {
      var text = prepareDanger(post), hits = [];
      danger.forEach(function (item) {
        var re = item.re, m, found = [], lower = [];
        re.lastIndex = 0;
        while ((m = re.exec(text)) !== null) {
          if (m[0].length === 0) { re.lastIndex += 1; continue; }
          if (lower.indexOf(m[0].toLowerCase()) < 0) { found.push(m[0]); lower.push(m[0].toLowerCase()); }
        }
        if (found.length) hits.push({ id: item.d.id, label: item.d.label, scenario: item.d.scenario, banner: item.d.banner, words: found });
      });
      if (index.learned && window.PlaybookLearned) {
        // the learned screen (learned_screen.py): a class that reads as a crisis fires the first signal of its kinds
        var learned = index.learned, fired = {}, norm = null, bar = learned.flag_at;
        index.danger.forEach(function (d) {
          if (hits.some(function (h) { return h.id === d.id; })) fired[d.kind] = true;
        });
        // beside a phrase list that fired for another kind, a class must read as even odds (flag_at_beside)
        if (Object.keys(fired).length) bar = Math.max(learned.flag_at, learned.flag_at_beside);
        learned.classes.forEach(function (cls) {
          if (cls.kinds.some(function (k) { return fired[k]; })) return;
          if (norm === null) norm = window.PlaybookLearned.plain(post, learnedTables);
          var w = window.PlaybookLearned.weigh(cls.bias, cls.weights, norm);
          if (w.score < bar || w.present.length < learned.at_least) return;
          var d = null;
          index.danger.forEach(function (x) { if (d === null && cls.kinds.indexOf(x.kind) >= 0) d = x; });
          if (d === null) return;
          hits.push({ id: d.id, label: d.label + learned.suffix, scenario: d.scenario, banner: d.banner,
                      words: w.present.slice(0, learned.shown).map(function (p) { return p.feature.name; }) });
        });
      }
      return hits;
    }

    function typoMatch(term) {
      if (own.call(typoCache, term)) return typoCache[term];
      var best = null, bestDf = 0;
      if (term.length >= index.typo.min && !/[0-9]/.test(term)) {
        [term.length - 1, term.length, term.length + 1].forEach(function (L) {
          (lengths[L] || []).forEach(function (i) {
            if (osaOne(term, index.terms[i])) {
              var df = Math.floor(index.postings[i].length / 2);
              if (df > bestDf || (df === bestDf && best !== null && i < best)) { best = i; bestDf = df; }
            }
          });
        });
      }
      typoCache[term] = best;
      return best;
    }

    function query(post) {
      var out = [], where = {};
      var found = words(post).map(function (pair) { return [pair[0], pair[1], index.families.weight]; });
      cueTerms(post).forEach(function (pair) { found.push([pair[0], pair[1], index.families.cue_weight]); });
      found.forEach(function (pair) {
        var i = own.call(terms, pair[0]) ? terms[pair[0]] : undefined;
        var weight = own.call(families, pair[0]) ? pair[2] : 1;
        if (i === undefined) {
          i = typoMatch(pair[0]);
          weight = index.typo.weight;
          if (i === null) return;
        }
        if (own.call(where, i)) {
          var item = out[where[i]];
          if (weight > item[1]) { item[1] = weight; item[2] = pair[1]; }
          return;
        }
        where[i] = out.length;
        out.push([i, weight, pair[1]]);
      });
      return out;
    }

    function closestOutcome(doc, q) {
      var best = null, bestScore = 0;
      index.scenarios[doc].examples.forEach(function (ex) {
        var have = {}, score = 0;
        ex[1].forEach(function (i) { have[i] = true; });
        q.forEach(function (t) { if (have[t[0]]) score += index.idf[t[0]] * t[1]; });
        if (score > bestScore) { best = ex[0]; bestScore = score; }
      });
      return best;
    }

    function readShares(part, norm) {
      // learned_ranking.read: per scenario its share (table[(top - score) // step]) and the words towards it;
      // part is the learned ranking, or the crisis order (learned_screen.py), which has the same shape
      var n = part.known.length, scores = [], toward = [], present = 0, doc, k;
      for (doc = 0; doc < n; doc++) { scores.push(0); toward.push([]); }
      window.PlaybookLearned.features(norm).forEach(function (f) {
        if (!own.call(part.weights, f.name)) return;
        var flat = part.weights[f.name];
        present += 1;
        for (k = 0; k < flat.length; k += 2) {
          scores[flat[k]] += flat[k + 1];
          if (flat[k + 1] > 0) toward[flat[k]].push([flat[k + 1], f.name]);
        }
      });
      var shares = [], words = [], top = null, total = 0;
      for (doc = 0; doc < n; doc++) {
        shares.push(0);
        words.push(toward[doc].sort(function (a, b) {
          return b[0] - a[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);
        }).slice(0, part.shown).map(function (p) { return p[1]; }));
      }
      if (present < part.at_least) return { shares: shares, words: toward.map(function () { return []; }) };
      for (doc = 0; doc < n; doc++) if (part.known[doc] && (top === null || scores[doc] > top)) top = scores[doc];
      for (doc = 0; doc < n; doc++) {
        if (!part.known[doc]) continue;
        var slot = Math.floor((top - scores[doc]) / part.step);
        if (slot < part.table.length) shares[doc] = part.table[slot];
      }
      for (doc = 0; doc < n; doc++) total += shares[doc];
      for (doc = 0; doc < n; doc++) shares[doc] = shares[doc] / total;
      return { shares: shares, words: words };
    }

    function rank(post, channel) {
      var hits = screen(post), q = query(post), n = index.scenarios.length, scores = [], parts = [], doc, k;
      for (doc = 0; doc < n; doc++) { scores.push(0); parts.push([]); }
      q.forEach(function (t, order) {
        var list = index.postings[t[0]];
        for (k = 0; k < list.length; k += 2) {
          scores[list[k]] += list[k + 1] * t[1];
          parts[list[k]].push([list[k + 1] * t[1], order, t[2]]);
        }
      });
      if (channel) {
        index.scenarios.forEach(function (s, d) {
          if (s.channels.indexOf(channel) >= 0) {
            scores[d] *= 1 + index.channel.listed / s.channels.length;
            if (s.channels.length === 1) scores[d] += index.channel.only;
          } else scores[d] *= 1 - index.channel.unlisted;
        });
      }
      var learnedWords = [];
      if (index.ranking && window.PlaybookLearned) {
        // the learned ranking (learned_ranking.py): each score becomes its share of the best, plus the model's share
        var read = readShares(index.ranking, window.PlaybookLearned.plain(post, learnedTables)), best = 0;
        learnedWords = read.words;
        for (doc = 0; doc < n; doc++) if (scores[doc] > best) best = scores[doc];
        for (doc = 0; doc < n; doc++) scores[doc] = (best > 0 ? scores[doc] / best : 0) + index.ranking.weight * read.shares[doc];
      }
      var position = {};
      index.scenarios.forEach(function (s, d) { position[s.id] = d; });
      var crisis = {};
      hits.forEach(function (h) {
        if (own.call(position, h.scenario)) (crisis[position[h.scenario]] = crisis[position[h.scenario]] || []).push(h);
      });
      function order(a, b) { return scores[b] - scores[a] || a - b; }
      var first = Object.keys(crisis).map(Number).sort(order);
      if (first.length > 1 && index.learned && index.learned.order && window.PlaybookLearned) {
        // the crisis order (learned_screen.py): several crisis scenarios first, by score plus the order model's share
        var part = index.learned.order, shares = readShares(part, window.PlaybookLearned.plain(post, learnedTables)).shares;
        first.sort(function (a, b) {
          return (scores[b] + part.weight * shares[b]) - (scores[a] + part.weight * shares[a]) || a - b;
        });
      }
      var rest = [];
      for (doc = 0; doc < n; doc++) if (scores[doc] > 0 && !own.call(crisis, doc)) rest.push(doc);
      rest.sort(order);
      var out = first.concat(rest).map(function (d) {
        var s = index.scenarios[d], seen = [];
        parts[d].slice().sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; }).forEach(function (p) {
          if (seen.indexOf(p[2]) < 0) seen.push(p[2]);
        });
        if (!seen.length && learnedWords[d]) seen = learnedWords[d];
        var oid = closestOutcome(d, q);
        return {
          scenario: s.id, title: s.title, score: scores[d], words: seen, danger: crisis[d] || [],
          outcome: oid, outcomeTitle: oid ? (own.call(s.outcomes, oid) ? s.outcomes[oid] : null) : null,
          url: index.url.replace("{id}", s.id).replace("{start}", s.start)
        };
      });
      return { suggestions: out, danger: hits };
    }

    return { rank: rank, screen: screen, words: words, stem: stem, index: index };
  }

  /* ------------------------------------------------------------ loading */

  var engines = {};

  function load(url) {
    var abs = new URL(url, location.href).href;
    if (!engines[abs]) {
      engines[abs] = fetch(abs, { credentials: "same-origin" }).then(function (res) {
        if (!res.ok) throw new Error("HTTP " + res.status);
        return res.json();
      }).then(createEngine);
      engines[abs].catch(function () { delete engines[abs]; });
    }
    return engines[abs];
  }

  /* ------------------------------------------------------------ the box */

  var SHOWN = 3;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function quoted(list) {
    return list.map(function (w) { return "\u201c" + w + "\u201d"; }).join(", ");
  }

  function render(box, engine, root) {
    var input = box.querySelector("[data-triage-input]");
    var picker = box.querySelector("[data-triage-channel]");
    var alert = box.querySelector("[data-triage-alert]");
    var status = box.querySelector("[data-triage-status]");
    var list = box.querySelector("[data-triage-results]");
    var post = input.value;
    alert.textContent = "";
    list.textContent = "";
    if (!post.trim()) { status.textContent = ""; box.removeAttribute("data-triage-state"); return; }
    var result = engine.rank(post, picker && picker.value ? picker.value : null);
    var byScenario = {};
    result.suggestions.forEach(function (s) { byScenario[s.scenario] = s; });
    if (result.danger.length) {
      var banner = el("div", "pb-triage-crisis");
      banner.setAttribute("data-crisis", result.danger.map(function (h) { return h.id; }).join(" "));
      result.danger.forEach(function (h) {
        var p = el("p", "pb-triage-crisis-line");
        p.appendChild(el("strong", "pb-triage-crisis-label", h.label + ". "));
        p.appendChild(document.createTextNode(h.banner + " "));
        var target = byScenario[h.scenario];
        if (target) {
          var a = el("a", "pb-triage-crisis-open", "Open \u201c" + target.title + "\u201d now");
          a.href = root + target.url;
          p.appendChild(a);
        }
        p.appendChild(el("span", "pb-triage-crisis-words", " (words: " + quoted(h.words) + ")"));
        banner.appendChild(p);
      });
      alert.appendChild(banner);
    }
    var shown = result.suggestions.slice(0, SHOWN);
    shown.forEach(function (s) {
      var li = el("li", "pb-triage-result");
      var a = el("a", "pb-triage-suggestion");
      a.href = root + s.url;
      a.setAttribute("data-suggestion", s.scenario);
      if (s.danger.length) a.setAttribute("data-suggestion-crisis", "");
      a.appendChild(el("span", "pb-triage-title", s.title));
      var why = s.danger.length ? "Danger words: " + quoted(s.danger[0].words.slice(0, 3)) + (s.words.length ? "; " : "") : "";
      if (s.words.length) why += "Matched: " + s.words.slice(0, 6).join(", ");
      a.appendChild(el("span", "pb-triage-why", why));
      a.appendChild(el("span", "pb-triage-outcome", s.outcomeTitle
        ? "Its closest example led to: " + s.outcomeTitle
        : "Answer its questions to find the outcome"));
      li.appendChild(a);
      list.appendChild(li);
    });
    box.setAttribute("data-triage-state", shown.length ? "results" : "none");
    status.textContent = shown.length
      ? (result.danger.length ? "Danger words found. " : "") + shown.length + (shown.length === 1 ? " suggestion" : " suggestions") + ". Each opens its guide at the first question."
      : "No scenario matches these words. Try other words, search, or browse all scenarios.";
  }

  function setup(box) {
    if (box.hasAttribute("data-triage-ready")) return;
    box.setAttribute("data-triage-ready", "");
    var form = box.querySelector("[data-triage-form]");
    var nojs = box.querySelector("[data-triage-nojs]");
    var input = box.querySelector("[data-triage-input]");
    var picker = box.querySelector("[data-triage-channel]");
    var status = box.querySelector("[data-triage-status]");
    var root = box.getAttribute("data-triage-root") || "";
    if (!form || !input) return;
    form.hidden = false;
    if (nojs) nojs.hidden = true;
    load(box.getAttribute("data-triage-index")).then(function (engine) {
      function run() { render(box, engine, root); }
      input.addEventListener("input", run);
      if (picker) picker.addEventListener("change", run);
      box.setAttribute("data-triage-loaded", "");
      run();
    }, function () {
      status.textContent = "The suggestions could not be loaded here (open the site through its web server).";
      if (nojs) nojs.hidden = false;
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-triage]"), setup);
  }

  window.PlaybookTriage = { createEngine: createEngine, load: load };
  if (typeof document$ !== "undefined" && document$.subscribe) document$.subscribe(init);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
