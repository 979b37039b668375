// rollcoach guided session player: one session clock drives get-ready, steps, cues and progress.
// State for tests: body[data-state] start|ready|running|paused|done|stopped|saved|queued,
// body[data-step] = current step order, body[data-phase] = current cue phase, body[data-chimes].
const PENDING_PREFIX = "rollcoach-pending-sessions";
const PREFS = "rollcoach-player-prefs";
const READY = 5; // seconds of session time before step 1
const SIDES = { left: "Left side", right: "Right side", both: "Both sides" };
const PHASES = { "set-up": "Set up", passes: "Slow passes", "find-spot": "Find a spot", hold: "Hold",
  ease: "Ease off", "switch": "Switch sides", ready: "Get ready" };
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
const total = steps.reduce((a, s) => a + s.seconds, 0);

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
  setState("start");

  // ---- preferences, sound and speech ----
  const prefs = Object.assign({ sound: true, speech: false }, store.get(PREFS, {}));
  const canSpeak = "speechSynthesis" in window && "SpeechSynthesisUtterance" in window;
  const optSound = $("opt-sound"), optSpeech = $("opt-speech");
  optSound.checked = prefs.sound;
  optSpeech.checked = canSpeak && prefs.speech;
  if (!canSpeak) $("opt-speech-label").hidden = true;
  let audio = null;
  const audioOn = () => {
    if (audio) { if (audio.state === "suspended") audio.resume().catch(() => {}); return; }
    const AC = window.AudioContext || window.webkitAudioContext;
    if (AC) try { audio = new AC(); } catch { audio = null; }
  };
  optSound.addEventListener("change", () => { prefs.sound = optSound.checked; store.set(PREFS, prefs); if (prefs.sound) audioOn(); });
  optSpeech.addEventListener("change", () => {
    prefs.speech = optSpeech.checked; store.set(PREFS, prefs);
    if (!prefs.speech && canSpeak) speechSynthesis.cancel();
  });
  let chimes = 0;
  function chime(kind) {
    if (!prefs.sound || !audio) return;
    body.dataset.chimes = ++chimes;
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
    if (!prefs.speech || !canSpeak) return;
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

  // ---- session state ----
  let index = -1; // -1 = get-ready, else the step index
  let segStart = 0; // session time the current segment began
  let cueAt = -1; // index of the timeline entry on show
  let rolled = 0; // session seconds spent in steps
  let startedAt = null, stopReason = null, stoppedAt = null, early = false;
  const outcome = new Map(); // order -> "done" | "skipped"
  let timer = null;
  const state = () => body.dataset.state;
  const live = () => ["ready", "running", "paused"].includes(state());
  const segLen = () => (index < 0 ? READY : steps[index].seconds);

  const map = $("player-map") || player;
  const groups = [...map.querySelectorAll(".bm-area")];
  const stage = $("stage"), ring = $("ring-bar"), ringSec = $("ring-seconds"), progress = $("progress");

  function setState(s) {
    body.dataset.state = s;
  }
  function showStep(i) {
    const step = steps[Math.max(i, 0)];
    body.dataset.step = step.order;
    $("step-count").textContent = i < 0 ? "Get ready" : `Step ${i + 1} of ${steps.length}`;
    $("step-name").textContent = step.name || step.area;
    $("step-side").textContent = SIDES[step.side] || step.side;
    $("step-tool").textContent = `${step.tool_name || step.tool} · ${step.pressure} pressure`;
    const next = i < 0 ? null : steps[i + 1];
    $("next-up").textContent = i < 0 ? `First: ${step.name || step.area}, ${(SIDES[step.side] || step.side).toLowerCase()}`
      : next ? `Next up: ${next.name || next.area}, ${(SIDES[next.side] || next.side).toLowerCase()}` : "Last step – nearly there";
    $("ready-signs").hidden = i >= 0;
    stage.classList.toggle("is-ready", i < 0);
    for (const g of groups) {
      const side = g.dataset.side || "center";
      g.classList.toggle("is-current", g.dataset.area === step.area && (step.side === "both" || side === step.side || side === "center"));
    }
  }
  function timeline(step) {
    return step.timeline && step.timeline.length ? step.timeline
      : (step.cues || []).map((text, n) => ({ at: Math.round((n * step.seconds) / step.cues.length), phase: "passes", text }));
  }
  function showCue(i, into, fresh) {
    let phase, text, n = 0;
    if (i < 0) {
      const first = timeline(steps[0])[0];
      phase = "ready"; text = first ? first.text : "";
    } else {
      const tl = timeline(steps[i]);
      n = -1;
      for (let k = 0; k < tl.length; k++) if (tl[k].at <= into) n = k;
      if (n < 0) { phase = "set-up"; text = ""; } else ({ phase, text } = tl[n]);
    }
    if (!fresh && n === cueAt) return false;
    cueAt = n;
    const step = steps[Math.max(i, 0)];
    const title = i < 0 ? "Get ready. " : `Step ${i + 1} of ${steps.length}: ${step.name || step.area}, ${SIDES[step.side] || step.side}. `;
    $("cue-step").textContent = fresh ? title : "";
    $("cue-phase").textContent = PHASES[phase] || phase;
    $("cue-phase").dataset.phase = phase;
    body.dataset.phase = phase;
    $("cue-text").textContent = text;
    say(fresh ? title + text : text);
    return true;
  }
  function enter(i, at) {
    if (index >= 0) rolled += Math.min(Math.max(now() - segStart, 0), steps[index].seconds);
    index = i; segStart = at; cueAt = -1;
    showStep(i);
    showCue(i, 0, true);
    paint();
  }
  function paint() {
    const into = Math.max(0, now() - segStart), len = segLen();
    const left = Math.max(0, len - into);
    ringSec.textContent = Math.ceil(left);
    ring.setAttribute("stroke-dashoffset", (100 * Math.min(into, len)) / len);
    const pos = index < 0 ? 0 : steps.slice(0, index).reduce((a, s) => a + s.seconds, 0) + Math.min(into, len);
    progress.value = pos;
    progress.textContent = `${Math.round((100 * pos) / total)}%`;
    $("time-left").textContent = `${fmt(total - pos)} left`;
  }
  function tick() {
    if (state() !== "running" && state() !== "ready") return;
    let guard = steps.length + 2;
    while (now() - segStart >= segLen() && guard--) {
      const end = segStart + segLen();
      if (index >= 0) outcome.set(steps[index].order, "done");
      if (index + 1 >= steps.length) { rolledUp(); return finish(false); }
      if (index < 0) setState("running");
      enter(index + 1, end);
      chime("step");
    }
    if (index >= 0 && showCue(index, now() - segStart, false)) chime("cue");
    paint();
  }
  function rolledUp() {
    if (index >= 0) rolled += Math.min(Math.max(now() - segStart, 0), steps[index].seconds);
    index = steps.length; // nothing more to add
  }
  function jump(i) { // Skip / Back: start segment i now
    const was = state();
    enter(i, now());
    if (was !== "paused") { setState(i < 0 ? "ready" : "running"); chime("step"); }
  }

  function start() {
    audioOn();
    if (prefs.speech && canSpeak) speechSynthesis.cancel();
    startedAt = new Date().toISOString();
    $("overview").hidden = true;
    stage.append($("options")); // the toggles stay at hand during the session
    stage.hidden = false;
    setState("ready");
    base = 0; since = null; run();
    enter(-1, 0);
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
      run(); setState(index < 0 ? "ready" : "running");
    }
    $("pause").textContent = state() === "paused" ? "Resume" : "Pause";
    $("paused-badge").hidden = state() !== "paused";
  }
  function skip() {
    if (!live()) return;
    if (index >= 0 && !outcome.has(steps[index].order)) outcome.set(steps[index].order, "skipped");
    if (index + 1 >= steps.length) { rolledUp(); return finish(false); }
    jump(index + 1);
  }
  function back() {
    if (!live()) return;
    jump(Math.max(index - 1, index < 0 ? -1 : 0));
  }
  function end() {
    clearInterval(timer); timer = null;
    halt(); awake(false);
    if (canSpeak) speechSynthesis.cancel();
    stage.hidden = true;
  }
  function finish(quit) {
    const at = index >= 0 && index < steps.length ? steps[index].order : null;
    if (quit) { rolledUp(); early = true; stopReason = "quit"; stoppedAt = at; }
    body.dataset.outcome = quit ? "quit" : "complete";
    end();
    const done = [...outcome.values()].filter((v) => v === "done").length;
    $("sum-done").textContent = `${done} of ${steps.length}`;
    $("sum-skipped").textContent = [...outcome.values()].filter((v) => v === "skipped").length;
    $("sum-time").textContent = fmt(rolled);
    $("summary-title").textContent = quit ? "Session ended early" : "Session complete";
    $("feedback-form").after($("save-box"));
    $("summary").hidden = false;
    setState("done");
    if (!quit) chime("end");
    $("summary").focus();
  }
  function pain() {
    if (!live()) return;
    stopReason = "sharp-pain"; early = true; body.dataset.outcome = "sharp-pain";
    stoppedAt = steps[Math.max(index, 0)].order;
    rolledUp();
    end();
    $("stop-panel").querySelector(".card").after($("save-box"));
    $("stop-panel").hidden = false;
    setState("stopped");
    $("stop-panel").focus();
    save(null);
  }
  function record(feedback) {
    const list = (kind) => [...outcome].filter(([, v]) => v === kind).map(([k]) => k).sort((a, b) => a - b);
    return {
      started_at: startedAt, plan, steps_done: list("done"), steps_skipped: list("skipped"),
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
  $("start").addEventListener("click", start);
  $("pause").addEventListener("click", () => pause());
  $("skip").addEventListener("click", skip);
  $("back").addEventListener("click", back);
  $("pain").addEventListener("click", pain);
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
