// claimtrail: the analyst's desk in the pages (web/desk_views.py).
//   claimtrail.review(claimId, status)  posts a review with the session's CSRF token (the claims
//                                       table's c / r keys call it) and updates the row
//   article pages                       selecting text fills the add-a-claim form's start / end
// Without a session (no csrf meta tag) review() only says to sign in.
"use strict";
(function () {
  const ns = (window.claimtrail = window.claimtrail || {});
  const meta = document.querySelector('meta[name="claimtrail-csrf"]');
  const csrf = meta ? meta.content : null;

  function say(text) {
    const box = document.getElementById("keys-message");
    if (box) box.textContent = " " + text;
  }

  ns.review = function (claimId, status) {
    ns.lastReview = { claimId: claimId, status: status, done: false };
    if (!csrf) {
      say("sign in to review claims");
      return Promise.resolve(false);
    }
    const body = new URLSearchParams({ csrf: csrf, status: status });
    return fetch("/claims/" + encodeURIComponent(claimId) + "/review", {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    }).then(function (resp) {
      if (!resp.ok) {
        say("review refused (" + resp.status + ")");
        return false;
      }
      return resp.json().then(function (claim) {
        const state = claim.review ? claim.review.status : status;
        document.querySelectorAll('tr[data-claim="' + CSS.escape(claimId) + '"] td.review span').forEach(
          function (cell) { cell.textContent = state; cell.className = "review-" + state; }
        );
        ns.lastReview = { claimId: claimId, status: state, done: true };
        say(claimId.slice(0, 8) + " " + state);
        return true;
      });
    }, function () { say("review failed: the server did not answer"); return false; });
  };

  // Add a missed claim: the selection's offsets in the article's text (the text element holds the
  // article's text exactly, highlights included, so its character count is the offset).
  const text = document.getElementById("article-text");
  const start = document.getElementById("add-start");
  const end = document.getElementById("add-end");
  const shown = document.getElementById("add-selection");
  if (!text || !start || !end) return;
  function offsetOf(node, offset) {
    const range = document.createRange();
    range.setStart(text, 0);
    range.setEnd(node, offset);
    return range.toString().length;
  }
  document.addEventListener("selectionchange", function () {
    const sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return;
    const range = sel.getRangeAt(0);
    if (!text.contains(range.startContainer) || !text.contains(range.endContainer)) return;
    const a = offsetOf(range.startContainer, range.startOffset);
    const b = offsetOf(range.endContainer, range.endOffset);
    start.value = String(Math.min(a, b));
    end.value = String(Math.max(a, b));
    if (shown) shown.textContent = range.toString();
  });
})();
