// The letter text editor (pip_plans/brieftekst.html).
// 1. The placeholder buttons: a click inserts the placeholder, e.g. {naam}, at the
//    cursor of the text area the editor was last in (the first one before any).
//    Without JS the editor types it.
// 2. Unsaved changes: the voorbeeld and publishing are about the saved text, so
//    once the form differs from it their buttons are disabled and a note says to
//    save first (the server refuses a publish without a fresh voorbeeld anyway).
(function () {
  "use strict";

  var formulier = document.getElementById("brieftekst-formulier");
  var laatste = null;

  function gewijzigd() {
    var melding = document.getElementById("eerst-opslaan");
    if (melding) { melding.hidden = false; }
    document.querySelectorAll("[data-na-opslaan]").forEach(function (knop) {
      knop.disabled = true;
    });
  }

  document.querySelectorAll("[data-invulveld-doel]").forEach(function (vak) {
    vak.addEventListener("focus", function () { laatste = vak; });
  });
  if (formulier) { formulier.addEventListener("input", gewijzigd); }

  document.querySelectorAll("[data-invulveld]").forEach(function (knop) {
    knop.addEventListener("click", function () {
      var vak = laatste || document.querySelector("[data-invulveld-doel]");
      if (!vak) { return; }
      var code = knop.getAttribute("data-invulveld");
      vak.setRangeText(code, vak.selectionStart, vak.selectionEnd, "end");
      vak.focus();
      gewijzigd();
    });
  });
})();
