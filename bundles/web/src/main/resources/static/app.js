// hwplatform's page: keeps the memory chart, the reclaim table and the allocation counters current by polling the
// same JSON documents the shell prints. No libraries; nothing here changes anything on the server.
'use strict';
(() => {
  const SVG = 'http://www.w3.org/2000/svg';
  const WINDOW_MS = 10 * 60 * 1000;
  const COLOURS = ['#4a6fa5', '#c2553a', '#3c8d5a', '#8a5fb8', '#b8862e', '#2f8f9d', '#a23b72', '#6b7280'];
  const BYTES = [['residentBytes', 'resident'], ['balloonBytes', 'balloon'],
    ['balloonTargetBytes', 'balloon target'], ['poolInUseBytes', 'pool in use'], ['poolMappedBytes', 'pool mapped']];
  const chart = document.getElementById('memory-chart');
  const reclaimRows = document.querySelector('#reclaims tbody');

  function element(name, attributes, text) {
    const node = document.createElementNS(SVG, name);
    for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function mib(bytes) {
    return (bytes / 1048576).toFixed(1) + ' MiB';
  }

  function line(points, colour, cssClass) {
    return element('polyline', {points: points.map(p => p.join(',')).join(' '), fill: 'none', stroke: colour,
      'stroke-width': 2, class: cssClass});
  }

  function draw(history) {
    const samples = history.samples;
    const width = Math.max(320, chart.clientWidth || 800);
    const height = 280;
    const left = 70, right = 12, top = 12, levelsHeight = 70, bytesTop = 122, bottom = height - 22;
    const now = samples.length ? samples[samples.length - 1].time : Date.now();
    // the history there is, up to ten minutes, at least one: a page opened after a restart is readable at once
    const span = Math.max(30000, Math.min(WINDOW_MS, now - (samples.length ? samples[0].time : now)));
    const start = now - span;
    const x = time => left + (time - start) / span * (width - left - right);
    const svg = element('svg', {viewBox: `0 0 ${width} ${height}`, width: '100%', height: height, class: 'memory'});
    const legend = document.createElement('ul');
    legend.className = 'legend';
    const key = (colour, label) => {
      const item = document.createElement('li');
      item.innerHTML = `<span class="swatch" style="background:${colour}"></span>`;
      item.append(label);
      legend.append(item);
    };

    svg.append(element('text', {x: 4, y: top + 8, class: 'axis'}, 'critical'),
      element('text', {x: 4, y: top + levelsHeight / 2 + 4, class: 'axis'}, 'moderate'),
      element('text', {x: 4, y: top + levelsHeight + 4, class: 'axis'}, 'none'),
      element('line', {x1: left, x2: width - right, y1: top + levelsHeight, y2: top + levelsHeight, class: 'grid'}));
    const sources = [...new Set(samples.flatMap(sample => Object.keys(sample.levels)))];
    sources.forEach((source, i) => {
      const colour = COLOURS[i % COLOURS.length];
      svg.append(line(samples.map(sample => [x(sample.time).toFixed(1),
        (top + levelsHeight - (sample.levels[source] || 0) / 2 * levelsHeight).toFixed(1)]), colour, 'level'));
      key(colour, 'pressure: ' + source);
    });

    const known = samples.flatMap(sample => BYTES.map(([field]) => sample[field]).filter(value => value >= 0));
    const max = Math.max(1, ...known);
    const y = bytes => bottom - bytes / max * (bottom - bytesTop);
    svg.append(element('text', {x: 4, y: bytesTop + 4, class: 'axis'}, mib(max)),
      element('text', {x: 4, y: bottom, class: 'axis'}, '0'),
      element('line', {x1: left, x2: width - right, y1: bottom, y2: bottom, class: 'grid'}),
      element('text', {x: left, y: height - 4, class: 'axis'},
        span >= 120000 ? Math.round(span / 60000) + ' min ago' : Math.round(span / 1000) + ' s ago'),
      element('text', {x: width - right, y: height - 4, class: 'axis', 'text-anchor': 'end'}, 'now'));
    BYTES.forEach(([field, label], i) => {
      const points = samples.filter(sample => sample[field] >= 0)
        .map(sample => [x(sample.time).toFixed(1), y(sample[field]).toFixed(1)]);
      if (points.length === 0) return;
      const colour = COLOURS[(sources.length + i) % COLOURS.length];
      svg.append(line(points, colour, 'bytes'));
      key(colour, label);
    });

    for (const reclaim of history.reclaims) {
      const time = Date.parse(reclaim.time);
      if (time < start) continue;
      const mark = element('line', {x1: x(time), x2: x(time), y1: top, y2: bottom, class: 'reclaim'});
      mark.append(element('title', {}, `reclaim (${reclaim.trigger}, ${reclaim.level}) at ${reclaim.time}: asked `
        + `${mib(reclaim.bytesWanted)}, released ${mib(reclaim.bytesReleased)}, returned ${mib(reclaim.returnedBytes)}`));
      svg.append(mark);
    }
    key('currentColor', 'reclaim (vertical line)');
    chart.replaceChildren(svg, legend);
  }

  function reclaimTable(reclaims) {
    reclaimRows.replaceChildren(...reclaims.slice(-10).reverse().map(reclaim => {
      const row = document.createElement('tr');
      for (const value of [new Date(reclaim.time).toLocaleTimeString(), reclaim.trigger, mib(reclaim.bytesWanted),
        mib(reclaim.bytesReleased), mib(reclaim.returnedBytes)]) {
        const cell = document.createElement('td');
        cell.textContent = value;
        row.append(cell);
      }
      return row;
    }));
  }

  function counters(stats) {
    const counts = Object.assign({failures: stats.failures}, stats.steps);
    for (const [step, count] of Object.entries(counts)) {
      const cell = document.querySelector(`[data-step="${step}"]`);
      if (cell) cell.textContent = count;
    }
  }

  async function json(path) {
    const response = await fetch(path, {cache: 'no-store'});
    if (!response.ok) throw new Error(path + ': HTTP ' + response.status);
    return response.json();
  }

  async function refresh() {
    try {
      const history = await json('api/history');
      draw(history);
      reclaimTable(history.reclaims);
      if (document.getElementById('steps')) counters(await json('api/stats'));
      chart.dataset.updated = String(Date.now());
    } catch (failure) {
      chart.dataset.error = String(failure); // the server stopped or restarts: try again, say nothing in the console
    } finally {
      setTimeout(refresh, 2000);
    }
  }

  const filter = document.getElementById('capability-filter');
  if (filter) {
    filter.addEventListener('input', () => {
      const wanted = filter.value.trim().toLowerCase();
      for (const row of document.querySelectorAll('#capability-table tbody tr')) {
        row.hidden = wanted !== '' && !row.textContent.toLowerCase().includes(wanted);
      }
    });
  }
  refresh();
})();
