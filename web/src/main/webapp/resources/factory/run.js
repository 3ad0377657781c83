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
    source.addEventListener('status', function (e) {
      var s = JSON.parse(e.data);
      document.getElementById('run-status').textContent = s.status + (s.cancelRequested && s.status === 'RUNNING' ? ' (stopping)' : '');
      document.getElementById('run-queue').textContent = s.status === 'QUEUED' ? '(position ' + s.queuePosition + ' in the queue)' : '';
      if (s.failureReason) document.getElementById('run-failure').textContent = s.failureReason;
      if (s.status === 'COMPLETED' || s.status === 'CANCELLED' || s.status === 'FAILED') {
        var bar = widget('runProgress');
        if (bar && s.status === 'COMPLETED') bar.setValue(100);
        document.getElementById('run-eta').textContent = '–';
      }
    });
    source.addEventListener('error', function () {
      // The stream ends with the run; stop reconnecting once it has ended.
      var status = document.getElementById('run-status').textContent;
      if (/COMPLETED|CANCELLED|FAILED/.test(status)) source.close();
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
