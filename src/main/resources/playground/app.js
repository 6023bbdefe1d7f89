// The playground: plays the customer (website chat, Telegram) and the operator through the sandbox's control API
// (/sandbox/...), nothing else, and re-reads what /sandbox/events says changed. No framework, no build step.
'use strict';

const $ = (id) => document.getElementById(id);
const BOT_LABEL = 200;
const OPERATOR_LABEL = 201;
const LOG_LINES = 40;
const saved = (key) => sessionStorage.getItem('playground.' + key);
const save = (key, value) => value == null ? sessionStorage.removeItem('playground.' + key)
    : sessionStorage.setItem('playground.' + key, String(value));

const state = {
  webCase: saved('webCase'),
  opCase: saved('opCase'),
  about: null, // GET /sandbox: the ids of the bot and the operator, their groups
};

/**
 * What the operator last saw of each case on this page, kept across reloads (localStorage): when it was opened and
 * how many messages it had then. Counting messages rather than comparing dates: Omnidesk's dates stop at the second.
 */
const seenKey = (caseId) => 'playground.seen.' + caseId;
function seen(caseId) {
  try { return JSON.parse(localStorage.getItem(seenKey(caseId))); } catch (broken) { return null; }
}
function markSeen(caseId, messageCount) {
  localStorage.setItem(seenKey(caseId), JSON.stringify({ at: new Date().toISOString(), count: messageCount }));
}

async function api(method, path, body) {
  const init = { method, headers: {} };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (notJson) { json = null; }
  if (!response.ok) {
    const error = new Error((json && json.error) || ('HTTP ' + response.status));
    error.status = response.status;
    throw error;
  }
  return json;
}

function showError(error) {
  const line = $('error');
  line.textContent = error ? 'Ошибка / error: ' + error.message : '';
  line.hidden = !error;
}

/** Runs an action from a button or form, reporting a refusal instead of failing silently. */
async function act(action) {
  try {
    await action();
    showError(null);
  } catch (error) {
    showError(error);
  }
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value == null) continue;
    if (name === 'class') node.className = value;
    else if (name === 'text') node.textContent = value;
    else node.setAttribute(name, value);
  }
  children.forEach((child) => node.append(child));
  return node;
}

const WHO = { customer: 'Клиент', bot: 'Бот', operator: 'Оператор', note: 'Заметка' };
const WHO_EN = { customer: 'Customer', bot: 'Bot', operator: 'Operator', note: 'Internal note' };

function messageItem(from, text, testid, extra) {
  const item = el('li', { class: 'msg from-' + from, 'data-testid': testid, 'data-from': from, title: WHO_EN[from] });
  item.append(el('span', { class: 'who', text: WHO[from] || from }), el('div', { class: 'text', text: text }));
  if (extra) item.append(extra);
  return item;
}

/** Keeps a chat scrolled to the bottom when it was there before the update. */
function replaceChildren(list, items) {
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  list.replaceChildren(...items);
  if (atBottom) list.scrollTop = list.scrollHeight;
}

// ---- customer, Variant 1: the website chat ----

/** A case remembered from before a sandbox restart is gone: forget it rather than show an error forever. */
async function forgetIfGone(request, key) {
  try {
    return await request;
  } catch (error) {
    if (error.status !== 404) throw error;
    state[key] = null;
    save(key, null);
    return null;
  }
}

async function refreshWeb() {
  $('web-case').textContent = state.webCase ? 'обращение #' + state.webCase : 'нет разговора';
  $('web-case').dataset.caseId = state.webCase || '';
  if (!state.webCase) {
    replaceChildren($('web-messages'), []);
    return;
  }
  const view = await forgetIfGone(api('GET', 'sandbox/cases/' + state.webCase), 'webCase');
  if (!view) return refreshWeb();
  // The customer sees what was written to them, never the internal notes.
  const items = view.messages.filter((m) => m.from !== 'note')
      .map((m) => messageItem(m.from, m.content, 'web-message'));
  replaceChildren($('web-messages'), items);
}

async function sendWeb() {
  const text = $('web-text').value;
  if (!text.trim()) return;
  if (state.webCase) {
    await api('POST', 'sandbox/cases/' + state.webCase + '/customer-messages', { text });
  } else {
    const created = await api('POST', 'sandbox/cases', { text, name: $('web-name').value });
    state.webCase = created.case_id;
    save('webCase', state.webCase);
  }
  $('web-text').value = '';
  await Promise.all([refreshWeb(), refreshCases()]);
}

