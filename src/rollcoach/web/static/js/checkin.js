// Check-in: with scripts on, only the areas already rated are listed; the map opens the rest.
const rows = [...document.querySelectorAll("[data-area-row]")];
const showAll = document.getElementById("show-all-sites");
for (const row of rows) {
  const input = row.querySelector("input[type=range]");
  if (input && input.value === "0") row.hidden = true;
}
if (showAll && rows.some((row) => row.hidden)) {
  showAll.hidden = false;
  showAll.addEventListener("click", () => {
    for (const row of rows) row.hidden = false;
    showAll.hidden = true;
  });
}
