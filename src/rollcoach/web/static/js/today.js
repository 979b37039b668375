// Today: re-plan as soon as when / minutes / tools change, without a page load. On a phone
// the choices fold into one line, so the plan itself is the first thing on the screen.
const form = document.querySelector("form[data-replan]");
if (form) {
  const details = document.getElementById("replan-details");
  const summary = document.getElementById("replan-summary");
  if (details && window.matchMedia("(max-width: 47.99rem)").matches) details.open = false;
  const describe = () => {
    const when = form.elements.when;
    const tools = [...form.querySelectorAll("input[name=tool]:checked")].map((box) => box.parentElement.textContent.trim());
    summary.textContent = `${when.options[when.selectedIndex].text} · ${form.elements.minutes.value} min · ${tools.join(", ")}`;
  };
  let pending;
  const replan = async () => {
    describe();
    const query = new URLSearchParams(new FormData(form));
    history.replaceState(null, "", "/?" + query);
    query.set("partial", "1");
    const response = await fetch("/?" + query, { credentials: "same-origin" });
    if (!response.ok) return;
    const holder = document.getElementById("plan");
    const next = new DOMParser().parseFromString(await response.text(), "text/html");
    const fresh = next.getElementById("plan");
    if (holder && fresh) holder.replaceWith(fresh);
  };
  form.addEventListener("change", () => { clearTimeout(pending); pending = setTimeout(replan, 150); });
  form.addEventListener("submit", (event) => { event.preventDefault(); replan(); });
}
