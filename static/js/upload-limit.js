/* Checks the size and number of chosen files in the browser, before anything is uploaded: a 30 MB
   scan would otherwise travel over a phone's connection only to be refused. The limits and the
   (already translated) messages come from the server on the input's data attributes:
   data-max-size (bytes), data-max-files, data-size-message, data-count-message; the messages use
   the server's own placeholders, %(name)s, %(size).1f, %(max)d and %(n)d. The server checks again. */
(function () {
  "use strict";
  var MB = 1024 * 1024;

  function format(template, values) {
    return (template || "").replace(/%\((\w+)\)[-+ #0]*\d*(?:\.\d+)?[sdf]/g, function (match, key) {
      return key in values ? values[key] : match;
    });
  }

  function feedbackFor(input) {
    var id = input.id + "-limit-error";
    var box = document.getElementById(id);
    if (!box) {
      box = document.createElement("div");
      box.id = id;
      box.className = "invalid-feedback d-block";
      box.setAttribute("role", "alert");
      box.setAttribute("data-testid", "upload-limit-error");
      input.insertAdjacentElement("afterend", box);
    }
    return box;
  }

  function check(input) {
    var maxSize = parseInt(input.dataset.maxSize, 10) || 0;
    var maxFiles = parseInt(input.dataset.maxFiles, 10) || 0;
    var errors = [];
    if (maxFiles && input.files.length > maxFiles) {
      errors.push(format(input.dataset.countMessage, { n: maxFiles }));
    }
    Array.prototype.forEach.call(input.files, function (file) {
      if (maxSize && file.size > maxSize) {
        errors.push(
          format(input.dataset.sizeMessage, {
            name: file.name,
            size: (file.size / MB).toFixed(1),
            max: Math.floor(maxSize / MB),
          })
        );
      }
    });
    var old = document.getElementById(input.id + "-limit-error");
    if (!errors.length) {
      if (old) old.remove();
      input.classList.remove("is-invalid");
      input.removeAttribute("aria-invalid");
      return;
    }
    var box = feedbackFor(input);
    box.textContent = errors.join(" ");
    input.classList.add("is-invalid");
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", box.id);
    input.value = ""; // never send what would be refused
  }

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (input instanceof HTMLInputElement && input.type === "file" && input.dataset.maxSize) check(input);
  });
})();
