// Move focus to the error summary or conflict notice so screen readers announce it at once.
document.addEventListener("DOMContentLoaded", function () {
  var target = document.querySelector("[data-focus-on-load]");
  if (target) { target.focus(); }
});
