// Import progress: poll the job until it is finished, then show the final page.
const box = document.getElementById("job");
const poll = async () => {
  const response = await fetch(`/api/v1/imports/${box.dataset.job}`, { credentials: "same-origin" });
  if (!response.ok) return;
  const job = await response.json();
  document.getElementById("job-count").textContent = `${job.done} of ${job.total}`;
  const bar = document.getElementById("job-progress");
  bar.max = job.total || 1;
  bar.value = job.done;
  document.getElementById("job-imported").textContent = job.report.imported ?? 0;
  document.getElementById("job-already").textContent = job.report.already ?? 0;
  if (job.status !== "running") location.reload();
  else setTimeout(poll, 700);
};
if (box) setTimeout(poll, 300);
