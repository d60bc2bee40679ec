/* The learned models' reading of a text, shared by "Check my draft" (draft.js) and the
   "What came in?" box (triage.js): the same as scripts/playbook/learned_check.py.

   features(norm): every token ([a-z0-9]+('[a-z0-9]+)*, each run of digits as 0) and every
   pair of neighbouring tokens of a normalised (ASCII) text, each once, with where it first
   occurs. weigh(bias, weights, norm): the score (bias + the integer weights of the features
   present) and the features that weigh towards the class, heaviest first. sentenceAt(norm,
   at): the sentence a position is in. plain(text, tables): accents dropped, typography
   plain, every other character beyond ASCII as tables.other (learned_screen.plain).
   Nothing here reads the page or sends anything. */
window.PlaybookLearned = (function () {
  "use strict";

  var own = Object.prototype.hasOwnProperty;

  function features(norm) {
    var lower = norm.toLowerCase();  // normalised text is ASCII
    var re = /[a-z0-9]+(?:'[a-z0-9]+)*/g;
    var toks = [];
    var m;
    while ((m = re.exec(lower)) !== null) toks.push([m[0].replace(/[0-9]+/g, "0"), m.index, m.index + m[0].length]);
    var out = [];
    var seen = Object.create(null);
    function add(name, start, end) {
      if (seen[name]) return;
      seen[name] = true;
      out.push({ name: name, start: start, end: end });
    }
    toks.forEach(function (t, i) {
      add(t[0], t[1], t[2]);
      if (i + 1 < toks.length) add(t[0] + " " + toks[i + 1][0], t[1], toks[i + 1][2]);
    });
    return out;
  }

  function weigh(bias, weights, norm) {
    var score = bias;
    var present = [];
    features(norm).forEach(function (f) {
      if (!own.call(weights, f.name)) return;
      var w = weights[f.name];
      score += w;
      if (w > 0) present.push({ feature: f, weight: w });
    });
    present.sort(function (a, b) {
      if (a.weight !== b.weight) return b.weight - a.weight;
      return a.feature.name < b.feature.name ? -1 : a.feature.name > b.feature.name ? 1 : 0;
    });
    return { score: score, present: present };
  }

  function sentenceAt(norm, at) {
    var re = /[.!?]+(?=[ \t\n\r\f\v])|\n/g;
    var start = 0, end = norm.length, m;
    while ((m = re.exec(norm)) !== null) {
      if (m.index + m[0].length <= at) { start = m.index + m[0].length; }
      else { end = m.index + m[0].length; break; }
    }
    return norm.slice(start, end);
  }

  /* tables: {fold: {code: letter}, normalise: {code: char}, other: char}, as the index or the page ships them. */
  function plain(text, tables) {
    if (!tables._fold) {
      tables._fold = {};
      tables._table = {};
      var chars = "";
      Object.keys(tables.fold || {}).forEach(function (code) { tables._fold[String.fromCharCode(Number(code))] = tables.fold[code]; });
      Object.keys(tables.normalise || {}).forEach(function (code) {
        tables._table[String.fromCharCode(Number(code))] = tables.normalise[code];
        chars += "\\u" + ("000" + Number(code).toString(16)).slice(-4);
      });
      tables._normaliser = chars ? new RegExp("[" + chars + "]", "g") : null;
    }
    var t = text.replace(/[\u00c0-\u024f]/g, function (ch) { return own.call(tables._fold, ch) ? tables._fold[ch] : ch; });
    if (tables._normaliser) t = t.replace(tables._normaliser, function (ch) { return tables._table[ch]; });
    return t.replace(/[^\x00-\x7f]/g, tables.other);
  }

  return { features: features, weigh: weigh, sentenceAt: sentenceAt, plain: plain };
})();