// ---- customer, Variant 2: Telegram ----

function chatId() {
  return $('tg-chat').value.trim();
}

async function refreshTelegram() {
  let view;
  try {
    view = await api('GET', 'sandbox/telegram/chats/' + encodeURIComponent(chatId()));
  } catch (error) {
    if (error.status === 404) { // nobody wrote from this chat yet
      replaceChildren($('tg-messages'), []);
      return;
    }
    throw error;
  }
  const items = view.messages.map((m) => messageItem(m.from, m.text, 'tg-message', keyboard(m.keyboard)));
  replaceChildren($('tg-messages'), items);
}

/** An inline keyboard as buttons that press; none when the bot removed it. */
function keyboard(rows) {
  if (!rows) return null;
  const board = el('div', { class: 'keyboard', 'data-testid': 'tg-keyboard' });
  for (const row of rows) {
    const line = el('div', { class: 'keys' });
    for (const button of row) {
      const key = el('button', { type: 'button', 'data-testid': 'tg-button', text: button.text,
        title: 'Press (callback_data: ' + button.callback_data + ')' });
      key.addEventListener('click', () => act(async () => {
        await api('POST', 'sandbox/telegram/chats/' + encodeURIComponent(chatId()) + '/press', { text: button.text });
        await refreshTelegram();
      }));
      line.append(key);
    }
    board.append(line);
  }
  return board;
}

async function sendTelegram() {
  const text = $('tg-text').value;
  if (!text.trim()) return;
  await api('POST', 'sandbox/telegram/chats/' + encodeURIComponent(chatId()) + '/messages',
      { text, name: $('tg-name').value });
  $('tg-text').value = '';
  await refreshTelegram();
}

// ---- the operator ----

function labelName(id) {
  if (id === BOT_LABEL) return 'бот';
  if (id === OPERATOR_LABEL) return 'оператор';
  return String(id);
}

function channelName(channel) {
  return channel === 'cch1' ? 'Telegram' : channel === 'chat' ? 'чат' : channel;
}

/** The bot owns a case with its label that is not closed; an operator owns any other open case. */
function owner(c) {
  if (c.status === 'closed') return 'closed';
  return c.labels.includes(BOT_LABEL) ? 'bot' : 'operator';
}
const OWNER = { bot: 'бот', operator: 'оператор', closed: 'закрыто' };
const OWNER_EN = { bot: 'The bot answers (bot label, open)', operator: 'An operator owns it',
  closed: 'Closed: nobody owns it' };

function staffName(id) {
  const about = state.about || {};
  if (id === about.bot_staff_id) return 'бот';
  if (id === about.operator_staff_id) return 'оператор';
  return 'сотрудник ' + id;
}

function groupName(id) {
  const about = state.about || {};
  if (id === about.bot_group_id) return 'группа бота';
  if (id === about.operator_group_id) return 'поддержка';
  return 'группа ' + id;
}

/** The assignee and the group, when the case has them (0 or none: not assigned). */
function assignee(c) {
  const parts = [];
  if (c.staff_id) parts.push(staffName(c.staff_id));
  if (c.group_id) parts.push(groupName(c.group_id));
  return parts.join(' · ') || '—';
}

/** The customer wrote last, after the operator last opened the case here (or it was never opened). */
function unread(c) {
  const last = c.last_message;
  if (!last || last.from !== 'customer') return false;
  const was = seen(c.case_id);
  return !was || c.message_count > was.count;
}

