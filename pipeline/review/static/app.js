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
  const FORM = {
    casualty: [["kind", "select", CAS_KINDS], ["count", "int"], ["low", "int"], ["high", "int"], ["qualifier", "text"],
               ["group", "text"], ["total", "bool"]],
    date: [["start", "text", "YYYY-MM-DD"], ["end", "text", "YYYY-MM-DD"], ["granularity", "select", GRANS], ["relative", "bool"]],
    place: [["name", "text"], ["geonameid", "int"], ["country", "text", "ISO-2"], ["admin1", "text"], ["lat", "num"],
            ["lon", "num"], ["feature", "text"], ["relation", "text"]],
    attribution: [["kind", "select", ATTR_KINDS], ["source", "text", "empty = author's own voice"], ["source_start", "int"],
                  ["source_end", "int"], ["hedged", "bool"]],
    event: [["type", "text"], ["date_start", "text", "YYYY-MM-DD"], ["date_end", "text", "YYYY-MM-DD"],
            ["date_granularity", "select", [""].concat(GRANS)], ["place_name", "text"], ["country", "text"],
            ["killed", "int"], ["injured", "int"]],
  };
  const TOKEN = document.querySelector('meta[name="csrf-token"]').getAttribute("content");
  const $ = (id) => document.getElementById(id);

  const S = {
    filters: { type: "", status: "pending", source: "", confidence: "" },
    articles: [], sha: null, data: null, list: [], sel: null, mode: null, selection: null, journal: 0,
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
      el("button", { id: "btn-correct", onclick: () => openCorrect(), text: "Correct (c)" })));
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
          placeholder: typeof opt === "string" ? opt : null });
        input.value = value[name] === null || value[name] === undefined ? "" : String(value[name]);
      }
      input.dataset.kind = kind;
      f.append(el("label", { for: id, text: name }), input);
    }
    if (ctype === "place") {
      const list = el("ul", { class: "cands full", id: purpose + "-cands" });
      const btn = el("button", { type: "button", class: "full", id: purpose + "-find", text: "Gazetteer candidates for the name",
        onclick: () => findCandidates(f, list) });
      f.append(btn, list);
    }
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
      if (k === "bool") v[input.name] = input.checked;
      else if (k === "int" || k === "num") v[input.name] = input.value.trim() === "" ? null : Number(input.value.trim());
      else v[input.name] = input.value.trim() === "" ? null : input.value.trim();
    }
    return v;
  }
  async function findCandidates(f, list) {
    clear(list);
    let r;
    try { r = await getJSON("/api/candidates?name=" + encodeURIComponent(f.elements.name.value)); } catch (e) { return toast(e.message, true); }
    if (!r.candidates.length) list.append(el("li", { class: "muted", text: r.error || "no candidate" }));
    for (const cand of r.candidates) {
      list.append(el("li", { onclick: () => {
        for (const k of ["name", "geonameid", "country", "admin1", "lat", "lon", "feature"]) {
          if (f.elements[k]) f.elements[k].value = cand[k] === null || cand[k] === undefined ? "" : String(cand[k]);
        }
      } }, `${cand.name} · ${cand.country || "?"}${cand.admin1 ? " / " + cand.admin1 : ""} · ${cand.feature || ""} · #${cand.geonameid}` +
        (cand.population ? ` · pop ${cand.population}` : "") + ` (${r.source})`));
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
    afterStore(r, decision);
    await refresh(next ? next.claim_id : c.claim_id);
  }
  async function submitCorrect(f) {
    const c = S.sel;
    try {
      const r = await post("/api/review", { claim_id: c.claim_id, decision: "corrected", value: formValue(f) });
      afterStore(r, "corrected");
    } catch (e) { $("correct-err").textContent = e.message; return; }
    S.mode = null;
    await refresh(c.claim_id);
  }
  async function refresh(claimId) {
    await openArticle(S.sha, claimId);
    loadQueue(false);
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
      $("add-panel").hidden = true;
      S.mode = null;
      window.getSelection().removeAllRanges();
      await refresh(r.review.claim_id);
    } catch (e) { $("add-err").textContent = e.message; }
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
    if (ev.key === "Escape") { cancel(); if (typing) t.blur(); return; }
    if (typing) return;
    const k = ev.key;
    if (k === "j") move(1);
    else if (k === "k") move(-1);
    else if (k === "J") moveArticle(1);
    else if (k === "K") moveArticle(-1);
    else if (k === "a") decide("accepted");
    else if (k === "r") decide("rejected");
    else if (k === "c") openCorrect();
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
    renderFilters([]);
    for (const id of ["f-type", "f-status", "f-source", "f-confidence"]) $(id).addEventListener("change", onFilter);
    $("text").addEventListener("click", onTextClick);
    $("text").addEventListener("mouseup", onTextMouseUp);
    document.addEventListener("keydown", onKey);
    S.sha = h.sha;
    await loadQueue(false);
    if (h.sha && h.sha === S.sha) await openArticle(h.sha, h.claim);
    document.body.dataset.ready = "1";
    poll();
    setInterval(poll, 3000);
  }
  init();
})();
