// Progress of a KOSTRA upload: percent while the file is sent, then a note while the figures are computed.
document.addEventListener("htmx:xhr:progress", function (event) {
  var bar = document.getElementById("kostra-opplasting");
  var text = document.getElementById("kostra-fremdrift-tekst");
  if (!bar || !text || !event.detail.lengthComputable) { return; }
  var percent = Math.round((event.detail.loaded / event.detail.total) * 100);
  bar.value = percent;
  text.textContent = percent < 100 ? "Laster opp: " + percent + " %" : "Filene er lastet opp. Beregner nøkkeltallene …";
});
document.addEventListener("htmx:afterSwap", function (event) {
  if (event.detail.target.id !== "kostra-resultat") { return; }
  var heading = event.detail.target.querySelector("[data-focus-on-load]");
  if (heading) { heading.focus(); }
});
