// The summary to take along: a print button (the browser's print dialog also saves a PDF).
const button = document.getElementById("print-summary");
if (button) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
