// Article page: clicking (or Enter on) a highlighted passage shows the claims covering it in the
// side panel. The details are rendered (and escaped) by the server; this only toggles visibility.
"use strict";
(function () {
  const text = document.getElementById("article-text");
  const hint = document.getElementById("claim-hint");
  if (!text) return;
  function show(mark) {
    document.querySelectorAll("mark.active").forEach((m) => m.classList.remove("active"));
    document.querySelectorAll(".claim-detail").forEach((d) => { d.hidden = true; });
    const ids = (mark.dataset.claims || "").split(" ").filter(Boolean);
    ids.forEach((id) => {
      const detail = document.getElementById("detail-" + id);
      if (detail) detail.hidden = false;
      document.querySelectorAll("mark").forEach((m) => {
        if ((m.dataset.claims || "").split(" ").indexOf(ids[0]) >= 0) m.classList.add("active");
      });
    });
    if (hint) hint.hidden = ids.length > 0;
  }
  text.addEventListener("click", (ev) => {
    const mark = ev.target.closest("mark");
    if (mark) show(mark);
  });
  text.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter" && ev.target.matches("mark")) show(ev.target);
  });
  // /articles/ID#c-CLAIM opens that claim.
  if (location.hash.startsWith("#c-")) {
    const mark = document.getElementById(location.hash.slice(1));
    if (mark) { show(mark); mark.scrollIntoView({ block: "center" }); }
  }
})();
