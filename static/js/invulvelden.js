// The placeholder buttons of the letter text editor (pip_plans/brieftekst.html):
// a click inserts the placeholder, e.g. {naam}, at the cursor of the text area the
// editor was last in (the first one before any). Without JS the editor types it.
(function () {
  "use strict";

  var laatste = null;
  document.querySelectorAll("[data-invulveld-doel]").forEach(function (vak) {
    vak.addEventListener("focus", function () { laatste = vak; });
  });

  document.querySelectorAll("[data-invulveld]").forEach(function (knop) {
    knop.addEventListener("click", function () {
      var vak = laatste || document.querySelector("[data-invulveld-doel]");
      if (!vak) { return; }
      var code = knop.getAttribute("data-invulveld");
      var begin = vak.selectionStart, eind = vak.selectionEnd;
      vak.setRangeText(code, begin, eind, "end");
      vak.focus();
    });
  });
})();
