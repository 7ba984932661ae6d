// claimscope review page. Vanilla JS; all untrusted text goes into the DOM through textContent / text nodes
// (never innerHTML). Offsets from the server are code points; JS strings are UTF-16, so the text is split
// with Array.from (code points) and selections are converted back.
"use strict";
(() => {
  const TYPES = ["event", "date", "place", "casualty", "attribution"];
  const STATUSES = ["pending", "accepted", "rejected", "corrected", "added", "reviewed", "all"];
  const GRANS = ["day", "month", "year", "range", "part_of_month", "season", "decade", "approximate", "week", "century"];
  const CAS_KINDS = ["killed", "injured", "detained", "arrested", "missing", "kidnapped", "displaced"];
  const ATTR_KINDS = ["statement", "report", "responsibility", "accusation", "denial", "opinion"];
  // the <select> lists come from /api/schema (pipeline/types.py literals) at start; these are the fallbacks
  const EVENT_TYPES = ["attack"];
  const FORM = {
    casualty: [["kind", "select", CAS_KINDS], ["count", "count"], ["low", "count"], ["high", "count"], ["qualifier", "text"],
               ["group", "text"], ["total", "bool"]],
    date: [["start", "text", "YYYY-MM-DD"], ["end", "text", "YYYY-MM-DD"], ["granularity", "select", GRANS], ["relative", "bool"]],
    place: [["name", "text"], ["geonameid", "int"], ["country", "text", "ISO-2"], ["admin1", "text"], ["lat", "num"],
            ["lon", "num"], ["feature", "text"], ["relation", "text"]],
    attribution: [["kind", "select", ATTR_KINDS], ["source", "text", "empty = author's own voice"], ["source_start", "int"],
                  ["source_end", "int"], ["hedged", "bool"]],
    event: [["type", "select", EVENT_TYPES], ["date_start", "text", "YYYY-MM-DD"], ["date_end", "text", "YYYY-MM-DD"],
            ["date_granularity", "select", [""].concat(GRANS)], ["place_name", "text"], ["country", "text"],
            ["killed", "count"], ["injured", "count"]],
  };
  function useSchema(sc) {
    const put = (arr, vals) => { if (Array.isArray(vals) && vals.length) arr.splice(0, arr.length, ...vals); };
    put(EVENT_TYPES, sc.event_types); put(CAS_KINDS, sc.casualty_kinds); put(ATTR_KINDS, sc.attribution_kinds);
    if (Array.isArray(sc.granularities) && sc.granularities.length) {
      put(GRANS, sc.granularities);
      FORM.event[3][2] = [""].concat(GRANS);
    }
  }
  const TOKEN = document.querySelector('meta[name="csrf-token"]').getAttribute("content");
  const $ = (id) => document.getElementById(id);

  const S = {
    filters: { type: "", status: "pending", source: "", confidence: "" },
    articles: [], sha: null, data: null, list: [], sel: null, mode: null, selection: null, journal: 0,
    undo: [],          // decisions taken on this page, newest last: {claim_id, sha}; `u` takes back the last
    results: [], active: -1, searchTimer: null, searchSeq: 0,
  };

  // ---------------------------------------------------------------------------------------------- DOM helpers
  function el(tag, props, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === "class") e.className = v;
      else if (k === "text") e.textContent = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else if (k === "data") Object.assign(e.dataset, v);
      else e.setAttribute(k, v === true ? "" : String(v));
    }
    for (const kid of kids) {
      if (kid === null || kid === undefined || kid === false) continue;
      e.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
    }
    return e;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }
  let toastTimer = null;
  function toast(msg, bad) {
    const t = $("toast");
    t.textContent = msg;
    t.className = "on" + (bad ? " bad" : "");
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { t.className = ""; }, bad ? 6000 : 2500);
  }

  // ---------------------------------------------------------------------------------------------- server
  function qs(extra) {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(Object.assign({}, S.filters, extra || {}))) if (v) p.set(k, v);
    return p.toString();
  }
  async function getJSON(url) {
    const r = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
    const data = await r.json().catch(() => ({ error: r.statusText }));
    if (!r.ok) throw Object.assign(new Error(data.error || r.statusText), { status: r.status, data });
    return data;
  }
  async function post(url, body) {
    const r = await fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": TOKEN },
      body: JSON.stringify(body),
    });
    const data = await r.json().catch(() => ({ error: r.statusText }));
    if (!r.ok) throw Object.assign(new Error(data.error || r.statusText), { status: r.status, data });
    return data;
  }

  // ---------------------------------------------------------------------------------------------- state in URL
  function readHash() {
    const p = new URLSearchParams(location.hash.slice(1));
    for (const k of Object.keys(S.filters)) if (p.has(k)) S.filters[k] = p.get(k);
    return { sha: p.get("sha"), claim: p.get("claim") };
  }
  function writeHash() {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(S.filters)) p.set(k, v);
    if (S.sha) p.set("sha", S.sha);
    if (S.sel) p.set("claim", S.sel.claim_id);
    history.replaceState(null, "", "#" + p.toString());
  }

  // ---------------------------------------------------------------------------------------------- labels
  const fmt = (v) => (v === null || v === undefined || v === "" ? "?" : String(v));
  function label(c) {
    const v = c.value || {};
    switch (c.claim_type) {
      case "casualty": return `${v.kind || "?"}${v.group ? " (" + v.group + ")" : ""} = ${fmt(v.count)}` +
        (v.qualifier ? ` [${v.qualifier}]` : "") + (v.low !== null && v.low !== undefined && v.low !== v.high ? ` (${fmt(v.low)}..${fmt(v.high)})` : "");
      case "date": return `${fmt(v.start)} .. ${fmt(v.end)} (${v.granularity || "?"})`;
      case "place": return `${v.name || "?"}${v.country ? " (" + v.country + ")" : ""}${v.geonameid ? " #" + v.geonameid : ""}`;
      case "attribution": return `${v.kind || "?"}: ${v.source || "(author)"}${v.hedged ? " · hedged" : ""}`;
      case "event": return `${v.type || "?"}` + (v.date_start ? ` · ${v.date_start}` : "") + (v.place_name ? ` · ${v.place_name}` : "") +
        (v.killed !== null && v.killed !== undefined ? ` · killed ${v.killed}` : "") + (v.injured !== null && v.injured !== undefined ? ` · injured ${v.injured}` : "");
    }
    return "";
  }
  const short = (s, n) => (s && s.length > n ? s.slice(0, n - 1) + "…" : s || "");

  // ---------------------------------------------------------------------------------------------- filters
  function fillSelect(sel, options, value, labels) {
    clear(sel);
    for (const o of options) sel.append(el("option", { value: o, text: (labels && labels[o]) || o || "any" }));
    sel.value = options.includes(value) ? value : options[0];
  }
  function renderFilters(sources) {
    fillSelect($("f-type"), [""].concat(TYPES), S.filters.type);
    fillSelect($("f-status"), STATUSES, S.filters.status);
    const src = [""].concat(sources || []);
    if (S.filters.source && !src.includes(S.filters.source)) src.push(S.filters.source);
    fillSelect($("f-source"), src, S.filters.source);
    fillSelect($("f-confidence"), ["", "high", "medium", "low"], S.filters.confidence);
  }
  function onFilter(ev) {
    const name = ev.target.name;
    S.filters[name] = ev.target.value;
    writeHash();
    loadQueue(true);
  }

  // ---------------------------------------------------------------------------------------------- queue
  async function loadQueue(pickFirst) {
    let q;
    try { q = await getJSON("/api/queue?" + qs()); } catch (e) { return showBusy(e); }
    S.articles = q.articles;
    banner(q.stale ? "The database is busy (another process, e.g. `claimscope run`, is writing). Showing the last loaded state; decisions are kept in the journal and written when it is free." : null);
    renderFilters(q.sources);
    $("summary").textContent = `${q.articles.length} articles · ${q.pending} of ${q.claims} claims pending · ` +
      `${q.reviews} decisions` + (q.orphaned ? ` · ${q.orphaned} orphaned` : "");
    const ol = clear($("articles"));
    for (const a of q.articles) {
      const li = el("li", { class: a.sha256 === S.sha ? "current" : "", data: { sha: a.sha256 }, onclick: () => openArticle(a.sha256) },
        el("div", { text: short(a.title || a.id, 60) }),
        el("div", { class: "counts" }, `${a.matching} matching · ${a.pending}/${a.total} pending`,
          a.orphaned ? el("span", { class: "badge orph", title: "decisions whose claim no longer exists" }, ` ${a.orphaned} orphaned`) : null));
      ol.append(li);
    }
    if (!q.articles.length) {
      ol.append(el("li", { class: "muted", text: "no article matches these filters" }));
    }
    if (pickFirst || !S.sha || !q.articles.some((a) => a.sha256 === S.sha)) {
      if (q.articles.length) await openArticle(q.articles[0].sha256);
      else { S.sha = null; S.data = null; renderArticle(); }
    }
  }
  function markCurrentArticle() {
    for (const li of $("articles").children) li.classList.toggle("current", li.dataset.sha === S.sha);
  }
  function showBusy(e) {
    if (e && e.status === 503) banner("The database is busy and nothing was loaded yet: retrying…");
    else toast(String(e && e.message ? e.message : e), true);
  }
  function banner(msg) {
    const b = $("banner");
    b.hidden = !msg;
    b.textContent = msg || "";
  }

  // ---------------------------------------------------------------------------------------------- article
  async function openArticle(sha, claimId) {
    let d;
    try { d = await getJSON("/api/article?" + qs({ sha })); } catch (e) { return showBusy(e); }
    S.sha = sha; S.data = d; S.mode = null; S.selection = null;
    S.list = d.claims.filter((c) => c.match);
    const keep = claimId && d.claims.find((c) => c.claim_id === claimId);
    S.sel = keep || S.list[0] || null;
    if (d.stale) banner("The database is busy (another process is writing). Showing the last loaded state.");
    markCurrentArticle();
    renderArticle();
    writeHash();
  }

  function renderArticle() {
    const head = clear($("article-head")), legend = clear($("legend"));
    clear($("text")); clear($("claims")); clear($("detail")); clear($("orphans"));
    $("add-panel").hidden = true;
    if (!S.data) { head.append(el("p", { class: "muted", text: "No article." })); return; }
    const a = S.data.article;
    head.append(el("h2", { text: a.title || a.id }),
      el("div", { class: "muted" }, `${a.id} · published ${a.published || "?"} · ${a.chars} chars · ${a.source}`));
    const counts = {};
    for (const c of S.data.claims) counts[c.claim_type] = (counts[c.claim_type] || 0) + 1;
    for (const t of TYPES) legend.append(el("span", {}, el("span", { class: "sw t-" + t }), `${t} ${counts[t] || 0}`));
    renderText();
    renderClaims();
    renderDetail();
    renderOrphans();
  }

  // Highlights: split the text at every span boundary; each piece knows the claims covering it (outermost
  // first). The innermost colours the background, every layer adds an underline bar below the text.
  let segClaims = new Map();
  function renderText() {
    const box = clear($("text"));
    segClaims = new Map();
    const cps = Array.from(S.data.article.text);
    const n = cps.length;
    const claims = S.data.claims.filter((c) => c.hl_start !== null && c.hl_end > c.hl_start && c.hl_end <= n);
    const parts = S.sel ? (S.sel.parts || []).filter((p) => p.start !== null && p.end > p.start && p.end <= n) : [];
    const bounds = new Set([0, n]);
    for (const c of claims) { bounds.add(c.hl_start); bounds.add(c.hl_end); }
    for (const p of parts) { bounds.add(p.start); bounds.add(p.end); }
    const bs = Array.from(bounds).sort((x, y) => x - y);
    const frag = document.createDocumentFragment();
    for (let i = 0; i + 1 < bs.length; i++) {
      const s = bs[i], e = bs[i + 1];
      const cover = claims.filter((c) => c.hl_start <= s && c.hl_end >= e)
        .sort((x, y) => (y.hl_end - y.hl_start) - (x.hl_end - x.hl_start));
      const span = el("span", { class: "seg", data: { s: String(s) } });
      span.textContent = cps.slice(s, e).join("");
      if (cover.length) {
        const inner = cover[cover.length - 1];
        span.classList.add("hl", "t-" + inner.claim_type, "s-" + inner.status);
        span.title = cover.map((c) => `${c.claim_type}: ${label(c)} [${c.status}]`).join("\n");
        span.style.boxShadow = cover.map((c, k) => `0 ${3 + 3 * k}px 0 var(--c-${c.claim_type})`).join(", ");
        segClaims.set(span, cover);
        if (S.sel && cover.some((c) => c.claim_id === S.sel.claim_id)) span.classList.add("sel");
      }
      for (const p of parts) if (p.start <= s && p.end >= e) span.classList.add("part", "part-" + p.role);
      frag.append(span);
    }
    box.append(frag);
  }

  function onTextClick(ev) {
    const sel = window.getSelection();
    if (sel && !sel.isCollapsed) return; // a selection, not a click
    const seg = ev.target.closest && ev.target.closest(".seg");
    const cover = seg && segClaims.get(seg);
    if (!cover || !cover.length) return;
    // clicking again cycles through overlapping claims, innermost first
    const order = cover.slice().reverse();
    const at = S.sel ? order.findIndex((c) => c.claim_id === S.sel.claim_id) : -1;
    select(order[(at + 1) % order.length]);
  }

  function renderClaims() {
    const ol = clear($("claims"));
    $("claim-count").textContent = `${S.list.length} of ${S.data.claims.length} shown`;
    for (const c of S.list) {
      const li = el("li", { class: S.sel && S.sel.claim_id === c.claim_id ? "current" : "", data: { id: c.claim_id },
        onclick: () => select(c) },
        el("span", {}, el("span", { class: "badge t-" + c.claim_type, text: c.claim_type })),
        el("span", { class: "span", text: c.span_text }),
        el("span", { class: "st st-" + c.status, text: c.status + (c.pending_write ? " *" : "") }),
        el("span", { class: "lab", text: `${label(c)} · ${c.band} ${c.confidence.toFixed(2)}` }));
      ol.append(li);
    }
    if (!S.list.length) ol.append(el("li", { class: "muted", text: "no claim matches the filters in this article" }));
  }

  function select(c, keepMode) {
    S.sel = c;
    if (!keepMode) S.mode = null;
    renderText();
    for (const li of $("claims").children) li.classList.toggle("current", !!c && li.dataset.id === c.claim_id);
    const cur = $("claims").querySelector("li.current");
    if (cur) cur.scrollIntoView({ block: "nearest" });
    const hl = $("text").querySelector(".seg.sel");
    if (hl) hl.scrollIntoView({ block: "nearest" });
    renderDetail();
    writeHash();
  }

  function kvTable(rows) {
    const t = el("table", { class: "kv" });
    for (const [k, v, was] of rows) {
      t.append(el("tr", {}, el("td", { text: k }), el("td", {}, v === null || v === undefined ? "—" : String(v),
        was !== undefined ? el("span", { class: "was", title: "extracted value", text: was === null ? "—" : String(was) }) : null)));
    }
    return t;
  }

  function renderDetail() {
    const d = clear($("detail"));
    const c = S.sel;
    if (!c) { d.append(el("p", { class: "muted", text: "Select a claim (click a highlight or the list), or select text to add one." })); return; }
    const run = (S.data.runs || {})[c.run_id];
    d.append(el("h3", {}, el("span", { class: "badge t-" + c.claim_type, text: c.claim_type }), " ",
      el("span", { class: "st st-" + c.status, text: c.status }), " ",
      el("span", { class: "muted", text: `confidence ${c.band} (${c.confidence.toFixed(2)})` })));
    d.append(el("div", { class: "actions" },
      el("button", { class: "accept", id: "btn-accept", onclick: () => decide("accepted"), text: "Accept (a)" }),
      el("button", { class: "reject", id: "btn-reject", onclick: () => decide("rejected"), text: "Reject (r)" }),
      el("button", { id: "btn-correct", onclick: () => openCorrect(), text: "Correct (c)" }),
      el("button", { id: "btn-undo", onclick: () => undo(), disabled: !undoTarget(), text: "Undo (u)",
        title: "take back the last decision (appends the state before it)" })));
    if (c.claim_type === "event") d.append(eventCard(c));
    if (S.mode === "correct") d.append(editForm(c.claim_type, c.value || {}, "correct"));
    const v = c.value || {}, x = c.extracted_value;
    const rows = [];
    for (const [k] of FORM[c.claim_type]) {
      const changed = x && c.status !== "pending" && JSON.stringify(x[k]) !== JSON.stringify(v[k]);
      rows.push([k, v[k], changed ? x[k] : undefined]);
    }
    d.append(el("h4", { text: "Value" }), kvTable(rows));
    const prov = [
      ["span", `[${c.start_char}, ${c.end_char})`], ["text", c.span_text], ["rule", c.rule], ["origin", c.origin],
      ["run", c.run_id ? `${c.run_id}${run ? ` · v${run.version} · ${run.model} · ${run.started_at}` : ""}` : "—"],
      ["claim id", c.claim_id], ["sources", (c.sources || []).join(", ") || "—"],
    ];
    for (const p of c.parts || []) prov.push([p.role + " span", `[${p.start}, ${p.end})`]);
    if (c.flags && c.flags.length) prov.push(["flags", c.flags.join(", ")]);
    if (c.reviewed) prov.push(["last decision", `${c.status} by ${c.reviewer} at ${c.reviewed_at}` +
      (c.pending_write ? " (in the journal: written when the database is free)" : "")]);
    d.append(el("h4", { text: "Provenance" }), kvTable(prov));
    const linked = (c.linked || []).map((id) => S.data.claims.find((o) => o.claim_id === id)).filter(Boolean);
    if (linked.length) {
      const ul = el("ul", {});
      for (const o of linked) ul.append(el("li", {}, el("a", { href: "#", onclick: (e) => { e.preventDefault(); select(o); } },
        `${o.claim_type}: ${label(o)}`)));
      d.append(el("h4", { text: "Linked claims" }), ul);
    }
  }

  // the value the orphaned decision recorded (a correction also shows the value it replaced)
  function orphanValue(o) {
    const now = label(o) || JSON.stringify(o.value);
    if (o.decision !== "corrected" || !o.old_value) return now;
    return `${label({ claim_type: o.claim_type, value: o.old_value }) || JSON.stringify(o.old_value)} → ${now}`;
  }

  function renderOrphans() {
    const box = clear($("orphans"));
    const os = S.data.orphaned || [];
    if (!os.length) return;
    const ul = el("ul", {});
    for (const o of os) {
      ul.append(el("li", {}, el("span", { class: "badge t-" + o.claim_type, text: o.claim_type }), " ",
        `“${short(o.span_text || "", 80)}” [${o.start_char}, ${o.end_char}) — ${o.decision} by ${o.reviewer} at ${o.created_at}` +
        ` (${o.decisions} decision${o.decisions > 1 ? "s" : ""}); the current extraction no longer has this claim`,
        el("div", { class: "muted orph-value" }, "value: " + orphanValue(o))));
    }
    box.append(el("h3", { text: `Orphaned decisions (${os.length})` }),
      el("p", { class: "muted", text: "Kept, never deleted: SELECT * FROM reviews_orphaned." }), ul);
  }

  // ---------------------------------------------------------------------------------------------- forms
  function editForm(ctype, value, purpose) {
    const f = el("form", { class: "edit", id: purpose + "-form", autocomplete: "off" });
    for (const [name, kind, opt] of FORM[ctype]) {
      const id = `${purpose}-${name}`;
      let input;
      if (kind === "select") {
        input = el("select", { id, name });
        for (const o of opt) input.append(el("option", { value: o, text: o || "—" }));
        input.value = value[name] === null || value[name] === undefined ? opt[0] : value[name];
      } else if (kind === "bool") {
        input = el("input", { id, name, type: "checkbox" });
        input.checked = !!value[name] || (name === "total" && value[name] === undefined);
      } else {
        input = el("input", { id, name, type: "text", inputmode: kind === "int" || kind === "num" ? "decimal" : null,
          placeholder: typeof opt === "string" ? opt : (kind === "count" ? "12, twelve, a dozen" : null) });
        input.addEventListener("input", () => { input.removeAttribute("aria-invalid"); });
        input.value = value[name] === null || value[name] === undefined ? "" : String(value[name]);
      }
      input.dataset.kind = kind;
      f.append(el("label", { for: id, text: name }), input);
    }
    if (ctype === "place" || ctype === "event") gazetteerPicker(f, purpose, ctype === "place" ? "name" : "place_name");
    if (ctype === "attribution") {
      f.append(el("button", { type: "button", class: "full", text: "Use selected text as the source (name and span)",
        onclick: () => {
          const s = S.selection || currentSelection();
          if (!s) return toast("select the source in the text first", true);
          f.elements.source.value = s.text; f.elements.source_start.value = s.start; f.elements.source_end.value = s.end;
        } }));
    }
    f.append(el("div", { class: "err full", id: purpose + "-err" }));
    f.append(el("div", { class: "actions full" },
      el("button", { type: "submit", class: "primary", id: purpose + "-save", text: purpose === "add" ? "Add claim" : "Save correction" }),
      el("button", { type: "button", text: "Cancel (Esc)", onclick: cancel })));
    f.addEventListener("submit", (ev) => { ev.preventDefault(); purpose === "add" ? submitAdd(f) : submitCorrect(f); });
    setTimeout(() => { const first = f.querySelector("input, select"); if (first) first.focus(); }, 0);
    return f;
  }
  function formValue(f) {
    const v = {};
    for (const input of f.querySelectorAll("input, select")) {
      const k = input.dataset.kind;
      if (!k) continue;
      const raw = input.value.trim();
      if (k === "bool") v[input.name] = input.checked;
      else if (raw === "") v[input.name] = null;
      // a number as a number; anything else as typed ("nine", "a dozen"): the server parses number words or
      // says what is wrong (never a silent NaN -> null)
      else if (k === "int" || k === "num" || k === "count") v[input.name] = /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
      else v[input.name] = raw;
    }
    return v;
  }
  // Gazetteer picker: search a name (Enter or the button), ArrowDown into the list, Enter or a click picks; a
  // pick fills the place fields (name, GeoNames id, country, admin1, lat, lon, feature; an event: its place
  // name and country).
  const PICK = { name: ["name", "geonameid", "country", "admin1", "lat", "lon", "feature"], place_name: ["country"] };
  function gazetteerPicker(f, purpose, nameField) {
    const box = el("input", { type: "search", id: purpose + "-gz", placeholder: "search the gazetteer by name",
      "aria-label": "gazetteer search" });
    box.value = f.elements[nameField] ? f.elements[nameField].value : "";
    const list = el("ul", { class: "cands full", id: purpose + "-cands", role: "listbox" });
    const go = () => findCandidates(f, list, box.value || (f.elements[nameField] || {}).value || "", nameField);
    box.addEventListener("keydown", (e) => {
      if (e.key === "Enter") { e.preventDefault(); go(); }
      else if (e.key === "ArrowDown") { e.preventDefault(); const b = list.querySelector("button"); if (b) b.focus(); }
    });
    list.addEventListener("keydown", (e) => {
      if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
      e.preventDefault();
      const li = document.activeElement && document.activeElement.closest("li");
      const to = li && (e.key === "ArrowDown" ? li.nextElementSibling : li.previousElementSibling);
      if (to && to.querySelector("button")) to.querySelector("button").focus(); else if (!to && e.key === "ArrowUp") box.focus();
    });
    f.append(el("label", { for: box.id, text: "gazetteer" }), box,
      el("button", { type: "button", class: "full", id: purpose + "-find", text: "Find in the gazetteer (Enter)", onclick: go }), list);
  }
  function pickCandidate(f, cand, nameField) {
    const put = (k, val) => { if (f.elements[k]) { f.elements[k].value = val === null || val === undefined ? "" : String(val); f.elements[k].removeAttribute("aria-invalid"); } };
    put(nameField, cand.name);
    for (const k of PICK[nameField]) if (k !== "name") put(k, cand[k]);
    toast(`picked ${cand.name} (#${cand.geonameid})`);
  }
  async function findCandidates(f, list, name, nameField) {
    clear(list);
    let r;
    try { r = await getJSON("/api/candidates?name=" + encodeURIComponent(name)); } catch (e) { return toast(e.message, true); }
    if (!r.candidates.length) list.append(el("li", { class: "muted", text: r.error || "no candidate" }));
    for (const cand of r.candidates) {
      const text = `${cand.name} · ${cand.country || "?"}${cand.admin1 ? " / " + cand.admin1 : ""} · ${cand.feature || ""} · #${cand.geonameid}` +
        (cand.population ? ` · pop ${cand.population}` : "") + ` (${r.source})`;
      list.append(el("li", { role: "option" }, el("button", { type: "button", class: "cand", text,
        onclick: () => { pickCandidate(f, cand, nameField); const save = f.querySelector("button[type=submit]"); if (save) save.focus(); } })));
    }
  }

  function openCorrect() {
    if (!S.sel) return;
    S.mode = "correct";
    renderDetail();
  }
  function cancel() {
    S.mode = null;
    $("add-panel").hidden = true;
    renderDetail();
  }

  function afterStore(r, verb) {
    if (r.stored === "journal") toast(`${verb}: saved to the journal (the database is busy); it is written when free`);
    else toast(verb);
  }

  async function decide(decision) {
    const c = S.sel;
    if (!c) return;
    const i = S.list.findIndex((o) => o.claim_id === c.claim_id);
    const next = S.list[i + 1] || null;
    let r;
    try { r = await post("/api/review", { claim_id: c.claim_id, decision }); } catch (e) { return toast(e.message, true); }
    S.undo.push({ claim_id: c.claim_id, sha: S.sha });
    afterStore(r, decision);
    await refresh(next ? next.claim_id : c.claim_id);
  }
  async function submitCorrect(f) {
    const c = S.sel;
    try {
      const r = await post("/api/review", { claim_id: c.claim_id, decision: "corrected", value: formValue(f) });
      afterStore(r, "corrected");
      S.undo.push({ claim_id: c.claim_id, sha: S.sha });
    } catch (e) { return formError(f, "correct", e.message); }
    S.mode = null;
    await refresh(c.claim_id);
  }
  async function refresh(claimId) {
    await openArticle(S.sha, claimId);
    loadQueue(false);
  }

  // Undo: the last decision taken on this page (else the selected claim's last decision) is taken back by a
  // new decision that restores the state before it (decisions stay append-only; see /api/undo).
  function undoTarget() {
    if (S.undo.length) return S.undo[S.undo.length - 1];
    if (S.sel && S.sel.reviewed) return { claim_id: S.sel.claim_id, sha: S.sha };
    return null;
  }
  async function undo() {
    const t = undoTarget();
    if (!t) return toast("nothing to undo", true);
    let r;
    try { r = await post("/api/undo", { claim_id: t.claim_id }); } catch (e) {
      if (S.undo.length && S.undo[S.undo.length - 1] === t && e.status === 422) S.undo.pop();
      return toast("undo: " + e.message, true);
    }
    if (S.undo.length && S.undo[S.undo.length - 1] === t) S.undo.pop();
    afterStore(r, `undone: back to ${r.review.decision === "pending" ? "unreviewed" : r.review.decision}`);
    if (t.sha !== S.sha) await openArticle(t.sha, t.claim_id); else await openArticle(S.sha, t.claim_id);
    loadQueue(false);
    focusSel(false);
  }

  // ---------------------------------------------------------------------------------------------- add from selection
  function cpLen(s) { return Array.from(s).length; }
  function cpOffset(node, off) {
    const box = $("text");
    if (node.nodeType === Node.TEXT_NODE) {
      const seg = node.parentElement && node.parentElement.closest(".seg");
      if (!seg || !box.contains(seg)) return null;
      return Number(seg.dataset.s) + cpLen(node.data.slice(0, off));
    }
    if (node === box) {
      const child = box.childNodes[off];
      return child ? Number(child.dataset.s) : cpLen(S.data.article.text);
    }
    const seg = node.closest && node.closest(".seg");
    if (!seg || !box.contains(seg)) return null;
    return Number(seg.dataset.s) + (off > 0 ? cpLen(seg.textContent) : 0);
  }
  function currentSelection() {
    const sel = window.getSelection();
    if (!S.data || !sel || sel.isCollapsed || !sel.rangeCount) return null;
    const r = sel.getRangeAt(0);
    if (!$("text").contains(r.commonAncestorContainer)) return null;
    let s = cpOffset(r.startContainer, r.startOffset), e = cpOffset(r.endContainer, r.endOffset);
    if (s === null || e === null) return null;
    const cps = Array.from(S.data.article.text);
    while (s < e && /\s/.test(cps[s])) s++;
    while (e > s && /\s/.test(cps[e - 1])) e--;
    if (s >= e) return null;
    return { start: s, end: e, text: cps.slice(s, e).join("") };
  }
  function onTextMouseUp() {
    const s = currentSelection();
    if (!s) return;
    S.selection = s;
    if (S.mode === "correct") return; // used by "use selected text as the source"
    showAdd(s);
  }
  function guess(ctype, text) {
    const num = (text.match(/\d[\d,]*/) || [null])[0];
    if (ctype === "casualty") return { kind: "killed", count: num ? Number(num.replace(/,/g, "")) : null, total: true };
    if (ctype === "place") return { name: text };
    if (ctype === "attribution") return { kind: "statement" };
    if (ctype === "date") return { granularity: "day" };
    return { type: "attack" };
  }
  function showAdd(s, ctype) {
    const p = clear($("add-panel"));
    p.hidden = false;
    S.mode = "add";
    ctype = ctype || "casualty";
    const typeSel = el("select", { id: "add-type" });
    for (const t of TYPES) typeSel.append(el("option", { value: t, text: t }));
    typeSel.value = ctype;
    typeSel.addEventListener("change", () => showAdd(s, typeSel.value));
    p.append(el("h3", { text: "Add a claim the pipeline missed" }),
      el("div", {}, el("span", { class: "muted", text: `[${s.start}, ${s.end}) ` }), el("q", { text: short(s.text, 200) })),
      el("label", {}, "type ", typeSel), editForm(ctype, guess(ctype, s.text), "add"));
  }
  async function submitAdd(f) {
    const s = S.selection;
    try {
      const r = await post("/api/add", { article_sha256: S.sha, claim_type: $("add-type").value, start: s.start, end: s.end, value: formValue(f) });
      afterStore(r, "added");
      S.undo.push({ claim_id: r.review.claim_id, sha: S.sha });
      $("add-panel").hidden = true;
      S.mode = null;
      window.getSelection().removeAllRanges();
      await refresh(r.review.claim_id);
    } catch (e) { formError(f, "add", e.message); }
  }
  function formError(f, purpose, msg) {
    $(purpose + "-err").textContent = msg;
    const m = /^(\w+):/.exec(msg);
    const input = m && f.elements[m[1]];
    if (input && input.dataset) { input.setAttribute("aria-invalid", "true"); input.focus(); }
  }

  // ---------------------------------------------------------------------------------------------- focus
  // The selected claim's highlight: scrolled to the middle of the text and given keyboard focus (a link with
  // #claim=..., a search result, an undo). `j`/`k` and the keys keep working while it has focus.
  function focusSel(center) {
    const hl = $("text").querySelector(".seg.sel");
    if (!hl) return false;
    hl.tabIndex = -1;
    hl.scrollIntoView({ block: center === false ? "nearest" : "center" });
    hl.focus({ preventScroll: true });
    return true;
  }
  async function openLink() {
    const h = readHash();
    let sha = h.sha;
    if (!sha && h.claim) {
      try { sha = (await getJSON("/api/claim?id=" + encodeURIComponent(h.claim))).article_sha256; } catch (e) { toast(e.message, true); }
    }
    if (!sha) return;
    await openArticle(sha, h.claim);
    if (h.claim && S.sel && S.sel.claim_id === h.claim) focusSel(true);
    else if (h.claim) toast("the claim in the link is not in this article any more", true);
  }
  function onHashChange() {
    const h = readHash();
    if (h.sha === S.sha && (!h.claim || (S.sel && h.claim === S.sel.claim_id))) return; // our own writeHash
    openLink();
  }

  // ---------------------------------------------------------------------------------------------- search
  // `/` focuses the box; results come as you type (articles by title/text, claims by span text or value);
  // ArrowDown/ArrowUp choose, Enter opens the article or the claim, Esc closes.
  function onSearchInput() {
    clearTimeout(S.searchTimer);
    S.searchTimer = setTimeout(runSearch, 200);
  }
  async function runSearch() {
    clearTimeout(S.searchTimer);
    S.searchTimer = null;
    const q = $("search").value.trim();
    const seq = ++S.searchSeq;
    if (q.length < 2) { clearResults(); return; }
    let r;
    try { r = await getJSON("/api/search?q=" + encodeURIComponent(q)); } catch (e) { return toast(e.message, true); }
    if (seq !== S.searchSeq) return; // a newer search is on its way
    S.results = r.articles.map((a) => ({ kind: "article", sha: a.sha256, a }))
      .concat(r.claims.map((c) => ({ kind: "claim", sha: c.article_sha256, claim_id: c.claim_id, c })));
    S.active = S.results.length ? 0 : -1;
    renderResults(q);
  }
  function clearResults() {
    S.results = []; S.active = -1;
    clear($("results")).hidden = true;
  }
  function resultItem(res, i) {
    const li = el("li", { id: "res-" + i, role: "option", class: i === S.active ? "active" : "",
      data: { kind: res.kind, sha: res.sha, claim: res.claim_id || "" }, onmousedown: (e) => { e.preventDefault(); openResult(i); } });
    if (res.kind === "article") {
      const a = res.a;
      li.append(el("div", {}, el("span", { class: "badge", text: "article" }), " ", short(a.title || a.id, 60)),
        el("div", { class: "snip" }, a.before, el("mark", { text: a.match }), a.after));
    } else {
      const c = res.c;
      li.append(el("div", {}, el("span", { class: "badge t-" + c.claim_type, text: c.claim_type }), " ",
        el("span", { class: "st st-" + c.status, text: c.status }), " ", short(c.span_text, 70)),
        el("div", { class: "snip muted", text: `${short(c.title || c.article_id, 40)} · ${label(c)}` }));
    }
    return li;
  }
  function renderResults(q) {
    const ol = clear($("results"));
    ol.hidden = false;
    if (!S.results.length) { ol.append(el("li", { class: "muted", text: `nothing found for “${q}”` })); return; }
    S.results.forEach((res, i) => ol.append(resultItem(res, i)));
    $("search").setAttribute("aria-activedescendant", S.active >= 0 ? "res-" + S.active : "");
  }
  function moveResult(step) {
    if (!S.results.length) return;
    S.active = Math.max(0, Math.min(S.results.length - 1, S.active + step));
    for (const li of $("results").children) li.classList.toggle("active", li.id === "res-" + S.active);
    const cur = $("res-" + S.active);
    if (cur) cur.scrollIntoView({ block: "nearest" });
    $("search").setAttribute("aria-activedescendant", "res-" + S.active);
  }
  async function openResult(i) {
    const res = S.results[i];
    if (!res) return;
    clearResults();
    $("search").blur();
    await openArticle(res.sha, res.claim_id);
    if (res.claim_id) focusSel(true); else $("text").focus();
  }
  async function onSearchKey(ev) {
    if (ev.key === "ArrowDown") { ev.preventDefault(); moveResult(1); }
    else if (ev.key === "ArrowUp") { ev.preventDefault(); moveResult(-1); }
    else if (ev.key === "Enter") {
      ev.preventDefault();
      if (S.searchTimer || !S.results.length) await runSearch();  // typed text not searched yet
      if (S.results.length) openResult(Math.max(0, S.active));
    }
  }

  // ---------------------------------------------------------------------------------------------- event card
  // The selected event's sentence with what is linked to it marked (trigger, date, places, figures, sources),
  // and each linked claim listed (a click selects it).
  function eventLinks(c) {
    const claims = S.data.claims;
    const linked = (c.linked || []).map((id) => claims.find((o) => o.claim_id === id)).filter(Boolean);
    const attrIds = new Set(c.linked_attributions || []);
    const sources = claims.filter((o) => o.claim_type === "attribution" &&
      (attrIds.has(o.attribution_id) || (c.event_id && (o.event_ids || []).includes(c.event_id))));
    return { places: linked.filter((o) => o.claim_type === "place"),
      figures: linked.filter((o) => o.claim_type === "casualty"), sources };
  }
  function sentenceMarks(c, L) {
    const marks = [{ s: c.start_char, e: c.end_char, role: "event" }];
    for (const p of c.parts || []) if (p.role === "date") marks.push({ s: p.start, e: p.end, role: "date" });
    for (const o of L.places) marks.push({ s: o.start_char, e: o.end_char, role: "place" });
    for (const o of L.figures) marks.push({ s: o.start_char, e: o.end_char, role: "casualty" });
    for (const o of L.sources) {
      const src = (o.parts || []).find((p) => p.role === "source");
      if (src) marks.push({ s: src.start, e: src.end, role: "source" });
    }
    return marks;
  }
  function sentenceNode(c, L) {
    const cps = Array.from(S.data.article.text);
    const [s0, e0] = c.sentence || [c.start_char, c.end_char];
    const marks = sentenceMarks(c, L).filter((m) => m.s !== null && m.s < e0 && m.e > s0);
    const bs = Array.from(new Set([s0, e0].concat(...marks.map((m) => [Math.max(m.s, s0), Math.min(m.e, e0)])))).sort((x, y) => x - y);
    const q = el("blockquote", { class: "sentence" });
    for (let i = 0; i + 1 < bs.length; i++) {
      const roles = marks.filter((m) => m.s <= bs[i] && m.e >= bs[i + 1]).map((m) => "m-" + m.role);
      const txt = cps.slice(bs[i], bs[i + 1]).join("");
      q.append(roles.length ? el("mark", { class: roles.join(" "), text: txt }) : document.createTextNode(txt));
    }
    return q;
  }
  function linkList(items, fmtItem) {
    if (!items.length) return el("span", { class: "muted", text: "—" });
    const ul = el("ul", { class: "links" });
    for (const o of items) ul.append(el("li", {}, el("a", { href: "#", onclick: (e) => { e.preventDefault(); select(o); } }, fmtItem(o)),
      " ", el("span", { class: "st st-" + o.status, text: o.status })));
    return ul;
  }
  function eventCard(c) {
    const L = eventLinks(c), v = c.value || {};
    const date = v.date_start ? `${v.date_start}${v.date_end && v.date_end !== v.date_start ? " .. " + v.date_end : ""}` +
      (v.date_granularity ? ` (${v.date_granularity})` : "") : "undated";
    const dpart = (c.parts || []).find((p) => p.role === "date");
    const dtext = dpart ? Array.from(S.data.article.text).slice(dpart.start, dpart.end).join("") : null;
    const t = el("table", { class: "kv" },
      el("tr", {}, el("td", { text: "date" }), el("td", {}, date, dtext ? el("span", { class: "muted", text: ` “${dtext}”` }) : null)),
      el("tr", {}, el("td", { text: "places" }), el("td", {}, linkList(L.places, (o) => label(o)))),
      el("tr", {}, el("td", { text: "figures" }), el("td", {}, linkList(L.figures, (o) => label(o)))),
      el("tr", {}, el("td", { text: "sources" }), el("td", {}, linkList(L.sources, (o) =>
        `${(o.value || {}).source || "(author)"} · ${(o.value || {}).kind || "?"}${(o.value || {}).hedged ? " · hedged" : ""}`))));
    return el("section", { id: "event-card", class: "card", "aria-label": "event sentence card" },
      el("h4", { text: `Sentence · ${v.type || "event"}` }), sentenceNode(c, L), t);
  }

  // ---------------------------------------------------------------------------------------------- keyboard
  function move(step) {
    if (!S.list.length) return;
    const i = S.sel ? S.list.findIndex((c) => c.claim_id === S.sel.claim_id) : -1;
    const j = i < 0 ? 0 : Math.min(S.list.length - 1, Math.max(0, i + step));
    select(S.list[j]);
  }
  function moveArticle(step) {
    const i = S.articles.findIndex((a) => a.sha256 === S.sha);
    const a = S.articles[i + step];
    if (a) openArticle(a.sha256);
  }
  function onKey(ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const t = ev.target;
    const typing = t && (t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA" || t.isContentEditable);
    if (ev.key === "Escape") { cancel(); if (t === $("search")) clearResults(); if (typing) t.blur(); return; }
    if (typing) return;
    const k = ev.key;
    if (k === "j") move(1);
    else if (k === "k") move(-1);
    else if (k === "J") moveArticle(1);
    else if (k === "K") moveArticle(-1);
    else if (k === "a") decide("accepted");
    else if (k === "r") decide("rejected");
    else if (k === "c") openCorrect();
    else if (k === "u") undo();
    else if (k === "/") { $("search").focus(); $("search").select(); }
    else if (k === "n") { const s = currentSelection() || S.selection; if (s) { S.selection = s; showAdd(s); } else toast("select some text first", true); }
    else return;
    ev.preventDefault();
  }

  // ---------------------------------------------------------------------------------------------- status
  async function poll() {
    try {
      const st = await getJSON("/api/status");
      const s = $("status");
      s.textContent = st.journal ? `${st.journal} decision(s) waiting in the journal (database busy)` : "all decisions stored";
      s.className = st.journal ? "warn" : "muted";
      if (S.journal && !st.journal && S.sha) { banner(null); await refresh(S.sel && S.sel.claim_id); }
      S.journal = st.journal;
      if (!S.data) await loadQueue(false);
    } catch (e) { /* server gone: keep the page */ }
  }

  async function init() {
    const h = readHash();
    try { useSchema(await getJSON("/api/schema")); } catch (e) { /* keep the built-in lists */ }
    renderFilters([]);
    $("search").addEventListener("input", onSearchInput);
    $("search").addEventListener("keydown", onSearchKey);
    $("search").addEventListener("blur", () => setTimeout(() => { if (document.activeElement !== $("search")) clearResults(); }, 150));
    window.addEventListener("hashchange", onHashChange);
    for (const id of ["f-type", "f-status", "f-source", "f-confidence"]) $(id).addEventListener("change", onFilter);
    $("text").addEventListener("click", onTextClick);
    $("text").addEventListener("mouseup", onTextMouseUp);
    document.addEventListener("keydown", onKey);
    S.sha = h.sha;
    await loadQueue(false);
    if (h.sha || h.claim) await openLink();  // a link to an article or claim opens it, even when filtered out
    document.body.dataset.ready = "1";
    poll();
    setInterval(poll, 3000);
  }
  init();
})();
