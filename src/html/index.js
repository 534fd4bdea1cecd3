"use strict";
// Without --base-url the page does not know where it is hosted: make the
// subscribe links absolute from its own address.
document.querySelectorAll("a[data-feed]").forEach(function (a) {
  var feed = new URL(a.getAttribute("data-feed"), document.baseURI).href;
  var webcal = feed.replace(/^https?:/, "webcal:");
  var name = encodeURIComponent(a.getAttribute("data-name") || "");
  var href = {
    webcal: webcal,
    https: feed,
    google: "https://calendar.google.com/calendar/r?cid=" + encodeURIComponent(webcal),
    "outlook-live": "https://outlook.live.com/calendar/0/addfromweb?url=" + encodeURIComponent(feed) + "&name=" + name,
    "outlook-365": "https://outlook.office.com/calendar/0/addfromweb?url=" + encodeURIComponent(feed) + "&name=" + name
  }[a.getAttribute("data-kind")];
  if (href) a.href = href;
});
// Each time also in the reader's own zone, when it is not the event's.
(function () {
  var zone = document.body.getAttribute("data-zone");
  var mine;
  try { mine = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
  if (!mine || mine === zone) return;
  var fmt = new Intl.DateTimeFormat(undefined, { weekday: "short", hour: "2-digit", minute: "2-digit", timeZoneName: "short" });
  document.querySelectorAll("time[datetime]").forEach(function (t) {
    var start = new Date(t.getAttribute("datetime"));
    if (isNaN(start)) return;
    var span = document.createElement("span");
    span.className = "local";
    span.textContent = fmt.format(start) + " your time";
    t.parentNode.appendChild(span);
  });
})();
