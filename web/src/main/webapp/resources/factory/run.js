// The run page follows its run live: the server pushes each optimiser step over Server-Sent Events and the charts,
// progress bar and ETA update without reloading. Chat answers stream token by token the same way.
(function () {
  function widget(name) {
    try { return PF(name); } catch (e) { return null; }
  }

  function push(chartName, label, values) {
    var w = widget(chartName);
    if (!w || !w.chart) return false;
    var chart = w.chart;
    chart.data.labels.push(label);
    for (var i = 0; i < values.length; i++) {
      chart.data.datasets[i].data.push(values[i]);
    }
    return true;
  }

  function ended(status) {
    return status === 'COMPLETED' || status === 'CANCELLED' || status === 'FAILED';
  }

  function follow(live) {
    var started = Date.now();
    var firstStep = null;
    var pending = [];
    var source = new EventSource(live.getAttribute('data-events'));
    function draw() {
      while (pending.length) {
        var m = pending[0];
        var ok = push('lossChart', m.step, [m.loss, m.validationLoss === undefined ? null : m.validationLoss]);
        if (!ok) return; // the charts are not rendered yet: keep the points
        push('lrChart', m.step, [m.learningRate]);
        push('tpsChart', m.step, [m.tokensPerSecond]);
        pending.shift();
      }
      ['lossChart', 'lrChart', 'tpsChart'].forEach(function (n) { var w = widget(n); if (w && w.chart) w.chart.update(); });
    }
    source.addEventListener('metric', function (e) {
      var m = JSON.parse(e.data);
      pending.push(m);
      if (firstStep === null) { firstStep = m.step; started = Date.now(); }
      document.getElementById('run-step').textContent = m.step;
      document.getElementById('run-rate').textContent = Math.round(m.tokensPerSecond);
      var done = m.step - firstStep;
      if (done > 0) {
        var perStep = (Date.now() - started) / done;
        document.getElementById('run-eta').textContent = Math.max(0, Math.round(perStep * (m.totalSteps - m.step) / 1000)) + ' s';
      }
      var bar = widget('runProgress');
      if (bar) bar.setValue(Math.round(100 * m.step / m.totalSteps));
      draw();
    });
    var logList = document.getElementById('run-log');
    var logged = logList ? parseInt(logList.getAttribute('data-count') || '0', 10) : 0;
    source.addEventListener('log', function (e) {
      var entry = JSON.parse(e.data);
      if (!logList || entry.index < logged) return; // already on the page
      logged = entry.index + 1;
      var item = document.createElement('li');
      var when = document.createElement('span');
      when.className = 'factory-log-time';
      if (entry.at) {
        var time = document.createElement('time');
        time.setAttribute('datetime', entry.at);
        time.title = entry.at;
        time.textContent = new Date(entry.at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
        when.appendChild(time);
      }
      var kind = document.createElement('span');
      kind.className = 'factory-log-kind factory-log-' + entry.kind.toLowerCase();
      kind.textContent = entry.kindLabel;
      var message = document.createElement('span');
      message.className = 'factory-log-message';
      message.textContent = entry.message;
      item.appendChild(when);
      item.appendChild(document.createTextNode(' '));
      item.appendChild(kind);
      item.appendChild(document.createTextNode(' '));
      item.appendChild(message);
      logList.appendChild(item);
    });
    source.addEventListener('status', function (e) {
      var s = JSON.parse(e.data);
      var status = document.getElementById('run-status');
      status.setAttribute('data-status', s.status);
      status.textContent = s.statusLabel + (s.cancelRequested && s.status === 'RUNNING' ? ' (stopping)' : '');
      document.getElementById('run-queue').textContent = s.status === 'QUEUED' ? '(position ' + s.queuePosition + ' in the queue)' : '';
      if (s.failureReason) document.getElementById('run-failure').textContent = s.failureReason;
      if (ended(s.status)) {
        var bar = widget('runProgress');
        if (bar) bar.setValue(s.percent);
        document.getElementById('run-eta').textContent = '–';
        // Nothing left to cancel: the button goes once the run has ended.
        var cancel = document.getElementById('actions:cancel');
        if (cancel) cancel.style.display = 'none';
      }
    });
    source.addEventListener('error', function () {
      // The stream ends with the run; stop reconnecting once it has ended.
      if (ended(document.getElementById('run-status').getAttribute('data-status'))) source.close();
    });
    setInterval(draw, 500);
  }

  function ask(url, target) {
    target.textContent = '';
    var source = new EventSource(url);
    source.addEventListener('token', function (e) { target.textContent += JSON.parse(e.data).text; });
    source.addEventListener('done', function (e) { target.textContent = JSON.parse(e.data).text; source.close(); });
    source.addEventListener('error', function () { source.close(); });
  }

  function chat(live) {
    var button = document.getElementById('chat-send');
    if (!button) return;
    button.addEventListener('click', function () {
      var prompt = document.getElementById('chat-prompt').value;
      var temperature = document.getElementById('chat-temperature').value || '0';
      var base = live.getAttribute('data-chat') + '?prompt=' + encodeURIComponent(prompt) + '&temperature=' + encodeURIComponent(temperature);
      ask(base + '&adapter=false', document.getElementById('chat-base'));
      ask(base + '&adapter=true', document.getElementById('chat-adapter'));
    });
  }

  function start() {
    var live = document.getElementById('run-live');
    if (!live) return;
    follow(live);
    chat(live);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start); else start();
})();
