
"use strict";
(() => {
  const notes = Array.from(document.querySelectorAll(".note"));
  const byItem = new Map(notes.map((n) => [n.dataset.item, n]));
  const marks = Array.from(document.querySelectorAll("[data-items]"));
  const badges = Array.from(document.querySelectorAll(".text .badge"));
  const chips = Array.from(document.querySelectorAll(".chip"));
  const pos = document.getElementById("pos");
  const hidden = { cat: new Set(), kind: new Set() };
  let current = null;
  const shown = (note) => Boolean(note) && !note.classList.contains("hidden");
  const visible = () => notes.filter(shown);

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
      const badge = document.getElementById("m" + note.dataset.item);
      if (badge) {
        badge.classList.add("current");
        if (scroll) badge.scrollIntoView({ block: "center", behavior: "smooth" });
      }
    }
    count();
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
    const target = event.target instanceof Element ? event.target.closest("[data-item]") : null;
    if (target) select(byItem.get(target.dataset.item) || null, false);
  });
  document.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === "j" || event.key === "n") step(1);
    else if (event.key === "k" || event.key === "p") step(-1);
  });
  refresh();
  document.documentElement.dataset.ready = "1";
})();
