/* The share page: turns the form's answers into the file `handbook new` writes for the same
   answers (byte for byte: the front matter's recipe comes from the generator, embedded in the
   page), checks them as `handbook check` would, and hands the file over only when the reader
   asks: a forge's "new file" page, a download, the clipboard or an email. Nothing is sent
   anywhere by itself; it works opened from disk too. Its messages are the theme's words in the
   site's language, given as data-t-* attributes of its own <script> tag (English when there
   are none). */
(function () {
  "use strict";
  var script = document.currentScript;
  var form = document.getElementById("share-form");
  if (!form) return;

  /* The message `key` (data-t-<key> of the script tag, or `english`), its {names} filled in:
     {item} always, with what the collection holds. */
  function say(key, english, values) {
    var text = (script && script.getAttribute("data-t-" + key)) || english;
    return text.replace(/\{(\w+)\}/g, function (m, name) {
      if (values && Object.prototype.hasOwnProperty.call(values, name)) return String(values[name]);
      return name === "item" ? data.item : m;
    });
  }
  var data = form.dataset;
  var recipe = JSON.parse(document.getElementById("share-recipe").textContent);
  var byId = function (id) { return document.getElementById(id); };
  var result = byId("share-result");
  var file = null;

  /* Lowercase letters and digits of any script; every other run becomes one "-" (slug.rs). */
  var ALNUM = /[\p{Alphabetic}\p{N}]/u;
  function slugify(text) {
    var out = "";
    var dash = false;
    for (var c of text) {
      if (ALNUM.test(c)) {
        if (dash && out) out += "-";
        dash = false;
        out += c.toLowerCase();
      } else if (c === "_" && out) {
        if (dash) out += "-";
        dash = false;
        out += "_";
      } else {
        dash = true;
      }
    }
    return out;
  }

  /* A TOML string as scaffold.rs writes it: literal when it holds " or \ and can be one. */
  var CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f]/;
  function tomlString(s) {
    if (/["\\]/.test(s) && s.indexOf("'") < 0 && s.indexOf("\t") < 0 && !CONTROL.test(s)) {
      return "'" + s + "'";
    }
    var out = "\"";
    for (var c of s) {
      if (c === "\"") out += "\\\"";
      else if (c === "\\") out += "\\\\";
      else if (c === "\n") out += "\\n";
      else if (c === "\t") out += "\\t";
      else if (c === "\r") out += "\\r";
      else if (CONTROL.test(c)) out += "\\u" + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
      else out += c;
    }
    return out + "\"";
  }

  /* The story as the file holds it: "\n" line ends, no blank lines before, no space after. */
  function story(body) {
    return body.replace(/\r\n/g, "\n").replace(/\r/g, "\n").replace(/^\n+/, "").replace(/[ \t\n]+$/, "");
  }

  function today() {
    var d = new Date();
    var two = function (n) { return String(n).padStart(2, "0"); };
    return d.getUTCFullYear() + "-" + two(d.getUTCMonth() + 1) + "-" + two(d.getUTCDate());
  }

  function render(a) {
    var out = "";
    recipe.forEach(function (line) {
      if ("t" in line) out += line.t;
      else if (line.date) out += line.k + " = " + a.date;
      else if (line.list) out += line.k + " = [" + a.tags.map(tomlString).join(", ") + "]";
      else if (Object.prototype.hasOwnProperty.call(a.values, line.k)) out += line.k + " = " + tomlString(a.values[line.k]);
      else out += line.or;
      out += "\n";
    });
    return out + "\n" + story(a.body) + "\n";
  }

  function words(text) {
    var m = text.match(/\S+/g);
    return m ? m.length : 0;
  }

  /* The answers, as `handbook new` would take them (values trimmed, empty ones left out). */
  function answers() {
    var values = {};
    var title = byId("share-title").value.trim();
    values.title = title;
    form.querySelectorAll("[data-relation]").forEach(function (set) {
      var chosen = set.querySelector("input:checked");
      if (chosen) values[set.dataset.relation] = chosen.value;
    });
    var author = form.querySelector("[data-author]");
    if (author) {
      var name = byId("share-" + author.dataset.author).value.trim();
      var anonymous = form.querySelector("input[name=credit][value=anonymous]").checked;
      if (!anonymous && name) values[author.dataset.author] = name;
    }
    form.querySelectorAll("[data-field]").forEach(function (div) {
      var v = byId("share-" + div.dataset.field).value.trim();
      if (v) values[div.dataset.field] = v;
    });
    var tags = [];
    form.querySelectorAll("input[name=tag]:checked").forEach(function (box) { tags.push(box.value); });
    byId("share-new-tags").value.split(",").forEach(function (t) {
      t = t.trim();
      if (t && tags.indexOf(t) < 0) tags.push(t);
    });
    return { values: values, tags: tags, date: today(), body: byId("share-story").value };
  }

  /* What `handbook check` would say about the file, as [field id, message] pairs. */
  function problems(a) {
    var out = [];
    if (!a.values.title) out.push(["share-title", say("share-error-title", "Give your {item} a title.")]);
    else if (!slugify(a.values.title)) out.push(["share-title", say("share-error-title-letters", "Give your {item} a title with at least one letter or digit.")]);
    form.querySelectorAll("[data-relation][data-required]").forEach(function (set) {
      if (!(set.dataset.relation in a.values)) {
        var relation = set.querySelector("legend").textContent.toLowerCase();
        out.push([set.id, say("share-error-relation", "Choose the {relation} your {item} shows.", { relation: relation })]);
      }
    });
    var author = form.querySelector("[data-author]");
    if (author && !form.querySelector("input[name=credit][value=anonymous]").checked && !(author.dataset.author in a.values)) {
      out.push(["share-" + author.dataset.author, say("share-error-name", "Write the name to credit you by, or choose to stay anonymous.")]);
    }
    a.tags.forEach(function (t) {
      if (!slugify(t)) out.push(["share-new-tags", say("share-error-tag", "The tag \u201c{tag}\u201d has no letters or digits.", { tag: t })]);
    });
    var body = story(a.body);
    if (!body) out.push(["share-story", say("share-error-story", "Write your {item}.")]);
    /* Contributed stories may link only to web pages, email addresses and phone numbers. */
    var links = body.match(/\]\(\s*<?[^)\s>]+/g) || [];
    links.forEach(function (l) {
      var dest = l.replace(/^\]\(\s*<?/, "");
      if (!/^(https?:|mailto:|tel:)/i.test(dest)) {
        out.push(["share-story", say("share-error-link", "The link to \u201c{link}\u201d will not work: link only to web pages, written in full (https://\u2026).", { link: dest })]);
      }
    });
    if (!byId("share-consent").checked) out.push(["share-consent", say("share-error-consent", "Tick the box to agree that your {item} is published.")]);
    return out;
  }

  function showProblems(list) {
    var box = byId("share-errors");
    var ul = byId("share-error-list");
    ul.textContent = "";
    form.querySelectorAll("[aria-invalid]").forEach(function (el) { el.removeAttribute("aria-invalid"); });
    form.querySelectorAll(".field-error").forEach(function (el) { el.remove(); });
    form.querySelectorAll("[data-describedby]").forEach(function (el) {
      if (el.dataset.describedby) el.setAttribute("aria-describedby", el.dataset.describedby);
      else el.removeAttribute("aria-describedby");
    });
    list.forEach(function (p) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = "#" + p[0];
      a.textContent = p[1];
      a.addEventListener("click", function (e) {
        e.preventDefault();
        focusField(p[0]);
      });
      li.appendChild(a);
      ul.appendChild(li);
      var target = byId(p[0]);
      var input = target.matches("input, textarea") ? target : target.querySelector("input");
      var inputs = target.matches("fieldset") ? target.querySelectorAll("input[type=radio]") : [input];
      inputs.forEach(function (el) { if (el) el.setAttribute("aria-invalid", "true"); });
      var msg = document.createElement("p");
      msg.className = "field-error";
      msg.id = p[0] + "-error-" + ul.children.length;
      msg.textContent = p[1];
      var field = target.closest(".field");
      field.insertBefore(msg, field.querySelector("input, textarea, label.choice, .share-tag-list") || null);
      if (input) {
        if (!("describedby" in input.dataset)) input.dataset.describedby = input.getAttribute("aria-describedby") || "";
        input.setAttribute("aria-describedby", (input.dataset.describedby + " " + msg.id).trim());
      }
    });
    box.hidden = list.length === 0;
    if (list.length) box.focus();
  }

  function focusField(id) {
    var target = byId(id);
    var input = target.matches("input, textarea") ? target : target.querySelector("input");
    (input || target).focus();
  }

  function forgeUrl(name, text) {
    return data.forgeUrl + "?" + data.forgeName + "=" + encodeURIComponent(name) + "&" + data.forgeText + "=" + encodeURIComponent(text);
  }

  function prepare(a) {
    var slug = slugify(a.values.title);
    /* `.es.md` on the Spanish site's page: the story is that language's. */
    var name = slug + (data.ext || ".md");
    var text = render(a);
    file = { name: name, text: text, title: a.values.title };
    byId("share-path").textContent = data.folder + "/" + name;
    byId("share-file").textContent = text;
    preview(a);
    var forge = byId("share-forge");
    if (forge) {
      var url = forgeUrl(name, text);
      var fits = url.length <= Number(data.maxUrl);
      forge.hidden = !fits;
      byId("share-forge-hint").hidden = !fits;
      byId("share-too-long").hidden = fits;
      forge.href = fits ? url : data.forgeUrl;
    }
    var email = byId("share-email");
    if (email) {
      var subject = say("share-email-subject", "A new {item}: {title}", { title: a.values.title });
      var mail = "mailto:" + data.email + "?subject=" + encodeURIComponent(subject) + "&body=" + encodeURIComponent(text);
      var short = mail.length <= Number(data.maxMailto);
      if (!short) mail = "mailto:" + data.email + "?subject=" + encodeURIComponent(subject);
      email.href = mail;
      byId("share-email-long").hidden = short;
    }
    byId("share-copied").textContent = "";
    result.hidden = false;
    byId("share-result-title").focus();
  }

  /* The story roughly as the page will show it: title, details, paragraphs as plain text. */
  function preview(a) {
    var box = byId("share-preview");
    box.textContent = "";
    var h = document.createElement("h4");
    h.className = "share-preview-title";
    h.textContent = a.values.title;
    box.appendChild(h);
    var meta = [];
    form.querySelectorAll("[data-relation]").forEach(function (set) {
      var chosen = set.querySelector("input:checked");
      if (chosen) meta.push(chosen.closest("label").querySelector(".choice-title").textContent);
    });
    form.querySelectorAll("[data-field]").forEach(function (div) {
      if (a.values[div.dataset.field]) meta.push(a.values[div.dataset.field]);
    });
    var author = form.querySelector("[data-author]");
    meta.push(author && a.values[author.dataset.author]
      ? say("share-preview-by", "by {name}", { name: a.values[author.dataset.author] })
      : say("share-preview-anonymous", "anonymous"));
    if (a.tags.length) meta.push(a.tags.join(", "));
    var m = document.createElement("p");
    m.className = "share-preview-meta";
    m.textContent = meta.join(" \u00b7 ");
    box.appendChild(m);
    story(a.body).split(/\n\s*\n/).forEach(function (para) {
      var p = document.createElement("p");
      p.textContent = para;
      box.appendChild(p);
    });
  }

  function countWords() {
    var n = words(byId("share-story").value);
    var min = Number(data.wordsMin);
    var max = Number(data.wordsMax);
    var count = n === 1 ? say("share-words-one", "{n} word", { n: n }) : say("share-words-other", "{n} words", { n: n });
    var values = { words: count, min: min, max: max };
    byId("share-count").textContent = n < min ? say("share-words-aim", "{words}, aim for {min} to {max}", values)
      : n > max ? say("share-words-over", "{words}, more than the {max} we suggest", values)
      : count;
  }

  function showSlug() {
    byId("share-slug").textContent = slugify(byId("share-title").value.trim()) || say("share-slug", "your-title");
  }

  /* The credit name is asked for only when crediting by a name. */
  function showCredit() {
    var author = form.querySelector("[data-author]");
    if (!author) return;
    var anonymous = form.querySelector("input[name=credit][value=anonymous]").checked;
    author.querySelector(".choice-detail").hidden = anonymous;
  }

  function download() {
    if (!file) return;
    var blob = new Blob([file.text], { type: "text/markdown;charset=utf-8" });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = file.name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
  }

  function copy() {
    if (!file) return;
    var copied = say("share-copied", "Copied: paste it wherever you send it.");
    var done = function () { byId("share-copied").textContent = copied; };
    var fallback = function () {
      var area = document.createElement("textarea");
      area.value = file.text;
      area.setAttribute("readonly", "");
      area.className = "visually-hidden";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      area.remove();
      byId("share-copied").textContent = ok ? copied : say("share-copy-blocked", "Copying is blocked here: select the file below and copy it.");
      byId("share-copy").focus();
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(file.text).then(done, fallback);
    } else {
      fallback();
    }
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var a = answers();
    var list = problems(a);
    showProblems(list);
    if (list.length) {
      result.hidden = true;
      return;
    }
    prepare(a);
  });
  form.addEventListener("change", showCredit);
  byId("share-title").addEventListener("input", showSlug);
  byId("share-story").addEventListener("input", countWords);
  byId("share-download").addEventListener("click", download);
  byId("share-copy").addEventListener("click", copy);
  byId("share-edit").addEventListener("click", function () {
    result.hidden = true;
    byId("share-story").focus();
  });
  showSlug();
  countWords();
  showCredit();
})();
