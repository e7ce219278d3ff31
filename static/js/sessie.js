// Inactivity warning (SECURITY AU-04). The server ends a session after
// data-sessie-inactief seconds without a request; this script shows a warning
// data-sessie-waarschuwing seconds before, offers "Ingelogd blijven" (a POST that
// counts as activity) and reloads the page when the time is up, so the server
// sends the user to the login page instead of leaving a stale dossier on screen.
(function () {
  "use strict";
  var body = document.body;
  var inactief = parseInt(body.dataset.sessieInactief, 10);
  var waarschuwing = parseInt(body.dataset.sessieWaarschuwing, 10);
  var url = body.dataset.sessieVerlengen;
  var melding = document.getElementById("sessie-waarschuwing");
  if (!inactief || !melding || !url) { return; }
  var knop = melding.querySelector("[data-sessie-verleng]");
  var minuten = melding.querySelector("[data-sessie-minuten]");
  var timers = [];

  function plannen() {
    timers.forEach(clearTimeout);
    melding.hidden = true;
    var minutenOver = Math.max(1, Math.round(waarschuwing / 60));
    minuten.textContent = minutenOver === 1 ? "1 minuut" : minutenOver + " minuten";
    timers = [
      setTimeout(function () {
        melding.hidden = false;
        knop.focus();
      }, Math.max(0, inactief - waarschuwing) * 1000),
      // A little after the server's limit, so the reload finds the session ended.
      setTimeout(function () { window.location.reload(); }, (inactief + 5) * 1000),
    ];
  }

  knop.addEventListener("click", function () {
    var token = JSON.parse(body.getAttribute("hx-headers") || "{}")["X-CSRFToken"];
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": token },
    }).then(function (antwoord) {
      if (antwoord.ok) { plannen(); } else { window.location.reload(); }
    });
  });

  // A request the user caused (not a poll) also counts on the server.
  document.body.addEventListener("htmx:afterRequest", function (event) {
    var trigger = event.detail.requestConfig && event.detail.requestConfig.triggeringEvent;
    if (trigger && trigger.type !== "every" && trigger.type !== "load") { plannen(); }
  });

  plannen();
})();
