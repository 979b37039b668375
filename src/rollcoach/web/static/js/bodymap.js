// Check-in body map: tap (or Enter/Space on) an area to open its soreness slider; slider
// values colour the map. Markup: templates/partials/bodymap.html. No exports, no globals.

const esc = (s) => (window.CSS && CSS.escape ? CSS.escape(s) : String(s).replace(/["\\]/g, "\\$&"));
const groupsOf = (area) => document.querySelectorAll(`.bm-area[data-area="${esc(area)}"]`);

function showLevel(area, value) {
  const level = Math.max(0, Math.min(10, Math.round(Number(value) || 0)));
  for (const g of groupsOf(area)) {
    if (level > 0) g.setAttribute("data-level", String(level));
    else g.removeAttribute("data-level");
  }
  for (const el of document.querySelectorAll(`[data-level-for="${esc(area)}"]`)) {
    el.textContent = String(level);
  }
}

function choose(area) {
  const input = document.getElementById(`sore-${area}`);
  if (!input) return;
  const row = input.closest("[data-area-row]") ||
    document.querySelector(`[data-area-row="${esc(area)}"]`);
  if (row) row.hidden = false;
  for (const g of groupsOf(area)) g.classList.add("is-selected");
  const calm = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  (row || input).scrollIntoView({ block: "nearest", behavior: calm ? "auto" : "smooth" });
  input.focus({ preventScroll: true });
}

function areaOf(event) {
  const g = event.target instanceof Element ? event.target.closest(".bm-area[data-area]") : null;
  return g ? g.getAttribute("data-area") : null;
}

function init() {
  for (const svg of document.querySelectorAll("[data-bodymap-interactive]")) {
    svg.addEventListener("click", (event) => {
      const area = areaOf(event);
      if (area) choose(area);
    });
    svg.addEventListener("keydown", (event) => {
      if (event.key !== "Enter" && event.key !== " ") return;
      const area = areaOf(event);
      if (!area) return;
      event.preventDefault(); // Space would scroll the page
      choose(area);
    });
  }
  document.addEventListener("input", (event) => {
    const t = event.target;
    if (t instanceof HTMLInputElement && t.dataset.soreArea) showLevel(t.dataset.soreArea, t.value);
  });
  // Rows already open (a re-shown form): sync the colours, mark the sore areas chosen.
  for (const input of document.querySelectorAll("input[data-sore-area]")) {
    const row = input.closest("[data-area-row]");
    if (row && row.hidden) continue;
    showLevel(input.dataset.soreArea, input.value);
    if (Number(input.value) > 0) {
      for (const g of groupsOf(input.dataset.soreArea)) g.classList.add("is-selected");
    }
  }
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
else init();
