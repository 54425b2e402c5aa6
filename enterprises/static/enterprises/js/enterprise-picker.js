/* The enterprise picker (enterprises/picker.py): a click on a match the search (htmx) returned adds
   the enterprise as a chip, a checked checkbox named like the field, and clears the box; unticking a
   chip removes the enterprise. Without this script the box's text is resolved on submit. */
(function () {
  "use strict";

  function addChip(picker, id, label) {
    var chips = picker.querySelector("[data-picker-chips]");
    var name = picker.getAttribute("data-name");
    var existing = chips.querySelector('input[value="' + id + '"]');
    if (existing) {
      existing.checked = true;
      return;
    }
    var chip = document.createElement("label");
    chip.className = "picker-chip btn btn-sm btn-outline-primary d-inline-flex align-items-center gap-1 mb-0";
    var box = document.createElement("input");
    box.type = "checkbox";
    box.className = "form-check-input mt-0";
    box.name = name;
    box.value = id;
    box.checked = true;
    chip.appendChild(box);
    chip.appendChild(document.createTextNode(" " + label));
    chips.appendChild(chip);
  }

  document.addEventListener("click", function (event) {
    var option = event.target.closest("[data-pick]");
    if (!option) return;
    var picker = option.closest("[data-picker]");
    if (!picker) return;
    event.preventDefault();
    addChip(picker, option.getAttribute("data-pick"), option.getAttribute("data-label"));
    var input = picker.querySelector('input[type="search"]');
    input.value = "";
    picker.querySelector("[data-picker-results]").innerHTML = "";
    input.focus();
  });

  document.addEventListener("change", function (event) {
    var box = event.target;
    if (box.closest && box.closest("[data-picker-chips]") && !box.checked) {
      box.closest(".picker-chip").remove();
    }
  });

  // Enter in the box picks the first match instead of submitting the form half-filled.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || !event.target.closest) return;
    var picker = event.target.closest("[data-picker]");
    if (!picker || event.target.type !== "search") return;
    var first = picker.querySelector("[data-pick]");
    if (first) {
      event.preventDefault();
      first.click();
    }
  });
})();
