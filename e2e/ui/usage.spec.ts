import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { signIn } from "../fixtures/auth";
import { ALICE } from "../fixtures/config";
import { tokenFor } from "../fixtures/tokens";
import { clock } from "../../src/lib/clock";
import { addMonths, monthKey, monthOf } from "../../src/lib/usage-period";

test("alice opens Usage: the last 30 days by default (a month of data, even on the 1st), this month (or the note that it has just begun), last month's three charts, and a CSV that matches the API", async ({
  page,
  request,
}) => {
  await signIn(page, ALICE);
  await page.getByRole("navigation", { name: "Team sections" }).getByRole("link", { name: "Usage" }).click();
  await expect(page).toHaveURL(/\/teams\/acme\/usage/);
  const token = await tokenFor(ALICE);
  const period = page.getByLabel("Period");
  // Spec 18.3: the default is the last 30 days, today included, so the 1st of a month is not one dot.
  await expect(period).toHaveValue("last-30");
  await expect(page.getByTestId("usage-dashboard")).toHaveAttribute("data-days", "30");
  await expect(page.getByTestId("chart-daily-traffic")).toHaveAttribute("data-has-data", "true");
  await expect(page.getByTestId("chart-storage")).toHaveAttribute("data-has-data", "true");
  const options = await period.locator("option").evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
  expect(options.slice(0, 3)).toEqual(["last-7", "last-30", "last-90"]);
  const months = options.filter((o) => /^\d{4}-\d{2}$/.test(o));
  const current = months[0]!;
  await period.selectOption(current);
  await expect(page).toHaveURL(new RegExp(`month=${current}`));
  // This month's charts, or (in its first minutes, before anything is counted) the note that it has just begun.
  const first = `${current}-01`;
  const dailyInput = encodeURIComponent(JSON.stringify({ json: { team: "acme", from: first, to: first.replace(/-01$/, "-28") } }));
  const thisMonth = (await (await request.get(`/api/trpc/usage.daily?input=${dailyInput}`, { headers: { authorization: `Bearer ${token}` } })).json()).result
    .data.json;
  const thisMonthDays = thisMonth.days as { traffic_bytes: number }[];
  if (thisMonthDays.length > 0) {
    // At a month's first instant its rows exist with no traffic yet: the charts say what is there.
    const traffic = thisMonthDays.some((d) => d.traffic_bytes > 0);
    await expect(page.getByTestId("chart-daily-traffic")).toHaveAttribute("data-has-data", String(traffic));
    await expect(page.getByTestId("chart-storage")).toHaveAttribute("data-has-data", "true");
    await expect(page.getByTestId("chart-top-projects")).toHaveAttribute("data-has-data", String(traffic));
  } else {
    await expect(page.getByTestId("usage-empty")).toContainText("has just begun");
  }

  const previous = months[1]!;
  await period.selectOption(previous);
  await expect(page).toHaveURL(new RegExp(`month=${previous}`));
  await expect(page.getByTestId("chart-daily-traffic")).toHaveAttribute("data-has-data", "true");
  expect(previous < current).toBe(true);
  // A whole month of days: one area per project (on the 1st, this month has a single day, drawn as dots).
  await expect(page.getByTestId("chart-daily-traffic").locator("path[data-series]")).toHaveCount(3);

  const csvLink = page.getByRole("link", { name: "Download CSV" });
  await expect(csvLink).toHaveAttribute("href", `/api/usage/acme/export?month=${previous}`);
  const [download] = await Promise.all([page.waitForEvent("download"), csvLink.click()]);
  expect(download.suggestedFilename()).toBe(`acme-usage-${previous}.csv`);
  const csv = readFileSync((await download.path())!, "utf8")
    .trim()
    .split("\n");

  const input = encodeURIComponent(JSON.stringify({ json: { team: "acme", month: previous } }));
  const summary = await request.get(`/api/trpc/usage.summary?input=${input}`, { headers: { authorization: `Bearer ${token}` } });
  const data = (await summary.json()).result.data.json;
  const apiTraffic = BigInt(data.totals.traffic.bytes);
  const csvTraffic = csv.slice(1).reduce((sum, line) => sum + BigInt(line.split(",")[4]!), 0n);
  expect(csvTraffic).toBe(apiTraffic);
  const days = new Set(csv.slice(1).map((l) => l.split(",")[0]));
  expect(days.size).toBeGreaterThanOrEqual(28);
});

