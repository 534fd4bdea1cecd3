// Headless Chromium (Debian's) against symcal: the page renders, its links
// point where they should, nothing logs an error, hostile text runs nothing.
// Usage: node check.mjs SERVED_URL HOSTILE_URL STATIC_URL SCREENSHOT_DIR
//   SERVED_URL   `symcal serve` of the London page (absolute links)
//   HOSTILE_URL  `symcal serve` of fixtures/pages/hostile.md
//   STATIC_URL   a plain static server of `symcal build` output without --base-url
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";

const [served, hostile, staticUrl, shots] = process.argv.slice(2);
mkdirSync(shots, { recursive: true });
const failures = [];
const check = (ok, what) => {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures.push(what);
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

async function open(url, timezoneId) {
  const context = await browser.newContext({ timezoneId, viewport: { width: 1000, height: 1400 } });
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("dialog", async (d) => { problems.push(`dialog: ${d.message()}`); await d.dismiss(); });
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()}`));
  const response = await page.goto(url, { waitUntil: "load" });
  return { context, page, problems, response };
}

const href = (page, sel) => page.getAttribute(sel, "href");

// 1. the served London page, read from New York
{
  const { context, page, problems, response } = await open(served, "America/New_York");
  const origin = new URL(served).host;
  check(response.status() === 200, "served page: 200");
  check((await page.textContent("h1")).includes("Fairness of AI in Medical Imaging"), "served page: the title is the h1");
  check(await href(page, "#subscribe-webcal") === `webcal://${origin}/feed.ics`, `served page: webcal link is webcal://${origin}/feed.ics`);
  check((await href(page, "#subscribe-google")) === `https://calendar.google.com/calendar/r?cid=${encodeURIComponent(`webcal://${origin}/feed.ics`)}`, "served page: Google cid= link");
  check((await href(page, "#subscribe-outlook")).startsWith(`https://outlook.live.com/calendar/0/addfromweb?url=${encodeURIComponent(`http://${origin}/feed.ics`)}&name=`), "served page: Outlook addfromweb link");
  check(await href(page, "#subscribe-https") === `http://${origin}/feed.ics`, "served page: plain feed link");
  const rows = await page.$$eval("tbody tr", (trs) => trs.length);
  check(rows === 10, `served page: 10 agenda rows (got ${rows})`);
  const local = await page.$$eval(".local", (s) => s.map((x) => x.textContent));
  check(local.length === rows && local[0].includes("your time") && /\b0?8:30\b/.test(local[0]) && /EDT|GMT-4/.test(local[0]), `served page: times also in New York (${local[0]})`);
  const ics = await page.$$eval(".add a", (as) => as.map((a) => a.href).filter((h) => h.endsWith(".ics")));
  check(ics.length === rows, "served page: an .ics link per session");
  for (const link of ics) {
    const r = await context.request.get(link);
    if (r.status() !== 200 || !(r.headers()["content-type"] || "").startsWith("text/calendar")) check(false, `session file ${link}: ${r.status()}`);
  }
  const google = await page.$$eval(".add a", (as) => as.map((a) => a.href).filter((h) => h.startsWith("https://calendar.google.com/calendar/render?action=TEMPLATE")));
  check(google.length === rows && google[1].includes("dates=20250630T130000Z/"), "served page: Google template links in UTC");
  const feed = await context.request.get(`http://${origin}/feed.ics`);
  check(feed.status() === 200 && (await feed.text()).startsWith("BEGIN:VCALENDAR"), "served page: the feed link serves the feed");
  await page.screenshot({ path: `${shots}/index.png`, fullPage: true });
  check(problems.length === 0, `served page: no console errors (${problems.join("; ")})`);
  await context.close();
}

// 2. a hostile title and venue: shown as text, nothing runs
{
  const { context, page, problems } = await open(hostile, "Europe/London");
  const title = await page.textContent("h1");
  check(title.includes("<script>alert(1)</script>"), `hostile page: the script tag is shown as text (${title})`);
  check((await page.$$("img")).length === 0, "hostile page: no <img> element was created");
  const scripts = await page.$$eval("script", (s) => s.length);
  check(scripts === 1, "hostile page: only the page's own script");
  await page.screenshot({ path: `${shots}/hostile.png`, fullPage: true });
  check(problems.length === 0, `hostile page: no dialog, no console error (${problems.join("; ")})`);
  await context.close();
}

// 3. built without --base-url, on any static host: the script makes the links absolute
{
  const { context, page, problems } = await open(staticUrl, "Europe/London");
  const origin = new URL(staticUrl).host;
  check(await href(page, "#subscribe-webcal") === `webcal://${origin}/feed.ics`, `static page: webcal link made absolute (${await href(page, "#subscribe-webcal")})`);
  check((await href(page, "#subscribe-google")).includes(encodeURIComponent(`webcal://${origin}/feed.ics`)), "static page: Google link made absolute");
  check((await page.$$(".local")).length === 0, "static page: no second time for a reader in the event's zone");
  check(problems.length === 0, `static page: no console errors (${problems.join("; ")})`);
  await context.close();
}

await browser.close();
console.log(failures.length ? `${failures.length} failed` : "all browser checks passed");
process.exit(failures.length ? 1 : 0);
