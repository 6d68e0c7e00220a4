// Annalist timeline view. Renders the TimelineModel the extension posts (see src/core/timeline.ts) as a list of
// events, each a button with its marks on a shared time axis. Plain DOM and SVG; every dataset or document string
// goes in through textContent or an attribute value, never as markup.
// @ts-check
(function () {
  'use strict';
  const vscode = acquireVsCodeApi();
  const SVG = 'http://www.w3.org/2000/svg';
  const ROW_HEIGHT = 28;
  const MID = ROW_HEIGHT / 2;

  const app = /** @type {HTMLElement} */ (document.getElementById('app'));
  const title = /** @type {HTMLElement} */ (document.getElementById('title'));
  const caption = /** @type {HTMLElement} */ (document.getElementById('caption'));
  const axisBox = /** @type {HTMLElement} */ (document.getElementById('axis'));
  const list = /** @type {HTMLElement} */ (document.getElementById('events'));
  const empty = /** @type {HTMLElement} */ (document.getElementById('empty'));
  const status = /** @type {HTMLElement} */ (document.getElementById('status'));
  const onlyMentioned = /** @type {HTMLInputElement} */ (document.getElementById('only-mentioned'));

  /** @type {any} */
  let model = undefined;
  const saved = vscode.getState() || {};
  /** The id of the event that has (or last had) the focus. */
  let activeId = typeof saved.activeId === 'string' ? saved.activeId : undefined;

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = String(text);
    return node;
  }

  function svg(tag, attrs) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    return node;
  }

  function titled(node, text) {
    const t = svg('title');
    t.textContent = String(text);
    node.appendChild(t);
    return node;
  }

  function plural(n, one, many) {
    return `${n} ${n === 1 ? one : many}`;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Geometry

  /** Width in pixels of the track column (all tracks share it). */
  function trackWidth() {
    const probe = axisBox.querySelector('.track-slot');
    const w = probe ? probe.getBoundingClientRect().width : 0;
    return Math.max(120, Math.floor(w || list.getBoundingClientRect().width * 0.6));
  }

  function scaler(width) {
    const a = model.axis.start;
    const span = Math.max(1, model.axis.end - model.axis.start);
    return (day) => ((day - a) / span) * width;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Drawing

  function drawAxis(width, x) {
    axisBox.replaceChildren();
    const label = el('div', 'axis-label', model.axis.step === 'range' ? '' : `ticks every ${model.axis.step}`);
    const slot = el('div', 'track-slot');
    const s = svg('svg', { width, height: 24, class: 'axis-svg' });
    for (const t of model.axis.ticks) {
      const tx = x(t.day);
      s.appendChild(svg('line', { x1: tx, x2: tx, y1: 16, y2: 24, class: t.major ? 'tick major' : 'tick' }));
      const text = svg('text', { x: tx, y: 12, class: t.major ? 'tick-label major' : 'tick-label', 'text-anchor': 'middle' });
      text.textContent = t.label;
      s.appendChild(text);
    }
    slot.appendChild(s);
    axisBox.append(label, slot);
  }

  /** A mark for a date: a bar for a span, a dot (with a band for an imprecise date) for a point. */
  function dateMark(group, date, x, shape, cls, y, label) {
    const x1 = x(date.start);
    const x2 = x(date.end + 1);
    if (shape === 'span') {
      group.appendChild(titled(svg('rect', { x: x1, y: y - 4, width: Math.max(2, x2 - x1), height: 8, rx: 2, class: `${cls} span` }), label));
      return;
    }
    const cx = (x1 + x2) / 2;
    if (date.precision !== 'day' && x2 - x1 > 3) {
      group.appendChild(svg('rect', { x: x1, y: y - 3, width: x2 - x1, height: 6, rx: 3, class: `${cls} band` }));
    }
    group.appendChild(titled(svg('circle', { cx, cy: y, r: 4.5, class: `${cls} point` }), label));
  }

  function drawTrack(event, width, x) {
    const s = svg('svg', { width, height: ROW_HEIGHT, class: 'track', 'aria-hidden': 'true', focusable: 'false' });
    for (const t of model.axis.ticks) {
      const tx = x(t.day);
      s.appendChild(svg('line', { x1: tx, x2: tx, y1: 0, y2: ROW_HEIGHT, class: t.major ? 'grid major' : 'grid' }));
    }
    const g = svg('g');
    s.appendChild(g);
    // The curated date, then each disputed date (hollow, dashed), on a line a little lower.
    dateMark(g, event.date, x, event.shape, 'curated', MID, `${event.label}: ${event.date.label}`);
    for (const d of event.disputes) {
      const single = d.date.start === d.date.end;
      dateMark(g, d.date, x, single ? 'point' : 'span', 'dispute', MID + 7, `Other sources: ${d.date.label}${d.sources ? ` (${d.sources})` : ''}`);
    }
    // The dates the document writes for it: a tick on the event when right, a ghost joined to it when misdated.
    for (const k of event.mentions) {
      const m = model.mentions[k];
      if (!m || !m.written) continue;
      const w = m.written.date;
      const wx1 = x(w.start);
      const wx2 = x(w.end + 1);
      const wc = (wx1 + wx2) / 2;
      if (!m.misdated) {
        g.appendChild(titled(svg('path', { d: `M ${wc - 4} 2 L ${wc + 4} 2 L ${wc} 8 Z`, class: 'written' }), `The document writes ${m.written.text}`));
        continue;
      }
      const ex1 = x(event.date.start);
      const ex2 = x(event.date.end + 1);
      const target = wc < ex1 ? ex1 : wc > ex2 ? ex2 : (ex1 + ex2) / 2;
      const cls = m.disputed ? 'ghost disputed' : 'ghost';
      g.appendChild(svg('line', { x1: wc, y1: 5, x2: target, y2: MID, class: `ghost-link${m.disputed ? ' disputed' : ''}` }));
      if (w.precision !== 'day' && wx2 - wx1 > 3) g.appendChild(svg('rect', { x: wx1, y: 2, width: wx2 - wx1, height: 6, rx: 3, class: `${cls} band` }));
      g.appendChild(titled(svg('circle', { cx: wc, cy: 5, r: 4, class: cls }), `Misdated: the document writes ${m.written.text}${m.disputed ? ' (as other sources do)' : ''}`));
    }
    return s;
  }

  function mentionWords(event) {
    const mentions = event.mentions.map((k) => model.mentions[k]).filter(Boolean);
    const misdated = mentions.filter((m) => m.misdated);
    const parts = [];
    if (mentions.length) parts.push(`mentioned ${mentions.length === 1 ? 'once' : `${mentions.length} times`}`);
    for (const m of misdated) parts.push(`misdated: the document writes ${m.written.text}${m.disputed ? ' (as other sources do)' : ''}`);
    return parts;
  }

  function ariaLabel(event) {
    const parts = [event.label, `${event.shape === 'span' ? 'from ' : ''}${event.date.label}`];
    if (event.sources) parts.push(`after ${event.sources.replace(/; /g, ', ')}`);
    for (const d of event.disputes) parts.push(`other sources: ${d.date.label}${d.sources ? ` (${d.sources.replace(/; /g, ', ')})` : ''}`);
    parts.push(...mentionWords(event));
    if (model.document && !event.mentions.length) parts.push('not mentioned');
    return parts.join('; ');
  }

  function row(event, width, x) {
    const li = el('li', 'row');
    if (event.mentioned) li.classList.add('mentioned');
    if (event.misdated) li.classList.add('misdated');
    const button = el('button', 'event');
    button.type = 'button';
    button.dataset.id = event.id;
    button.tabIndex = -1;
    button.setAttribute('aria-label', ariaLabel(event));
    const text = el('span', 'text');
    const name = el('span', 'name', event.label);
    const when = el('span', 'when', event.date.label);
    text.append(name, when);
    for (const d of event.disputes) {
      const dispute = el('span', 'dispute-note', `other sources: ${d.date.label}${d.sources ? ` (${d.sources})` : ''}`);
      text.appendChild(dispute);
    }
    const notes = mentionWords(event);
    if (notes.length) text.appendChild(el('span', event.misdated ? 'mention-note misdated' : 'mention-note', notes.join(' · ')));
    const slot = el('span', 'track-slot');
    slot.appendChild(drawTrack(event, width, x));
    button.append(text, slot);
    if (event.description) button.title = event.description;
    li.appendChild(button);
    return li;
  }

  function render() {
    if (!model) return;
    app.setAttribute('aria-busy', 'false');
    const doc = model.document;
    title.textContent = doc && doc.label ? `Timeline of ${doc.label}` : 'Timeline of the dataset';
    if (doc) {
      caption.textContent = `${plural(model.events.length, 'event', 'events')} shown; the document mentions ${plural(doc.mentioned, 'event', 'events')}` +
        (doc.misdated ? `, ${plural(doc.misdated, 'date', 'dates')} misdated.` : '.');
    } else {
      caption.textContent = `${plural(model.events.length, 'event', 'events')}. Open a Markdown or LaTeX document to see what it mentions.`;
    }
    const hadFocus = list.contains(document.activeElement);
    drawAxis(trackWidth(), scaler(100));
    const width = trackWidth();
    const x = scaler(width);
    drawAxis(width, x);
    list.replaceChildren(...model.events.map((e) => row(e, width, x)));
    empty.hidden = model.events.length > 0;
    empty.textContent = model.events.length ? '' : 'The datasets hold no dated events.';
    const buttons = eventButtons();
    const active = buttons.find((b) => b.dataset.id === activeId) || buttons.find((b) => b.closest('.mentioned')) || buttons[0];
    if (active) {
      active.tabIndex = 0;
      if (hadFocus) active.focus();
    }
  }

  function eventButtons() {
    return /** @type {HTMLButtonElement[]} */ (Array.from(list.querySelectorAll('button.event')));
  }

  function focusButton(button) {
    if (!button) return;
    for (const b of eventButtons()) b.tabIndex = b === button ? 0 : -1;
    button.focus();
    activeId = button.dataset.id;
    vscode.setState({ activeId });
  }

  // ---------------------------------------------------------------------------------------------------------
  // Interaction

  list.addEventListener('click', (e) => {
    const button = /** @type {HTMLElement} */ (e.target).closest('button.event');
    if (!(button instanceof HTMLButtonElement)) return;
    focusButton(button);
    vscode.postMessage({ type: 'reveal', eventId: button.dataset.id });
  });

  list.addEventListener('keydown', (e) => {
    const buttons = eventButtons();
    const k = buttons.indexOf(/** @type {HTMLButtonElement} */ (document.activeElement));
    if (k < 0) return;
    let next;
    if (e.key === 'ArrowDown' || e.key === 'ArrowRight') next = buttons[Math.min(buttons.length - 1, k + 1)];
    else if (e.key === 'ArrowUp' || e.key === 'ArrowLeft') next = buttons[Math.max(0, k - 1)];
    else if (e.key === 'Home') next = buttons[0];
    else if (e.key === 'End') next = buttons[buttons.length - 1];
    else if (e.key === 'PageDown') next = buttons[Math.min(buttons.length - 1, k + 10)];
    else if (e.key === 'PageUp') next = buttons[Math.max(0, k - 10)];
    else if (e.key === 'n' || e.key === 'N') {
      // Next (Shift: previous) event the document mentions.
      const step = e.key === 'N' ? -1 : 1;
      for (let i = k + step; i >= 0 && i < buttons.length; i += step) {
        if (buttons[i].closest('.mentioned')) {
          next = buttons[i];
          break;
        }
      }
    } else if (e.key === 'd' || e.key === 'D') {
      vscode.postMessage({ type: 'openEntry', eventId: buttons[k].dataset.id });
      e.preventDefault();
      return;
    }
    if (next) {
      e.preventDefault();
      focusButton(next);
      next.scrollIntoView({ block: 'nearest' });
    }
  });

  list.addEventListener('focusin', (e) => {
    const button = /** @type {HTMLElement} */ (e.target).closest('button.event');
    if (button instanceof HTMLButtonElement) {
      activeId = button.dataset.id;
      vscode.setState({ activeId });
    }
  });

  onlyMentioned.addEventListener('change', () => {
    vscode.postMessage({ type: 'scope', scope: onlyMentioned.checked ? 'mentioned' : 'all' });
  });

  window.addEventListener('message', (e) => {
    const m = e.data;
    if (!m || typeof m !== 'object') return;
    if (m.type === 'model' && m.model && Array.isArray(m.model.events)) {
      model = m.model;
      onlyMentioned.checked = m.scope === 'mentioned';
      render();
    } else if (m.type === 'status' && typeof m.text === 'string') {
      status.textContent = m.text;
    }
  });

  let resizeTimer;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(render, 100);
  });

  vscode.postMessage({ type: 'ready' });
})();
