// rollcoach guided session player: one session clock drives the segments of a session: a get-ready
// (only when step 1 has no set-up pause), then per step its set-up pause (setup_seconds) and its
// clock, then the guided stretches, one side each.
// State for tests: body[data-state] start|ready|running|paused|pain|done|stopped|saved|queued,
// body[data-segment] ready|setup|step|stretch, body[data-step] = current step order,
// body[data-stretch] = current stretch index, body[data-phase] = current cue phase, body[data-chimes].
const PENDING_PREFIX = "rollcoach-pending-sessions";
const PREFS = "rollcoach-player-prefs";
const READY = 5; // seconds of session time before step 1
const SIDES = { left: "Left side", right: "Right side", both: "Both sides" };
const PHASES = { "set-up": "Set up", passes: "Slow passes", "find-spot": "Find a spot", hold: "Hold",
  ease: "Ease off", "switch": "Switch sides", ready: "Get ready", stretch: "Stretch" };
const $ = (id) => document.getElementById(id);
const body = document.body;
const json = (id) => { try { return JSON.parse($(id).textContent); } catch { return null; } };
const fmt = (s) => { s = Math.max(0, Math.ceil(s)); return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`; };
const store = {
  get(k, d) { try { return JSON.parse(localStorage.getItem(k)) ?? d; } catch { return d; } },
  set(k, v) { try { localStorage.setItem(k, JSON.stringify(v)); return true; } catch { return false; } },
};

const plan = json("plan-data");
const cfg = Object.assign({ speed: 1, save_url: "/api/v1/sessions", csrf: "", owner: "" }, json("player-config"));
// One queue per athlete: sessions saved offline are only ever sent for the athlete who did them.
const PENDING = `${PENDING_PREFIX}:${cfg.owner}`;
const speed = Number(cfg.speed) > 0 ? Number(cfg.speed) : 1;
const steps = (plan && plan.steps) || [];
const stretches = (plan && plan.stretches) || [];
const UNDO = 5; // real seconds the Sharp pain undo stays on offer

// ---- saving (and the offline queue) -------------------------------------------------------
async function post(record) {
  return fetch(cfg.save_url, {
    method: "POST", credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-CSRF-Token": cfg.csrf },
    body: JSON.stringify(record),
  });
}
const kept = (status) => status >= 500 || status === 401 || status === 403 || status === 408 || status === 429;
function enqueue(record) {
  const list = store.get(PENDING, []);
  if (!list.some((r) => r.started_at === record.started_at)) list.push(record);
  return store.set(PENDING, list);
}
let flushing = false;
async function flush() {
  if (flushing || !navigator.onLine) return;
  flushing = true;
  try {
    for (const record of store.get(PENDING, [])) {
      let res;
      try { res = await post(record); } catch { break; }
      if (kept(res.status)) break;
      store.set(PENDING, store.get(PENDING, []).filter((r) => r.started_at !== record.started_at));
      if (res.ok && current && current.started_at === record.started_at) saved();
    }
  } finally { flushing = false; }
}
addEventListener("online", flush);
if ("serviceWorker" in navigator) navigator.serviceWorker.register("/sw.js").catch(() => {});
let current = null; // the record being saved from this page
let saved = () => {}; // set by init(): show that `current` reached the server

const player = $("player");
if (player && steps.length) init();
flush();

function init() {
  body.classList.add("js");
  player.hidden = false;
  $("start-bar").hidden = false;

  // ---- preferences, chime and speech: spoken cues on unless turned off (remembered), chime always ----
  const prefs = Object.assign({ speech: true }, store.get(PREFS, {}));
  const canSpeak = "speechSynthesis" in window && "SpeechSynthesisUtterance" in window;
  const optSpeech = $("opt-speech");
  optSpeech.checked = canSpeak && prefs.speech !== false;
  if (!canSpeak) $("opt-speech-label").hidden = true;
  let audio = null;
  const audioOn = () => {
    if (audio) { if (audio.state === "suspended") audio.resume().catch(() => {}); return; }
    const AC = window.AudioContext || window.webkitAudioContext;
    if (AC) try { audio = new AC(); } catch { audio = null; }
  };
  optSpeech.addEventListener("change", () => {
    prefs.speech = optSpeech.checked; store.set(PREFS, prefs);
    if (!prefs.speech && canSpeak) speechSynthesis.cancel();
  });
  let chimes = 0;
  function chime(kind) {
    body.dataset.chimes = ++chimes;
    if (!audio) return;
    const notes = kind === "step" ? [660, 880] : kind === "end" ? [784, 523] : [587, 698];
    const t = audio.currentTime + 0.01;
    notes.forEach((f, i) => {
      const o = audio.createOscillator(), g = audio.createGain(), s = t + i * 0.17;
      o.type = "sine"; o.frequency.value = f;
      g.gain.setValueAtTime(0.0001, s);
      g.gain.exponentialRampToValueAtTime(kind === "cue" ? 0.15 : 0.25, s + 0.02);
      g.gain.exponentialRampToValueAtTime(0.0001, s + 0.4);
      o.connect(g).connect(audio.destination);
      o.start(s); o.stop(s + 0.45);
    });
  }
  function say(text) {
    if (!optSpeech.checked || !canSpeak || !text) return;
    speechSynthesis.cancel();
    const u = new SpeechSynthesisUtterance(text);
    u.rate = 0.95; u.lang = document.documentElement.lang || "en";
    speechSynthesis.speak(u);
  }

  // ---- wake lock ----
  let lock = null;
  async function awake(on) {
    try {
      if (on && !lock && "wakeLock" in navigator && document.visibilityState === "visible") {
        lock = await navigator.wakeLock.request("screen");
        lock.addEventListener("release", () => { lock = null; });
      } else if (!on && lock) { const l = lock; lock = null; await l.release(); }
    } catch { lock = null; }
  }
  document.addEventListener("visibilitychange", () => { if (document.visibilityState === "visible" && live()) awake(true); });

  // ---- the session clock: session seconds = real seconds x speed, still while paused ----
  let base = 0, since = null;
  const now = () => (since === null ? base : base + ((performance.now() - since) / 1000) * speed);
  const run = () => { if (since === null) since = performance.now(); };
  const halt = () => { base = now(); since = null; };

  // ---- the segments: get-ready (if step 1 has no set-up), set-up + step per step, stretches ----
  const segs = [];
  if (!(steps[0].setup_seconds > 0)) segs.push({ kind: "ready", len: READY, step: 0 });
  steps.forEach((st, i) => {
    if (st.setup_seconds > 0) segs.push({ kind: "setup", len: st.setup_seconds, step: i });
    segs.push({ kind: "step", len: st.seconds, step: i });
  });
  stretches.forEach((st, j) => segs.push({ kind: "stretch", len: st.seconds, stretch: j }));
  const following = (k) => { for (let n = k + 1; n < segs.length; n++) if (!segs[n].out) return n; return -1; };
  const preceding = (k) => { for (let n = k - 1; n >= 0; n--) if (!segs[n].out) return n; return k; };

  // ---- session state ----
  let at = 0; // the segment on show
  let segStart = 0; // session time the current segment began
  let cueAt = -1; // index of the timeline entry on show
  let rolled = 0; // session seconds spent in steps
  let startedAt = null, stopReason = null, stoppedAt = null, early = false;
  const outcome = new Map(); // order -> "done" | "skipped"
  let before = new Set(); // step orders already recorded by an earlier record (a carry-on after sharp pain)
  let leftOut = []; // orders of the steps left out after sharp pain
  let timer = null;
  const state = () => body.dataset.state;
  const live = () => ["ready", "running", "paused"].includes(state());
  const seg = () => segs[Math.min(at, segs.length - 1)];

  const map = $("player-map") || player;
  const groups = [...map.querySelectorAll(".bm-area")];
  const stage = $("stage"), ring = $("ring-bar"), ringSec = $("ring-seconds"), progress = $("progress");
  const bar = $("control-bar");

  function setState(s) {
    body.dataset.state = s;
    const on = ["ready", "running", "paused", "done", "pain"].includes(s);
    bar.hidden = !on;
    for (const id of ["back", "pause", "skip"]) $(id).disabled = !live();
    $("pain").disabled = s === "pain";
  }
  const sideOf = (s) => SIDES[s] || s;
  const areaWords = (a) => String(a).replace(/-/g, " ");
  const position = (p) => String(p || "").replace(/-/g, " ");
  function highlight(area, side) {
    for (const g of groups) {
      const gs = g.dataset.side || "center";
      g.classList.toggle("is-current", g.dataset.area === area && (side === "both" || gs === side || gs === "center"));
    }
  }
  function nextText(k) {
    const n = following(k);
    if (n < 0) return "Last one – nearly there";
    const s = segs[n];
    if (s.kind === "stretch") {
      const st = stretches[s.stretch];
      return `Next up: stretch – ${st.name || areaWords(st.area)}, ${sideOf(st.side).toLowerCase()}`;
    }
    const st = steps[s.step];
    return `Next up: ${st.name || st.area}, ${sideOf(st.side).toLowerCase()}`;
  }
  function showSeg(k) {
    const s = segs[k];
    body.dataset.segment = s.kind;
    stage.classList.toggle("is-ready", s.kind === "ready");
    stage.classList.toggle("is-setup", s.kind === "setup");
    stage.classList.toggle("is-stretch", s.kind === "stretch");
    $("ready-signs").hidden = s.kind !== "ready";
    $("setup").hidden = s.kind !== "setup";
    $("stretch-skip-wrap").hidden = s.kind !== "stretch";
    $("skip").textContent = s.kind === "setup" ? "Start now" : "Skip";
    if (s.kind === "stretch") {
      const st = stretches[s.stretch];
      body.dataset.stretch = s.stretch;
      delete body.dataset.step;
      $("step-count").textContent = `Stretch ${s.stretch + 1} of ${stretches.length}`;
      $("step-name").textContent = st.name || areaWords(st.area);
      $("step-side").textContent = sideOf(st.side);
      $("step-tool").textContent = `Stretch · ${st.seconds} s`;
      $("step-position").textContent = `Position: ${position(st.position)}`;
      $("step-position").hidden = !st.position;
      $("next-up").textContent = nextText(k);
      highlight(st.area, st.side);
      return;
    }
    const i = s.step, step = steps[i];
    body.dataset.step = step.order;
    delete body.dataset.stretch;
    $("step-count").textContent = s.kind === "ready" ? "Get ready"
      : s.kind === "setup" ? `Get into position for step ${i + 1} of ${steps.length}` : `Step ${i + 1} of ${steps.length}`;
    $("step-name").textContent = step.name || step.area;
    $("step-side").textContent = sideOf(step.side);
    $("step-tool").textContent = `${step.tool_name || step.tool} · ${step.pressure} pressure`;
    $("step-position").textContent = `Position: ${position(step.position)}`;
    $("step-position").hidden = s.kind === "step" || !step.position;
    if (s.kind === "setup") {
      $("setup-text").textContent = step.setup || `get into position (${position(step.position)})`;
      const pic = $("setup-picture");
      pic.dataset.area = step.area; pic.dataset.tool = step.tool; pic.dataset.position = step.position || "";
      showPicture(pic, step);
    }
    $("next-up").textContent = s.kind === "ready" ? `First: ${step.name || step.area}, ${sideOf(step.side).toLowerCase()}`
      : s.kind === "setup" ? "The step's clock starts after this countdown" : nextText(k);
    highlight(step.area, step.side);
  }
  // The picture of the next position (pictures/): its address and alt text come from the
  // server, which picks the variant drawn in this position; offline the slot stays empty.
  function showPicture(pic, step) {
    const key = `${step.area}.${step.tool}`;
    const query = new URLSearchParams({ position: step.position || "", side: step.side });
    if (pic.dataset.key === `${key}?${query}`) return;
    pic.dataset.key = `${key}?${query}`;
    pic.replaceChildren();
    fetch(`/pictures/technique/${key}.json?${query}`)
      .then((r) => (r.ok ? r.json() : null))
      .then((found) => {
        if (!found || pic.dataset.key !== `${key}?${query}`) return;
        const img = new Image();
        img.src = found.src; img.alt = found.alt; img.width = 300; img.height = 200;
        pic.replaceChildren(img);
      })
      .catch(() => {});
  }
  function timeline(step) {
    return step.timeline && step.timeline.length ? step.timeline
      : (step.cues || []).map((text, n) => ({ at: Math.round((n * step.seconds) / step.cues.length), phase: "passes", text }));
  }
  function showCue(k, into, fresh) {
    const s = segs[k];
    let phase, text, n = 0, title;
    if (s.kind === "stretch") {
      const st = stretches[s.stretch];
      phase = "stretch"; text = st.text;
      title = `Stretch ${s.stretch + 1} of ${stretches.length}: ${st.name || areaWords(st.area)}, ${sideOf(st.side)}. `;
    } else {
      const step = steps[s.step];
      if (s.kind === "ready") {
        const first = timeline(step)[0];
        phase = "ready"; text = step.setup || (first ? first.text : "");
        title = "Get ready. ";
      } else if (s.kind === "setup") {
        phase = "set-up"; text = step.setup || "";
        title = `Next: ${step.name || step.area}, ${sideOf(step.side)}. `;
      } else {
        const tl = timeline(step);
        n = -1;
        for (let m = 0; m < tl.length; m++) if (tl[m].at <= into) n = m;
        if (n < 0) { phase = "set-up"; text = ""; } else ({ phase, text } = tl[n]);
        title = `Step ${s.step + 1} of ${steps.length}: ${step.name || step.area}, ${sideOf(step.side)}. `;
      }
    }
    if (!fresh && n === cueAt) return false;
    cueAt = n;
    $("cue-step").textContent = fresh ? title : "";
    $("cue-phase").textContent = PHASES[phase] || phase;
    $("cue-phase").dataset.phase = phase;
    body.dataset.phase = phase;
    $("cue-text").textContent = text;
    say(fresh ? title + text : text);
    return true;
  }
  function leave() { // account for the segment being left
    const s = seg();
    if (s && s.kind === "step") rolled += Math.min(Math.max(now() - segStart, 0), s.len);
  }
  function enter(k, t) {
    leave();
    at = k; segStart = t; cueAt = -1;
    showSeg(k);
    showCue(k, 0, true);
    paint();
  }
  const counted = () => segs.filter((s) => s.kind !== "ready" && !s.out);
  function paint() {
    const s = seg(), into = Math.max(0, now() - segStart), len = s.len;
    ringSec.textContent = Math.ceil(Math.max(0, len - into));
    ring.setAttribute("stroke-dashoffset", (100 * Math.min(into, len)) / len);
    const all = counted(), total = all.reduce((a, x) => a + x.len, 0) || 1;
    const pos = s.kind === "ready" ? 0 : all.filter((x) => segs.indexOf(x) < at).reduce((a, x) => a + x.len, 0) + Math.min(into, len);
    progress.max = total;
    progress.value = pos;
    progress.textContent = `${Math.round((100 * pos) / total)}%`;
    $("time-left").textContent = `${fmt(total - pos)} left`;
  }
  function forward(t, mark) { // move on from the current segment at session time t
    const s = seg();
    if (s.kind === "step" && !outcome.has(steps[s.step].order)) outcome.set(steps[s.step].order, mark);
    const n = following(at);
    if (n < 0) { leave(); at = segs.length; return finish(false); }
    const was = state();
    enter(n, t);
    if (was !== "paused") setState(segs[n].kind === "ready" ? "ready" : "running");
    chime("step");
  }
  function tick() {
    if (state() !== "running" && state() !== "ready") return;
    let guard = segs.length + 2;
    while (live() && now() - segStart >= seg().len && guard--) forward(segStart + seg().len, "done");
    if (!live()) return;
    if (seg().kind === "step" && showCue(at, now() - segStart, false)) chime("cue");
    paint();
  }

  function start() {
    audioOn();
    if (canSpeak) speechSynthesis.cancel();
    startedAt = new Date().toISOString();
    $("overview").hidden = true;
    stage.append($("options")); // the spoken-cue toggle stays at hand during the session
    stage.hidden = false;
    base = 0; since = null; run();
    at = 0;
    enter(0, 0);
    setState(segs[0].kind === "ready" ? "ready" : "running");
    chime("step"); // the session begins: the chime always sounds, spoken cues or not
    timer = setInterval(tick, 100);
    awake(true);
    stage.focus({ preventScroll: true });
    scrollTo(0, 0);
  }
  function pause(on) {
    if (!live()) return;
    if (on === undefined) on = state() !== "paused";
    if (on && state() !== "paused") {
      halt(); setState("paused");
      if (canSpeak) speechSynthesis.cancel();
    } else if (!on && state() === "paused") {
      run(); setState(seg().kind === "ready" ? "ready" : "running");
    }
    $("pause").textContent = state() === "paused" ? "Resume" : "Pause";
    $("paused-badge").hidden = state() !== "paused";
  }
  function skip() {
    if (!live()) return;
    forward(now(), "skipped");
  }
  function skipStretches() {
    if (!live()) return;
    leave(); at = segs.length;
    finish(false);
  }
  function back() {
    if (!live()) return;
    const was = state();
    enter(preceding(at), now());
    if (was !== "paused") { setState(seg().kind === "ready" ? "ready" : "running"); chime("step"); }
  }
  function end() {
    clearInterval(timer); timer = null;
    halt(); awake(false);
    if (canSpeak) speechSynthesis.cancel();
    stage.hidden = true;
  }
  function stepOrderAt() {
    const s = segs[Math.min(at, segs.length - 1)];
    return s && s.kind !== "stretch" ? steps[s.step].order : null;
  }
  function finish(quit) {
    if (quit) { stoppedAt = stepOrderAt(); leave(); at = segs.length; early = true; stopReason = "quit"; }
    body.dataset.outcome = quit ? "quit" : "complete";
    end();
    const done = [...outcome.values()].filter((v) => v === "done").length;
    $("sum-done").textContent = `${done} of ${steps.length}`;
    $("sum-skipped").textContent = [...outcome.values()].filter((v) => v === "skipped").length + leftOut.length;
    $("sum-time").textContent = fmt(rolled);
    $("summary-title").textContent = quit ? "Session ended early" : "Session complete";
    $("feedback-form").after($("save-box"));
    $("summary").hidden = false;
    setState("done");
    if (!quit) chime("end");
    $("summary").focus();
  }

  // ---- sharp pain: stop at once, undo for 5 seconds, then leave the area out or end ----
  let hurt = null; // {area, side, order, from, k}
  let undoTimer = null;
  function painTarget() {
    const k = Math.min(at, segs.length - 1);
    let s = segs[k];
    if (state() === "done") { // the last segment that ran
      let n = k; while (n > 0 && segs[n].out) n--; s = segs[n];
    }
    if (s.kind === "stretch") { const st = stretches[s.stretch]; return { area: st.area, side: st.side, order: null }; }
    const st = steps[s.step];
    return { area: st.area, side: st.side, order: st.order };
  }
  function pain() {
    const from = state();
    if (!live() && from !== "done") return;
    halt();
    if (canSpeak) speechSynthesis.cancel();
    hurt = Object.assign(painTarget(), { from });
    const words = areaWords(hurt.area), side = hurt.side === "both" ? "" : `${hurt.side} `;
    $("pain-title").textContent = `Sharp pain in your ${side}${words}`;
    $("carry-on").textContent = hurt.side === "both" ? `Leave out ${words} and carry on` : `Leave out ${words} (${hurt.side}) and carry on`;
    $("carry-on").hidden = from === "done";
    stage.hidden = true; $("summary").hidden = true;
    $("pain-panel").hidden = false;
    setState("pain");
    let left = UNDO;
    $("undo-seconds").textContent = left;
    $("undo-wrap").hidden = false;
    clearInterval(undoTimer);
    undoTimer = setInterval(() => {
      left -= 1; $("undo-seconds").textContent = Math.max(left, 0);
      if (left <= 0) { clearInterval(undoTimer); undoTimer = null; $("undo-wrap").hidden = true; }
    }, 1000);
    $("pain-panel").focus();
  }
  function closePain() {
    clearInterval(undoTimer); undoTimer = null;
    $("pain-panel").hidden = true;
  }
  function undo() {
    if (state() !== "pain" || !hurt) return;
    closePain();
    const from = hurt.from; hurt = null;
    if (from === "done") { $("summary").hidden = false; setState("done"); return $("summary").focus(); }
    stage.hidden = false;
    setState(from);
    if (from !== "paused") run();
    stage.focus({ preventScroll: true });
  }
  function endForPain() {
    if (state() !== "pain" || !hurt) return;
    closePain();
    stopReason = "sharp-pain"; early = true; body.dataset.outcome = "sharp-pain";
    stoppedAt = hurt.order;
    if (hurt.from !== "done") { leave(); at = segs.length; }
    end();
    $("stop-area").textContent = `your ${hurt.side === "both" ? "" : hurt.side + " "}${areaWords(hurt.area)}`;
    $("summary").hidden = true;
    $("stop-panel").querySelector(".card").after($("save-box"));
    $("stop-panel").hidden = false;
    setState("stopped");
    $("stop-panel").focus();
    save(null);
  }
  function carryOn() {
    if (state() !== "pain" || !hurt || hurt.from === "done") return;
    closePain();
    // The stop is recorded as its own session (the API records one stop per session); the rest
    // of the session is recorded as a second one from now on.
    const stop = Object.assign(record(null), { stopped_early: true, stop_reason: "sharp-pain", stopped_at_step: hurt.order });
    aside(stop);
    for (const k of stop.steps_done.concat(stop.steps_skipped)) before.add(k);
    if (hurt.order !== null) before.add(hurt.order);
    let next = new Date();
    if (next.toISOString() <= startedAt) next = new Date(Date.parse(startedAt) + 1);
    startedAt = next.toISOString();
    const same = (s) => s.area === hurt.area && (hurt.side === "both" || s.side === "both" || s.side === hurt.side);
    for (const s of segs) {
      const item = s.kind === "stretch" ? stretches[s.stretch] : steps[s.step];
      if (same(item)) {
        s.out = true;
        if (s.kind === "step" && !outcome.has(item.order) && item.order !== hurt.order) leftOut.push(item.order);
      }
    }
    hurt = null;
    const n = following(at);
    body.dataset.outcome = "carried-on";
    if (n < 0) { leave(); at = segs.length; return finish(false); }
    stage.hidden = false;
    enter(n, now());
    setState(segs[n].kind === "ready" ? "ready" : "running");
    run();
    chime("step");
    stage.focus({ preventScroll: true });
  }
  async function aside(rec) { // send a record without touching the save box
    let res;
    try { res = await post(rec); } catch { res = null; }
    if (!res || kept(res.status)) enqueue(rec);
  }

  function record(feedback) {
    const list = (kind) => [...outcome].filter(([k, v]) => v === kind && !before.has(k)).map(([k]) => k);
    const skipped = list("skipped").concat(leftOut.filter((k) => !before.has(k)));
    return {
      started_at: startedAt, plan, steps_done: list("done").sort((a, b) => a - b),
      steps_skipped: [...new Set(skipped)].sort((a, b) => a - b),
      stopped_early: early, stop_reason: stopReason, stopped_at_step: stoppedAt, feedback,
    };
  }
  const status = (text) => { $("save-box").hidden = false; $("save-status").textContent = text; };
  async function save(feedback) {
    current = record(feedback);
    $("save").disabled = true;
    status("Saving…");
    let res;
    try { res = await post(current); } catch { res = null; }
    if (res && res.ok) return saved();
    if (!res || kept(res.status)) {
      if (enqueue(current)) {
        setState("queued");
        $("feedback-form").hidden = true;
        if (res) setTimeout(flush, 30000); // the server said no for now: try again later
        return status(!res ? "Saved on this phone; it will be sent when you are back online."
          : res.status === 401 || res.status === 403 ? "Saved on this phone; it will be sent after you sign in again."
            : "Saved on this phone; it will be sent a little later.");
      }
    }
    $("save").disabled = false;
    status("Sorry, this session could not be saved. Please try again.");
  }
  saved = () => {
    setState("saved");
    $("feedback-form").hidden = true;
    $("history-link").hidden = false;
    status(stopReason === "sharp-pain" ? "Saved in your history." : "Saved. Nice work.");
  };

  // ---- wiring ----
  setState("start");
  $("start").addEventListener("click", start);
  $("pause").addEventListener("click", () => pause());
  $("skip").addEventListener("click", skip);
  $("back").addEventListener("click", back);
  $("pain").addEventListener("click", pain);
  $("undo").addEventListener("click", undo);
  $("carry-on").addEventListener("click", carryOn);
  $("end-pain").addEventListener("click", endForPain);
  $("skip-stretches").addEventListener("click", skipStretches);
  const dialog = $("quit-dialog");
  $("quit").addEventListener("click", () => {
    if (!live()) return;
    dialog.dataset.resume = state() === "paused" ? "" : "1";
    pause(true);
    if (dialog.showModal) dialog.showModal(); else finish(true);
  });
  dialog.addEventListener("close", () => {
    if (dialog.returnValue === "end") finish(true);
    else if (dialog.dataset.resume) pause(false);
    dialog.returnValue = "";
  });
  $("feedback-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const choice = (document.querySelector('input[name="feel"]:checked') || {}).value || "";
    const note = $("feedback-note").value.trim();
    save([choice, note].filter(Boolean).join(" – ") || null);
  });
  document.addEventListener("keydown", (e) => {
    if (!live() || e.ctrlKey || e.altKey || e.metaKey || dialog.open || e.defaultPrevented) return;
    const t = e.target;
    if (t.closest && t.closest("input, textarea, select, [contenteditable]")) return;
    if (e.key === " " || e.code === "Space") {
      if (t.closest && t.closest("button, a, summary")) return; // let the focused control act
      e.preventDefault(); pause();
    } else if (e.key === "ArrowRight") { e.preventDefault(); skip(); }
    else if (e.key === "ArrowLeft") { e.preventDefault(); back(); }
  });
}
