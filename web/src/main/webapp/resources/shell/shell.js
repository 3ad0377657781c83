// An expired session turns page updates into a redirect to the sign-in page, which XHR cannot follow:
// reload instead, so the browser signs in again and comes back here.
$(document).on('pfAjaxError', function (event, xhr) {
  if (xhr.status === 0 || xhr.status === 401 || xhr.status === 403) { window.location.reload(); }
});
