// A link to a form behind a <details> (Te doen: "Gesprek vastleggen", "Besluit
// nemen", ...) ends in the form's #fragment: the details it names, or the details
// around it, opens, so the form is ready on arrival. A fragment naming a section
// opens the first form in it. Without JS the browser still scrolls to the fragment
// and the form opens with a click.
(function () {
  "use strict";

  function openen() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var doel = id && document.getElementById(id);
    if (!doel) { return; }
    var details = doel.closest("details") || doel.querySelector("details");
    for (var d = details; d; d = d.parentElement && d.parentElement.closest("details")) {
      d.open = true;
    }
    doel.scrollIntoView();
  }

  openen();
  window.addEventListener("hashchange", openen);
})();
