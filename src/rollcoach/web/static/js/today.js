// Today: re-plan as soon as when / minutes / tools change, without a page load. On a phone
// the choices fold into one line, so the plan itself is the first thing on the screen.
// While a new plan is on its way the form says "Updating…"; minutes out of range are named
// beside the field and the old plan stays, marked out of date.
const form = document.querySelector("form[data-replan]");
if (form) {
  const details = document.getElementById("replan-details");
  const summary = document.getElementById("replan-summary");
  const status = document.getElementById("replan-status");
  const stale = document.getElementById("plan-stale");
  const minutes = form.elements.minutes;
  const minutesError = document.getElementById("minutes-error");
  if (details && window.matchMedia("(max-width: 47.99rem)").matches) details.open = false;
  const describe = () => {
    const when = form.elements.when;
    const tools = [...form.querySelectorAll("input[name=tool]:checked")].map((box) => box.parentElement.textContent.trim());
    summary.textContent = `${when.options[when.selectedIndex].text} · ${minutes.value || "?"} min · ${tools.join(", ") || "no tools"}`;
  };
  const showError = (message) => {
    minutesError.textContent = message;
    minutesError.hidden = !message;
    if (message) minutes.setAttribute("aria-invalid", "true");
    else minutes.removeAttribute("aria-invalid");
    if (stale) stale.hidden = !message;
    if (message && details) details.open = true;
  };
  const busy = (on, text = "") => {
    form.classList.toggle("updating", on);
    document.getElementById("plan")?.classList.toggle("updating", on);
    form.setAttribute("aria-busy", on ? "true" : "false");
    status.textContent = on ? "Updating…" : text;
  };
  let pending;
  let latest = 0;
  const replan = async () => {
    describe();
    const ask = ++latest;
    const query = new URLSearchParams(new FormData(form));
    query.set("partial", "1");
    busy(true);
    let response;
    try {
      response = await fetch("/?" + query, { credentials: "same-origin" });
    } catch {
      if (ask === latest) busy(false, "Could not reach the app: the plan below is the last one.");
      return;
    }
    if (ask !== latest) return; // a newer change is on its way
    if (response.status === 422) {
      const problem = await response.json().catch(() => ({}));
      showError(problem.message || "Minutes: enter a number from 1 to 180.");
      busy(false);
      return;
    }
    if (!response.ok) {
      busy(false, "Could not plan again: the plan below is the last one.");
      return;
    }
    query.delete("partial");
    history.replaceState(null, "", "/?" + query);
    const next = new DOMParser().parseFromString(await response.text(), "text/html");
    for (const id of ["plan-note", "plan"]) {
      const fresh = next.getElementById(id);
      const holder = document.getElementById(id);
      if (holder && fresh) holder.replaceWith(fresh);
    }
    showError("");
    busy(false, "Plan updated.");
  };
  form.addEventListener("change", () => { clearTimeout(pending); pending = setTimeout(replan, 150); });
  form.addEventListener("submit", (event) => { event.preventDefault(); clearTimeout(pending); replan(); });
}
