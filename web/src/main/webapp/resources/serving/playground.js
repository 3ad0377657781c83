// The playground's chat: each message is answered as Server-Sent Events in the factory chat's format
// (token pieces, then done with the whole answer, or failed with the reason).
(function () {
  function send(root) {
    var model = document.getElementById('playground-model').value;
    var input = document.getElementById('playground-message');
    var temperature = document.getElementById('playground-temperature').value || '0.7';
    var message = input.value;
    if (!message || !model) return;
    input.value = '';
    var transcript = document.getElementById('playground-transcript');
    var asked = document.createElement('li');
    asked.className = 'playground-you';
    asked.textContent = 'You: ' + message;
    transcript.appendChild(asked);
    var answer = document.createElement('li');
    answer.className = 'playground-model';
    var who = document.createElement('strong');
    who.textContent = model + ': ';
    var text = document.createElement('span');
    text.className = 'playground-answer';
    answer.appendChild(who);
    answer.appendChild(text);
    transcript.appendChild(answer);
    var url = root.getAttribute('data-chat') + '?model=' + encodeURIComponent(model) + '&message='
        + encodeURIComponent(message) + '&temperature=' + encodeURIComponent(temperature);
    var source = new EventSource(url);
    source.addEventListener('token', function (e) { text.textContent += JSON.parse(e.data).text; });
    source.addEventListener('done', function (e) {
      var done = JSON.parse(e.data);
      text.textContent = done.text;
      answer.setAttribute('data-done', 'true');
      source.close();
    });
    source.addEventListener('failed', function (e) {
      text.textContent = JSON.parse(e.data).text;
      answer.setAttribute('data-done', 'failed');
      source.close();
    });
    source.addEventListener('error', function () { source.close(); });
  }

  function start() {
    var root = document.getElementById('playground');
    if (!root) return;
    document.getElementById('playground-send').addEventListener('click', function () { send(root); });
    document.getElementById('playground-message').addEventListener('keydown', function (e) {
      if (e.key === 'Enter') send(root);
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start); else start();
})();
