// Move focus to the error summary or conflict notice so screen readers announce it at once.
document.addEventListener("DOMContentLoaded", function () {
  var target = document.querySelector("[data-focus-on-load]");
  if (target) { target.focus(); }
});

// Number fields read like the tables («18 827 983») except while being edited, when the bare digits are easier.
(function () {
  var spaces = /[\s\u00a0\u202f]/g;
  function group(digits) { return digits.replace(/\B(?=(\d{3})+(?!\d))/g, "\u00a0"); }
  document.addEventListener("focusin", function (event) {
    var field = event.target;
    if (field.matches && field.matches("input[data-thousands]") && /^[\d\s\u00a0\u202f]+$/.test(field.value)) {
      field.value = field.value.replace(spaces, "");
    }
  });
  document.addEventListener("focusout", function (event) {
    var field = event.target;
    if (field.matches && field.matches("input[data-thousands]") && /^\d+$/.test(field.value)) {
      field.value = group(field.value);
    }
  });
})();