test("the Usage page reads well on a phone", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, ALICE);
  // Last month: a whole month of data, whatever today's date (this file also runs at a new year's first instant).
  await page.goto(`/teams/acme/usage?month=${monthKey(addMonths(monthOf(clock.now()), -1))}`);
  await expect(page.getByTestId("chart-daily-traffic")).toHaveAttribute("data-has-data", "true");
  // The charts size themselves to their container once laid out; then nothing is wider than the phone.
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), { timeout: 10_000 }).toBeLessThanOrEqual(0);
});

test("the Overview and Usage arrive with their charts drawn in the server's HTML (spec 18.3), and pointing at a day shows its values", async ({ page }) => {
  await signIn(page, ALICE);
  // The HTML as the server sends it, before any script: the bars and the areas are already there.
  const overviewHtml = await (await page.request.get("/teams/acme")).text();
  const bars = overviewHtml.match(/<figure[^>]*data-testid="chart-overview-traffic"[\s\S]*?<\/figure>/)?.[0] ?? "";
  expect(bars).toContain('data-has-data="true"');
  expect(bars).toMatch(/<rect[^>]*data-series/);
  const usageHtml = await (await page.request.get("/teams/acme/usage")).text();
  for (const chart of ["chart-daily-traffic", "chart-storage", "chart-top-projects"]) {
    const figure = usageHtml.match(new RegExp(`<figure[^>]*data-testid="${chart}"[\\s\\S]*?</figure>`))?.[0] ?? "";
    expect(figure, chart).toContain('data-has-data="true"');
    expect(figure.match(/data-series=/g)?.length ?? 0, chart).toBeGreaterThanOrEqual(3);
  }

  await page.goto("/teams/acme");
  const overview = page.getByTestId("chart-overview-traffic");
  await expect(overview).toHaveAttribute("data-has-data", "true");
  await expect(overview.locator("rect[data-series]")).toHaveCount(30);
  await expect(overview.getByRole("img")).toHaveAttribute("aria-label", /last 30 days: .+ in all; the busiest day was .+, with .+\./);

  await page.goto("/teams/acme/usage");
  const traffic = page.getByTestId("chart-daily-traffic");
  const plot = traffic.getByRole("group", { name: "Daily traffic" });
  const box = (await plot.boundingBox())!;
  const tooltip = page.getByTestId("chart-daily-traffic-tooltip");
  // The chart is drawn before the page's scripts run: pointing at it shows values once they have.
  await expect(async () => {
    await page.mouse.move(box.x + 3, box.y + box.height / 2);
    await page.mouse.move(box.x + 2, box.y + box.height / 2);
    await expect(tooltip).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 10_000 });
  // The leftmost day of the last 30: its date, each project and the day's total. The server's clock
  // may be a little ahead of the test's (in the dated runs both start from one fake instant, at
  // different moments), so across a midnight its 30 days may already start a day later.
  const day = (ms: number) => new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" }).format(new Date(ms));
  const starts = [clock.nowMs() - 29 * 86_400_000, clock.nowMs() - 28 * 86_400_000];
  await expect(tooltip).toContainText(new RegExp(starts.map(day).join("|")));
  const shown = (await tooltip.textContent()) ?? "";
  const start = starts.find((ms) => shown.includes(day(ms)))!;
  await expect(tooltip.getByRole("listitem")).toHaveCount(4);
  await expect(tooltip).toContainText("Total");
  // The keyboard reaches the same: focus shows the last day, the left arrow the one before.
  await page.mouse.move(0, 0);
  await expect(tooltip).toHaveCount(0);
  await plot.focus();
  await expect(tooltip).toContainText(day(start + 29 * 86_400_000));
  await page.keyboard.press("ArrowLeft");
  await expect(tooltip).toContainText(day(start + 28 * 86_400_000));
});
