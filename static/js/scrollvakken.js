// Wide tables (.table-responsive) and code examples (<pre>) scroll sideways in their
// own box on a narrow screen (WCAG 1.4.10). A box that scrolls is made reachable by
// keyboard, so it can be scrolled with the arrow keys (WCAG 2.1.1): tabindex="0",
// role="region" and a name (the table's caption). A box that fits gets no extra tab
// stop. Checked on load, on resize and after each htmx swap.
(function () {
  "use strict";

  function naam(vak) {
    var caption = vak.querySelector("caption");
    var tekst = caption ? caption.textContent.trim() : "";
    if (tekst) { return tekst; }
    return vak.tagName === "PRE" ? "Voorbeeld" : "Tabel";
  }

  function bijwerken() {
    document.querySelectorAll(".table-responsive, pre").forEach(function (vak) {
      if (vak.scrollWidth > vak.clientWidth) {
        if (!vak.hasAttribute("tabindex")) {
          vak.setAttribute("tabindex", "0");
          vak.setAttribute("role", "region");
          vak.setAttribute("aria-label", naam(vak) + " (scrollt horizontaal)");
          vak.dataset.scrollvak = "";
        }
      } else if (vak.dataset.scrollvak !== undefined) {
        vak.removeAttribute("tabindex");
        vak.removeAttribute("role");
        vak.removeAttribute("aria-label");
        delete vak.dataset.scrollvak;
      }
    });
  }

  bijwerken();
  var wachten;
  window.addEventListener("resize", function () {
    clearTimeout(wachten);
    wachten = setTimeout(bijwerken, 100);
  });
  document.body.addEventListener("htmx:afterSettle", bijwerken);
})();
