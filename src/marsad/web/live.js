// marsad live updates: subscribe to the server-sent event stream (api/stream) and mark the events
// that arrived or changed since the page was opened with a "new" badge in the feed.
// Self-contained: it needs only feed items shaped `#feed li[data-event-id]`, and a callback from
// app.js that reloads the data when events arrive. Text goes in with textContent only.
const LABELS = { en: "new", ar: "جديد" };
const fresh = new Set(); // ids of events new or updated since the page was opened, not yet opened
let reload = () => Promise.resolve();
let timer = null;

export function startLive(onChange) {
  if (onChange) reload = onChange;
  if (!("EventSource" in window)) return null;
  addStyle();
  watchFeed();
  const source = new EventSource("api/stream");
  source.addEventListener("hello", () => { document.body.dataset.live = "on"; });
  source.addEventListener("event", (message) => {
    const change = JSON.parse(message.data);
    if (change.kind === "deleted") fresh.delete(change.event_id);
    else fresh.add(change.event_id);
    scheduleReload();
  });
  // The browser reconnects by itself, sending Last-Event-ID, so nothing is missed meanwhile.
  source.onerror = () => { document.body.dataset.live = "reconnecting"; };
  return source;
}

export function newEventIds() { return [...fresh]; }

function scheduleReload() {
  clearTimeout(timer);
  timer = setTimeout(async () => {
    try { await reload(); } finally { markFeed(); }
  }, 300); // a burst of events (one report, several events) reloads once
}

function label() { return LABELS[document.documentElement.lang] || LABELS.en; }

function markFeed() {
  document.querySelectorAll("#feed li[data-event-id]").forEach((li) => {
    const isNew = fresh.has(li.dataset.eventId);
    li.classList.toggle("is-new", isNew);
    let badge = li.querySelector(".new-badge");
    if (isNew && !badge) {
      badge = document.createElement("span");
      badge.className = "new-badge";
      (li.querySelector(".title") || li).append(badge); // beside the item's title when it has one
    }
    if (isNew) badge.textContent = label();
    else if (badge) badge.remove();
  });
  document.body.dataset.newEvents = String(fresh.size);
}

function watchFeed() {
  const feed = document.getElementById("feed");
  if (!feed) return;
  // The feed is redrawn on every filter change and map move: mark the new items each time.
  new MutationObserver(markFeed).observe(feed, { childList: true });
  feed.addEventListener("click", (e) => {
    const li = e.target.closest("li[data-event-id]");
    if (li && fresh.delete(li.dataset.eventId)) markFeed();
  });
}

function addStyle() {
  if (document.getElementById("live-style")) return;
  const style = document.createElement("style");
  style.id = "live-style";
  style.textContent = `
    #feed li.is-new { box-shadow: inset 3px 0 0 #d7301f; }
    html[dir="rtl"] #feed li.is-new { box-shadow: inset -3px 0 0 #d7301f; }
    .new-badge { display: inline-block; vertical-align: middle; margin-inline-start: 6px; padding: 0 6px;
      border-radius: 8px; background: #d7301f; color: #fff; font-size: 11px; font-weight: 600; line-height: 16px;
      white-space: nowrap; }`;
  document.head.append(style);
}