async function refreshCases() {
  const cases = await api('GET', 'sandbox/cases');
  const rows = cases.slice().reverse().map((c) => {
    const last = c.last_message;
    const open = String(c.case_id) === String(state.opCase);
    if (open) markSeen(c.case_id, c.message_count); // the operator is looking at it
    const isUnread = !open && unread(c);
    const who = owner(c);
    const row = el('tr', { 'data-testid': 'op-case-row', 'data-case-id': c.case_id, 'data-bot': c.bot,
      'data-status': c.status, 'data-channel': c.channel, 'data-owner': who, 'data-unread': isUnread,
      tabindex: '0', title: 'Open case ' + c.case_id + (isUnread ? ' (unread)' : ''),
      class: [open ? 'selected' : '', isUnread ? 'has-unread' : ''].join(' ').trim() || null });
    const title = el('td', { text: '#' + c.case_id });
    if (isUnread) {
      title.prepend(el('span', { class: 'unread', 'data-testid': 'op-case-unread', text: '●',
        title: 'Unread: the customer wrote since you last opened this case', 'aria-label': 'непрочитано' }));
    }
    row.append(
        title,
        el('td', { text: c.user_name || '—' }),
        el('td', { text: channelName(c.channel) }),
        el('td', { text: c.status, 'data-testid': 'op-case-status' }),
        el('td', { 'data-testid': 'op-case-owner' },
            el('span', { class: 'owner ' + who, text: OWNER[who], title: OWNER_EN[who] })),
        el('td', { text: assignee(c), 'data-testid': 'op-case-assignee', title: 'Assignee · group' }),
        el('td', { 'data-testid': 'op-case-labels' }, ...c.labels.map((id) =>
            el('span', { class: 'label' + (id === BOT_LABEL ? ' bot' : ''), text: labelName(id) }))),
        el('td', { class: 'last', text: last ? (WHO[last.from] || last.from) + ': ' + last.content : '' }));
    row.addEventListener('click', () => openCase(c.case_id));
    row.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        openCase(c.case_id);
      }
    });
    return row;
  });
  $('op-cases').tBodies[0].replaceChildren(...rows);
}

function openCase(caseId) {
  state.opCase = caseId;
  save('opCase', caseId);
  act(() => Promise.all([refreshCases(), refreshOperatorCase()]));
}

async function refreshOperatorCase() {
  const panel = $('op-case');
  if (!state.opCase) {
    panel.hidden = true;
    return;
  }
  const view = await forgetIfGone(api('GET', 'sandbox/cases/' + state.opCase), 'opCase');
  if (!view) return refreshOperatorCase();
  const c = view.case;
  markSeen(c.case_id, view.messages.length);
  const bot = c.labels.includes(BOT_LABEL);
  panel.hidden = false;
  panel.dataset.caseId = c.case_id;
  panel.dataset.bot = bot;
  panel.dataset.status = c.status;
  $('op-case-title').textContent = '#' + c.case_id + ' · ' + channelName(c.channel) + ' · ' + c.status
      + ' · ' + (c.status === 'closed' ? 'закрыто' : bot ? 'отвечает бот' : 'у оператора')
      + (c.staff_id || c.group_id ? ' · ' + assignee(c) : '');
  $('op-bot-off').disabled = !bot;
  $('op-bot-on').disabled = bot;
  $('op-close').disabled = c.status === 'closed';
  replaceChildren($('op-messages'), view.messages.map((m) => messageItem(m.from, m.content, 'op-message')));
}

async function operatorAction(method, suffix, body) {
  if (!state.opCase) return;
  await api(method, 'sandbox/cases/' + state.opCase + suffix, body);
  await Promise.all([refreshOperatorCase(), refreshCases()]);
}

async function sendOperator(note) {
  const text = $('op-text').value;
  if (!text.trim()) return;
  await operatorAction('POST', note ? '/notes' : '/operator-messages', { text });
  $('op-text').value = '';
}

// ---- what the bridge does ----

/** The browser's local time of day, to the millisecond when known: the logs and Omnidesk's dates differ in zone. */
function timeOfDay(text) {
  const date = new Date(text);
  if (isNaN(date)) return text;
  const two = (n) => String(n).padStart(2, '0');
  return two(date.getHours()) + ':' + two(date.getMinutes()) + ':' + two(date.getSeconds()) + '.'
      + String(date.getMilliseconds()).padStart(3, '0');
}

async function refreshWebhooks() {
  const all = await api('GET', 'sandbox/webhooks');
  const items = all.slice(-LOG_LINES).reverse().map((d) => el('li', {
    'data-testid': 'webhook', 'data-status': d.status, class: d.status >= 200 && d.status < 300 ? 'ok' : 'failed',
    title: d.body, text: timeOfDay(d.sent_at) + ' #' + d.case_id + ' ' + d.rule + ' → ' + d.status
        + (d.answer ? ' ' + d.answer : '') }));
  $('webhooks').replaceChildren(...items);
}

