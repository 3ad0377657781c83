// An expired session turns page updates into a redirect to the sign-in page, which XHR cannot follow:
// reload instead, so the browser signs in again and comes back here.
$(document).on('pfAjaxError', function (event, xhr) {
  if (xhr.status === 0 || xhr.status === 401 || xhr.status === 403) { window.location.reload(); }
});

// The viewer's time zone for the server's formatting of times (ViewerZone reads it; UTC until it arrives).
(function () {
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone) {
      document.cookie = 'tributary-tz=' + encodeURIComponent(zone) + '; path=/; max-age=31536000; SameSite=Lax'
        + (location.protocol === 'https:' ? '; Secure' : '');
    }
  } catch (e) { /* no Intl: times stay in UTC, which the pages say */ }
})();
