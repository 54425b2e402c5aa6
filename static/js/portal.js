/* Small behaviours of the portal's pages, bound by data attributes (no inline script: the
   Content-Security-Policy allows scripts from the portal's own files only). */
(function () {
  "use strict";

  // <select data-submit-on-change> sends its form when a choice is made (the language switch).
  document.querySelectorAll("[data-submit-on-change]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });

  // <button data-print> prints the page (the QR posters).
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });

  // A "tick all" box: <input type="checkbox" data-pick-all="enterprise"> ticks every box named so.
  document.querySelectorAll("[data-pick-all]").forEach(function (all) {
    all.addEventListener("change", function () {
      var name = all.getAttribute("data-pick-all");
      document.querySelectorAll('input[type="checkbox"][name="' + name + '"]').forEach(function (box) {
        box.checked = all.checked;
      });
    });
  });

  // "Add another" of a formset: <button data-add-form="positions"> copies <template id="positions-template">
  // (its __prefix__ replaced by the next form number) into #positions and counts it in the
  // management form's TOTAL_FORMS (id_<prefix>-TOTAL_FORMS).
  document.querySelectorAll("[data-add-form]").forEach(function (button) {
    button.addEventListener("click", function () {
      var prefix = button.getAttribute("data-add-form");
      var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
      var n = parseInt(total.value, 10);
      var html = document.getElementById(prefix + "-template").innerHTML.replace(/__prefix__/g, n);
      var box = document.getElementById(prefix);
      box.insertAdjacentHTML("beforeend", html);
      var number = box.lastElementChild.querySelector(".position-number, [data-form-number]");
      if (number) number.textContent = n + 1;
      total.value = n + 1;
      var first = box.lastElementChild.querySelector("input, select, textarea");
      if (first) first.focus();
    });
  });
})();