async function refreshCalls() {
  const all = await api('GET', 'sandbox/calls');
  const items = all.slice(-LOG_LINES).reverse().map((c) => el('li', {
    'data-testid': 'call', 'data-status': c.status, class: c.status < 400 ? 'ok' : 'failed',
    'data-cost': c.cost, title: (c.body || c.query || '') + ' (cost: ' + c.cost + ' API units)',
    text: timeOfDay(c.timestamp) + ' ' + c.method + ' ' + c.path + (c.query ? '?' + c.query : '') + ' → ' + c.status
        + ' · ' + c.cost + ' ед. · осталось ' + c.calls_left }));
  $('calls').replaceChildren(...items);
  const latest = all[all.length - 1];
  $('budget').textContent = latest ? 'Бюджет API: осталось ' + latest.calls_left + ' после последнего вызова' : '';
}

async function refreshFaults() {
  const f = await api('GET', 'sandbox/faults');
  const parts = [];
  if (f.failNext > 0) parts.push('ещё ' + f.failNext + ' × ' + f.failStatus);
  if (f.failNextWrites > 0) parts.push('записи: ещё ' + f.failNextWrites + ' × сбой');
  if (f.slowWrites > 0) parts.push('медленные записи: ещё ' + f.slowWrites + ' по ' + f.slowWriteMillis + ' мс');
  if (f.delayMillis > 0) parts.push('задержка ' + f.delayMillis + ' мс');
  parts.push('лимит ' + f.rateLimitPerWindow + ' ед. / ' + f.rateWindowSeconds + ' с');
  $('fault-state').textContent = parts.join(' · ');
  $('fault-state').dataset.failNext = f.failNext;
  $('fault-state').dataset.failStatus = f.failStatus;
  $('fault-state').dataset.failNextWrites = f.failNextWrites;
  $('fault-state').dataset.slowWrites = f.slowWrites;
  if (!$('fault-limit').dataset.edited) $('fault-limit').value = f.rateLimitPerWindow;
}

/**
 * The bridge's handoffs: its note in a website chat's case, the transcript that opens a Telegram chat's case; both
 * start with "Bot handoff: <reason> - <why>".
 */
async function refreshHandoffs() {
  const latest = await api('GET', 'sandbox/messages?last=500');
  const items = latest.filter((m) => m.content.startsWith('Bot handoff:')).reverse().map((m) => el('li', {
    'data-testid': 'handoff', 'data-case-id': m.case_id, title: m.content,
    text: timeOfDay(m.created_at) + ' #' + m.case_id + ' ' + m.content.split('\n')[0].substring(13) }));
  $('handoffs').replaceChildren(...items);
}

async function refreshTelegramFaults() {
  const f = await api('GET', 'sandbox/telegram/faults');
  const parts = [];
  if (f.failNext > 0) parts.push('ещё ' + f.failNext + ' × ' + f.failStatus + (f.method ? ' (' + f.method + ')' : ''));
  if (f.perChatLimit) parts.push('лимит на чат');
  $('tg-fault-state').textContent = parts.join(' · ') || 'нет сбоев';
  $('tg-fault-state').dataset.failNext = f.failNext;
  $('tg-fault-state').dataset.perChatLimit = f.perChatLimit;
  $('tg-per-chat').checked = f.perChatLimit;
}

/** The bridge's Bot API calls; successful long polls (getUpdates) only when asked for, they would fill the list. */
async function refreshTelegramCalls() {
  const all = await api('GET', 'sandbox/telegram/calls');
  const polls = $('tg-calls-polls').checked;
  const shown = all.filter((c) => polls || c.method !== 'getUpdates' || c.status !== 200);
  const items = shown.slice(-LOG_LINES).reverse().map((c) => el('li', {
    'data-testid': 'tg-call', 'data-method': c.method, 'data-status': c.status,
    'data-chat-id': c.chat_id == null ? null : c.chat_id, class: c.status === 200 ? 'ok' : 'failed',
    title: c.path + (c.description ? ' — ' + c.description : ''),
    text: timeOfDay(c.timestamp) + ' ' + c.method + (c.chat_id == null ? '' : ' чат ' + c.chat_id) + ' → ' + c.status
        + (c.description ? ' ' + c.description : '') }));
  $('tg-calls').replaceChildren(...items);
}

