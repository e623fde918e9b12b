// claimtrail: keyboard use of the claims table.
//   j / k    next / previous row (the current row is highlighted and scrolled into view)
//   Enter    open the current row's claim
//   c / r    confirm / reject the current row's claim: calls claimtrail.review(claimId, status),
//            which desk.js defines (it posts the review as the signed-in user).
// Keys typed into a form field are left alone.
"use strict";
(function () {
  const table = document.getElementById("claims-table");
  if (!table) return;
  const ns = (window.claimtrail = window.claimtrail || {});
  if (typeof ns.review !== "function") {
    // The desk replaces this with a call to its review endpoint (issue 12, item 1).
    ns.review = function (claimId, status) {
      ns.lastReview = { claimId: claimId, status: status, done: false };
      const note = document.querySelector(".keys-help");
      if (note) note.dataset.message = "reviewing is not available on this server yet";
      return false;
    };
  }
  const rows = () => Array.from(table.querySelectorAll("tbody tr[data-claim]"));
  let current = -1;

  function select(index) {
    const all = rows();
    if (!all.length) return;
    current = Math.max(0, Math.min(all.length - 1, index));
    all.forEach((row, i) => row.classList.toggle("current", i === current));
    all[current].focus({ preventScroll: true });
    all[current].scrollIntoView({ block: "nearest" });
  }
  ns.currentClaim = function () {
    const row = rows()[current];
    return row ? row.dataset.claim : null;
  };

  document.addEventListener("keydown", function (event) {
    const target = event.target;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (target && target.closest && target.closest("input, select, textarea, [contenteditable]")) return;
    const key = event.key;
    if (key === "j") select(current + 1);
    else if (key === "k") select(current < 0 ? 0 : current - 1);
    else if (key === "Enter" && current >= 0 && target === rows()[current]) {
      const link = rows()[current].querySelector("a.open");
      if (link) window.location.href = link.href;
    } else if ((key === "c" || key === "r") && current >= 0) {
      ns.review(ns.currentClaim(), key === "c" ? "confirmed" : "rejected");
    } else return;
    event.preventDefault();
  });
  rows().forEach((row, i) => row.addEventListener("click", () => select(i)));
})();
