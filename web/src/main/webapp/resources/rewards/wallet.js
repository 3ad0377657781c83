// Copies an element's text; navigator.clipboard needs a secure context, so fall back to a selection.
function tributaryCopy(id, button) {
  var text = document.getElementById(id).textContent.trim();
  var done = function () { $(button).find('.ui-button-text').text('Copied'); };
  if (window.isSecureContext) {
    navigator.clipboard.writeText(text).then(done);
    return;
  }
  var area = document.createElement('textarea');
  area.value = text;
  document.body.appendChild(area);
  area.select();
  document.execCommand('copy');
  document.body.removeChild(area);
  done();
}