/** What Omnidesk posted to the custom channel (the bridge's Telegram side) and what the bridge answered. */
async function refreshChannel() {
  const all = await api('GET', 'sandbox/channel/deliveries');
  const items = all.slice(-LOG_LINES).reverse().map((d) => el('li', {
    'data-testid': 'channel-delivery', 'data-case-id': d.case_id, 'data-message-id': d.message_id,
    'data-status': d.status, class: d.status >= 200 && d.status < 300 ? 'ok' : 'failed',
    title: d.body + (d.attempts > 1 ? ' (attempts: ' + d.attempts + ')' : ''),
    text: timeOfDay(d.sent_at) + ' #' + d.case_id + ' сообщение ' + d.message_id + ' → '
        + (d.status < 0 ? 'не доставлено' : d.status) + (d.answer ? ' ' + d.answer : '')
        + (d.attempts > 1 ? ' · попыток ' + d.attempts : '') }));
  $('channel-deliveries').replaceChildren(...items);
}

/**
 * POST /sandbox/scenario/reload: the bridge re-reads its scenario file. The outcome stays next to the button:
 * green with the bot now answering, red with what is wrong (the file, the line) or why there is nothing to reload.
 */
async function reloadScenario() {
  const line = $('scenario-result');
  line.hidden = false;
  line.className = 'result';
  line.textContent = 'перечитываю…';
  delete line.dataset.outcome;
  let status = 0;
  let json = null;
  try {
    const response = await fetch('sandbox/scenario/reload', { method: 'POST' });
    status = response.status;
    const text = await response.text();
    try { json = text ? JSON.parse(text) : null; } catch (notJson) { json = null; }
  } catch (unreachable) {
    json = { message: unreachable.message };
  }
  const ok = status >= 200 && status < 300;
  line.className = 'result ' + (ok ? 'ok' : 'failed');
  line.dataset.outcome = ok ? 'ok' : 'error';
  line.dataset.status = status;
  if (ok) {
    line.textContent = 'Сценарий перечитан: ' + ((json && json.bot) || 'бот отвечает');
    line.title = 'Reloaded; the bot now answering';
  } else {
    const why = { invalid_scenario: 'ошибка в сценарии', external_bot: 'внешний движок, перечитывать нечего',
      no_bridge: 'мост не подключён', not_found: 'нет такой команды в этой версии' }[json && json.error];
    line.textContent = 'Не перечитан' + (status ? ' (' + status + ')' : '') + (why ? ': ' + why : '')
        + (json && json.message ? ' — ' + json.message : '');
    line.title = 'Not reloaded: ' + ((json && (json.message || json.error)) || 'HTTP ' + status);
  }
}

// ---- live updates ----

const REFRESH = {
  cases: () => Promise.all([refreshWeb(), refreshCases(), refreshOperatorCase(), refreshHandoffs()]),
  telegram: () => Promise.all([refreshTelegram(), refreshTelegramFaults()]),
  webhooks: refreshWebhooks,
  calls: () => Promise.all([refreshCalls(), refreshFaults()]),
  channel: refreshChannel,
  'telegram-calls': refreshTelegramCalls,
};

const running = {};
const again = {};

/** One refresh of a kind at a time; a change during it means one more afterwards, so the last view is current. */
async function refresh(kind) {
  if (running[kind]) {
    again[kind] = true;
    return;
  }
  running[kind] = true;
  try {
    do {
      again[kind] = false;
      try {
        await REFRESH[kind]();
      } catch (error) {
        showError(error);
      }
    } while (again[kind]);
  } finally {
    running[kind] = false;
  }
}

function refreshAll() {
  Object.keys(REFRESH).forEach(refresh);
}

function listen() {
  if (!window.EventSource) { // no Server-Sent Events: poll instead
    setInterval(refreshAll, 1000);
    return;
  }
  const events = new EventSource('sandbox/events');
  events.addEventListener('open', () => {
    $('live').textContent = 'онлайн';
    $('live').className = 'live on';
  });
  events.addEventListener('error', () => { // the browser reconnects by itself; the first event re-reads everything
    $('live').textContent = 'нет связи';
    $('live').className = 'live off';
  });
  // the first event of a connection names every kind: everything is read again after a reconnect
  events.addEventListener('changed', (event) => {
    JSON.parse(event.data).what.filter((kind) => REFRESH[kind]).forEach(refresh);
  });
}

// ---- wiring ----

/** Enter sends, Shift+Enter starts a new line (as in chat apps). */
function enterSends(textarea, send) {
  textarea.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      send();
    }
  });
}

