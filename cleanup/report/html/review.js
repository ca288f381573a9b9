
"use strict";
(() => {
  const root = document.documentElement;
  const notes = Array.from(document.querySelectorAll(".note"));
  const byItem = new Map(notes.map((n) => [n.dataset.item, n]));
  const marks = Array.from(document.querySelectorAll("[data-items]"));
  const badges = Array.from(document.querySelectorAll(".text .badge"));
  const chips = Array.from(document.querySelectorAll(".chip[data-kind], .chip[data-cat]"));
  const decidable = notes.filter((n) => n.dataset.findings);
  const pos = document.getElementById("pos");
  const hidden = { cat: new Set(), kind: new Set() };
  const wide = window.matchMedia("(min-width: 901px)");
  // decisions survive a reload: kept per article text (its hash), by the findings' rule and span
  const storeKey = "cleanup-review:" + root.dataset.sha256;
  const findingsOf = (note) => JSON.parse(note.dataset.findings);
  const keyOf = (note) => findingsOf(note).map((f) => f.rule + "@" + f.start + "-" + f.end).join(" ");
  let decisions = {};
  try {
    decisions = JSON.parse(window.localStorage.getItem(storeKey) || "{}") || {};
  } catch (error) {
    decisions = {};
  }
  let current = null;
  const shown = (note) => Boolean(note) && !note.classList.contains("hidden");
  const visible = () => notes.filter(shown);
  const decisionOf = (note) => decisions[keyOf(note)] || note.dataset.default;

  function count() {
    const list = visible();
    const i = list.indexOf(current);
    pos.textContent = (i < 0 ? "–" : String(i + 1)) + " / " + list.length;
  }
  function select(note, scroll) {
    for (const el of Array.from(document.querySelectorAll(".current"))) {
      el.classList.remove("current");
    }
    current = note;
    if (note) {
      note.classList.add("current");
    }
    count();
    place(); // the current note shows its reasons, beside its change
    const badge = note ? document.getElementById("m" + note.dataset.item) : null;
    if (badge) {
      badge.classList.add("current");
      if (scroll) badge.scrollIntoView({ block: "center", behavior: "smooth" });
    }
  }
  // the text as it will be: a rejected change keeps its words, an accepted suggestion is shown
  function show() {
    for (const note of decidable) {
      const item = note.dataset.item;
      const decision = decisionOf(note);
      const explicit = decisions[keyOf(note)];
      note.classList.toggle("accepted", decision === "accept");
      note.classList.toggle("rejected", decision === "reject");
      for (const b of Array.from(note.querySelectorAll(".decide button"))) {
        b.setAttribute("aria-pressed", String(explicit === b.dataset.decision));
      }
      note.querySelector(".state").textContent =
        (decision === "accept" ? "accepted" : "rejected") + (explicit ? "" : " (default)");
      for (const el of Array.from(document.querySelectorAll('.chg[data-items="' + item + '"]'))) {
        el.classList.toggle("rejected", decision === "reject");
      }
      const sugg = document.querySelector('[data-sugg="' + item + '"]');
      if (sugg) sugg.classList.toggle("on", decision === "accept");
      for (const m of marks) {
        if (m.tagName === "MARK" && m.dataset.items.split(" ").includes(item)) {
          m.classList.toggle("replaced", decision === "accept" && Boolean(sugg));
        }
      }
    }
  }
  function decide(note, decision) {
    if (!note || !note.dataset.findings) return;
    decisions[keyOf(note)] = decision;
    try {
      window.localStorage.setItem(storeKey, JSON.stringify(decisions));
    } catch (error) {
      // storage refused (a private window): the decisions hold until the page is closed
    }
    show();
  }
  function exported() {
    const findings = [];
    for (const note of decidable) {
      for (const f of findingsOf(note)) {
        findings.push({
          id: Number(note.dataset.item),
          rule: f.rule,
          start: f.start,
          end: f.end,
          text: f.text,
          replacement: f.replacement,
          decision: decisionOf(note),
        });
      }
    }
    const article = { path: root.dataset.path, sha256: root.dataset.sha256 };
    return JSON.stringify({ version: 1, article: article, findings: findings }, null, 1) + "\n";
  }
  function save() {
    const json = exported();
    root.dataset.exported = String(json.length);
    const url = URL.createObjectURL(new Blob([json], { type: "application/json" }));
    const link = document.createElement("a");
    const name = (root.dataset.path || "article").split(/[\\/]/).pop();
    link.href = url;
    link.download = name + ".decisions.json";
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
  // Notes sit beside their paragraph; many notes flow on beside the next paragraphs instead of
  // pushing the paragraphs apart, and the current note is drawn up beside its change (the
  // notes before it move up to make room).
  function place() {
    const boxes = Array.from(document.querySelectorAll(".para")).map((para) => ({
      box: para.querySelector(".notes"),
      text: para.querySelector(".text"),
    }));
    for (const b of boxes) {
      b.box.style.marginTop = "";
      b.box.style.marginBottom = "";
    }
    const main = document.querySelector("main");
    main.style.paddingBottom = "";
    if (!wide.matches) return;
    // first the notes take no room, so that the paragraphs stand where they will stay
    for (const b of boxes) b.height = b.box.getBoundingClientRect().height;
    for (const b of boxes) b.box.style.marginBottom = -b.height + "px";
    for (const b of boxes) {
      const text = b.text.getBoundingClientRect();
      b.top = text.top + window.scrollY;
      b.textHeight = text.height;
    }
    const gap = 8;
    const flow = (from, reach) => {
      for (let i = from; i < boxes.length; i += 1) {
        boxes[i].at = Math.max(boxes[i].top, reach);
        if (boxes[i].height > 0) reach = boxes[i].at + boxes[i].height + gap;
      }
    };
    flow(0, 0);
    const k = current && shown(current) ? boxes.findIndex((b) => b.box.contains(current)) : -1;
    const badge = current ? document.getElementById("m" + current.dataset.item) : null;
    if (k >= 0 && badge && badge.getClientRects().length) {
      const within = current.getBoundingClientRect().top - boxes[k].box.getBoundingClientRect().top;
      const anchor = badge.getBoundingClientRect().top + window.scrollY - within - 4;
      if (anchor < boxes[k].at) {
        boxes[k].at = anchor;
        let limit = anchor - gap;
        for (let j = k - 1; j >= 0; j -= 1) {
          if (boxes[j].height === 0) continue;
          boxes[j].at = Math.min(boxes[j].at, limit - boxes[j].height);
          limit = boxes[j].at - gap;
        }
        flow(k + 1, anchor + boxes[k].height + gap);
      }
    }
    let reach = 0;
    for (const b of boxes) {
      const shift = b.at - b.top;
      b.box.style.marginTop = shift + "px";
      b.box.style.marginBottom = Math.min(0, b.textHeight - shift - b.height) + "px";
      if (b.height > 0) reach = Math.max(reach, b.at + b.height);
    }
    const end = main.getBoundingClientRect().bottom + window.scrollY;
    if (reach > end) main.style.paddingBottom = reach - end + 60 + "px";
  }
  function refresh() {
    for (const n of notes) {
      const off = hidden.cat.has(n.dataset.cat) || hidden.kind.has(n.dataset.kind);
      n.classList.toggle("hidden", off);
    }
    for (const m of marks) {
      m.classList.toggle("off", !m.dataset.items.split(" ").some((i) => shown(byItem.get(i))));
    }
    for (const b of badges) b.classList.toggle("hidden", !shown(byItem.get(b.dataset.item)));
    for (const c of chips) {
      const kind = c.dataset.cat ? "cat" : "kind";
      c.setAttribute("aria-pressed", String(!hidden[kind].has(c.dataset[kind])));
    }
    if (current && !shown(current)) select(null, false);
    count();
    place();
  }
  function step(delta) {
    const list = visible();
    if (!list.length) return;
    const i = list.indexOf(current);
    const first = delta > 0 ? 0 : list.length - 1;
    const next = i < 0 ? first : (i + delta + list.length) % list.length;
    select(list[next], true);
  }
  document.getElementById("next").addEventListener("click", () => step(1));
  document.getElementById("prev").addEventListener("click", () => step(-1));
  document.getElementById("export").addEventListener("click", save);
  const final = document.getElementById("final");
  final.addEventListener("click", () => {
    const on = final.getAttribute("aria-pressed") !== "true";
    final.setAttribute("aria-pressed", String(on));
    document.body.classList.toggle("final", on);
    place();
  });
  for (const c of chips) {
    c.addEventListener("click", () => {
      const kind = c.dataset.cat ? "cat" : "kind";
      const set = hidden[kind];
      const key = c.dataset[kind];
      if (set.has(key)) set.delete(key); else set.add(key);
      refresh();
    });
  }
  document.addEventListener("click", (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const button = target ? target.closest(".decide button") : null;
    if (button) {
      const note = button.closest(".note");
      select(note, false);
      decide(note, button.dataset.decision);
      return;
    }
    const item = target ? target.closest("[data-item]") : null;
    if (item) select(byItem.get(item.dataset.item) || null, false);
  });
  document.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === "j" || event.key === "n") step(1);
    else if (event.key === "k" || event.key === "p") step(-1);
    else if ((event.key === "a" || event.key === "r") && current && current.dataset.findings) {
      decide(current, event.key === "a" ? "accept" : "reject");
      step(1);
    }
  });
  const more = document.getElementById("more");
  if (wide.matches) more.open = true;
  more.addEventListener("toggle", place);
  wide.addEventListener("change", () => {
    more.open = wide.matches;
    place();
  });
  window.addEventListener("resize", place);
  show();
  refresh();
  root.dataset.ready = "1";
})();