function wire() {
  const header = document.querySelector('header');
  header.append(el('span', { id: 'error', 'data-testid': 'error', class: 'error', hidden: '' }));

  const web = () => act(sendWeb);
  $('web-form').addEventListener('submit', (e) => { e.preventDefault(); web(); });
  enterSends($('web-text'), web);
  $('web-new').addEventListener('click', () => {
    state.webCase = null;
    save('webCase', null);
    act(refreshWeb);
    $('web-text').focus();
  });

  const tg = () => act(sendTelegram);
  $('tg-form').addEventListener('submit', (e) => { e.preventDefault(); tg(); });
  enterSends($('tg-text'), tg);
  $('tg-chat').addEventListener('change', () => act(refreshTelegram));

  const reply = () => act(() => sendOperator(false));
  $('op-form').addEventListener('submit', (e) => { e.preventDefault(); reply(); });
  enterSends($('op-text'), reply);
  $('op-note').addEventListener('click', () => act(() => sendOperator(true)));
  $('op-bot-off').addEventListener('click', () => act(() => operatorAction('DELETE', '/labels/' + BOT_LABEL)));
  $('op-bot-on').addEventListener('click', () => act(() => operatorAction('POST', '/labels/' + BOT_LABEL)));
  $('op-close').addEventListener('click', () => act(() => operatorAction('POST', '/close')));
  $('op-case-hide').addEventListener('click', () => {
    const was = state.opCase;
    state.opCase = null;
    save('opCase', null);
    act(async () => {
      await Promise.all([refreshCases(), refreshOperatorCase()]);
      const row = document.querySelector('[data-testid=op-case-row][data-case-id="' + was + '"]');
      if (row) row.focus(); // the keyboard stays where the case was
    });
  });

  const retryAfterShown = () => { $('fault-retry-label').hidden = $('fault-status').value !== '429'; };
  $('fault-status').addEventListener('change', retryAfterShown);
  retryAfterShown();
  $('fault-set').addEventListener('click', () => act(async () => {
    const count = Number($('fault-count').value);
    const status = Number($('fault-status').value);
    const body = $('fault-writes-only').checked ? { failNextWrites: count, failStatus: status }
        : { failNext: count, failStatus: status };
    if (status === 429 && !$('fault-writes-only').checked) body.retryAfter = Number($('fault-retry-after').value);
    await api('POST', 'sandbox/faults', body);
    await refreshFaults();
  }));
  $('fault-slow-set').addEventListener('click', () => act(async () => {
    await api('POST', 'sandbox/faults', { slowWrites: Number($('fault-slow-count').value),
      slowWriteMillis: Number($('fault-slow-millis').value) });
    await refreshFaults();
  }));
  $('tg-per-chat').addEventListener('change', () => act(async () => {
    await api('POST', 'sandbox/telegram/faults', { perChatLimit: $('tg-per-chat').checked });
    await refreshTelegramFaults();
  }));
  $('tg-calls-polls').addEventListener('change', () => act(refreshTelegramCalls));
  $('scenario-reload').addEventListener('click', () => reloadScenario());
  $('fault-delay-set').addEventListener('click', () => act(async () => {
    await api('POST', 'sandbox/faults', { delayMillis: Number($('fault-delay').value) });
    await refreshFaults();
  }));
  $('fault-limit').addEventListener('input', () => { $('fault-limit').dataset.edited = 'yes'; });
  $('fault-limit-set').addEventListener('click', () => act(async () => {
    await api('POST', 'sandbox/faults', { rateLimitPerWindow: Number($('fault-limit').value) });
    await refreshFaults();
  }));
  $('tg-fault-set').addEventListener('click', () => act(async () => {
    await api('POST', 'sandbox/telegram/faults', { failNext: Number($('tg-fault-count').value),
      failStatus: Number($('tg-fault-status').value), retryAfter: 1, method: $('tg-fault-method').value });
    await refreshTelegramFaults();
  }));
  $('tg-fault-reset').addEventListener('click', () => act(async () => {
    await api('POST', 'sandbox/telegram/faults', { reset: true });
    await refreshTelegramFaults();
  }));
  $('fault-reset').addEventListener('click', () => act(async () => {
    await api('POST', 'sandbox/faults', { reset: true });
    await refreshFaults();
  }));
}

async function loadAbout() {
  state.about = await api('GET', 'sandbox');
  refresh('cases'); // the assignees' names
}

wire();
refreshAll();
act(loadAbout);
listen();
