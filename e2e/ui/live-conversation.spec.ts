import { expect, test, type Browser, type Page } from "@playwright/test";
import { signIn, signUpOwner } from "../fixtures/auth";
import { CAROL } from "../fixtures/config";
import { mutate } from "../fixtures/trpc";

// Spec 20 in the browser: a ticket conversation shows the other side's reply without a reload, on
// the team's side and on the staff's; an internal note never reaches the team's page; a note
// committed while the page was still opening (before its stream, or before its own code) shows; and where
// the live stream cannot be opened (here refused by the network), the conversation polls instead.
// The requester is a new owner of their own team, so that no other spec's tickets meet these.
test.describe.configure({ mode: "serial" });

const STAMP = `${Date.now().toString(36)}l`;
let slug = "";
let owner: Page;
let carol: Page;

async function openTicket(subject: string): Promise<string> {
  const ticket = await mutate<{ ticket_id: string }>(owner.request, "tickets.create", {
    team: slug,
    subject,
    description: "The deploy hook answers 502 since this morning.",
    category: "technical",
  });
  return ticket.ticket_id;
}

/** Resolves when `page`'s live stream has been answered 200 (it is open). */
const streamOpened = (page: Page) => page.waitForResponse((r) => r.url().endsWith("/api/events") && r.status() === 200);

/** Marks the page's window: `notReloaded` finds the mark only if the page was not loaded again. */
const markPage = (page: Page) => page.evaluate(() => Object.assign(window, { __liveMark: "kept" }));

/** Opens `path` on `page` and waits until its live stream is open (so the page has hydrated and listens). */
async function openLive(page: Page, path: string) {
  const stream = streamOpened(page);
  await page.goto(path);
  await stream;
  await markPage(page);
}

const notReloaded = async (page: Page) => expect(await page.evaluate(() => (window as unknown as { __liveMark?: string }).__liveMark)).toBe("kept");

test.beforeAll(async ({ browser }: { browser: Browser }) => {
  owner = await (await browser.newContext()).newPage();
  slug = await signUpOwner(owner, { name: "Lina Live", stamp: STAMP });
  carol = await (await browser.newContext()).newPage();
  await signIn(carol, CAROL);
});

test.afterAll(async () => {
  await owner?.context().close();
  await carol?.context().close();
});

test("the team's page shows support's reply as it is sent, never the internal note; the staff's page shows the owner's answer", async () => {
  const subject = `Deploy hook 502 ${STAMP}`;
  const ticketId = await openTicket(subject);

  await openLive(owner, `/teams/${slug}/support/${ticketId}`);
  await expect(owner.getByRole("heading", { name: subject })).toBeVisible();
  await openLive(carol, `/support/tickets/${ticketId}`);

  await mutate(carol.request, "support.reply", { ticketId, message: `Internal: check the edge logs ${STAMP}`, internal: true });
  await mutate(carol.request, "support.reply", { ticketId, message: `We are looking at the edge now ${STAMP}.`, internal: false });
  await expect(owner.locator('li[data-author="support"]')).toContainText(`We are looking at the edge now ${STAMP}.`, { timeout: 5_000 });
  await expect(owner.getByTestId("ticket-view")).toHaveAttribute("data-status", "in_progress");
  expect(await owner.content()).not.toContain("check the edge logs");
  await notReloaded(owner);
  // The staff's page got both, as they happened.
  await expect(carol.locator('li[data-internal="true"]')).toContainText(`Internal: check the edge logs ${STAMP}`, { timeout: 5_000 });

  await mutate(owner.request, "tickets.reply", { team: slug, ticketId, message: `It works again, thank you ${STAMP}.` });
  await expect(carol.locator('li[data-author="user"]').last()).toContainText(`It works again, thank you ${STAMP}.`, { timeout: 5_000 });
  await expect(carol.getByTestId("ticket-view")).toHaveAttribute("data-status", "waiting");
  await notReloaded(carol);
});

test("a note committed after the server drew the staff's page and before its stream opened shows without a reload", async () => {
  const subject = `Webhook retries ${STAMP}`;
  const ticketId = await openTicket(subject);
  // The stream is held here until the note is in.
  let letStreamOpen = () => {};
  const streamHeld = new Promise<void>((resolve) => (letStreamOpen = resolve));
  await carol.route("**/api/events", async (route) => {
    await streamHeld;
    await route.continue();
  });
  await carol.goto(`/support/tickets/${ticketId}`);
  await expect(carol.getByRole("heading", { name: subject })).toBeVisible();
  await mutate(carol.request, "support.reply", { ticketId, message: `Internal: first note ${STAMP}`, internal: true });
  const stream = streamOpened(carol);
  letStreamOpen();
  await stream;
  await markPage(carol);
  // Well before the 10 s fallback poll.
  await expect(carol.locator('li[data-internal="true"]')).toContainText(`Internal: first note ${STAMP}`, { timeout: 5_000 });
  await notReloaded(carol);
  await carol.unroute("**/api/events");
});

test("a note committed while the conversation's own code is still arriving (the header's stream already open) shows once it has", async () => {
  const subject = `Slow network ${STAMP}`;
  const ticketId = await openTicket(subject);
  // The staff conversation's chunk (the one with its "ticket-team" test id) is held until the note's event has gone out.
  let held = false;
  let letCodeIn = () => {};
  const codeHeld = new Promise<void>((resolve) => (letCodeIn = resolve));
  await carol.route("**/_next/static/chunks/*.js", async (route) => {
    const response = await route.fetch();
    const body = await response.text();
    if (body.includes('"ticket-team"')) {
      held = true;
      await codeHeld;
    }
    await route.fulfill({ response, body });
  });
  const stream = streamOpened(carol);
  await carol.goto(`/support/tickets/${ticketId}`, { waitUntil: "commit" });
  await stream;
  await expect.poll(() => held).toBe(true);
  await markPage(carol);
  // A listener of the test's own in the page, to know when the note's event has been sent.
  await carol.evaluate(
    (id) =>
      new Promise<void>((opened) => {
        const source = new EventSource("/api/events");
        const heard = new Promise<void>((resolve) =>
          source.addEventListener("ticket.message", (e) => {
            if ((JSON.parse((e as MessageEvent<string>).data) as { ticket_id?: string }).ticket_id !== id) return;
            source.close();
            resolve();
          }),
        );
        Object.assign(window, { __noteHeard: heard });
        source.addEventListener("open", () => opened(), { once: true });
      }),
    ticketId,
  );
  await mutate(carol.request, "support.reply", { ticketId, message: `Internal: second note ${STAMP}`, internal: true });
  await carol.evaluate(() => (window as unknown as { __noteHeard: Promise<void> }).__noteHeard);
  letCodeIn();
  await expect(carol.locator('li[data-internal="true"]')).toContainText(`Internal: second note ${STAMP}`, { timeout: 5_000 });
  await notReloaded(carol);
  await carol.unroute("**/_next/static/chunks/*.js");
});

test("where the live stream cannot be opened, the conversation still shows the reply, by polling, without a reload", async () => {
  const subject = `Domain not verified ${STAMP}`;
  const ticketId = await openTicket(subject);
  let refused = 0;
  const firstRefusal = new Promise<void>((resolve) =>
    owner.route("**/api/events", async (route) => {
      refused += 1;
      resolve();
      await route.abort("connectionrefused");
    }),
  );
  await owner.goto(`/teams/${slug}/support/${ticketId}`);
  await firstRefusal;
  await markPage(owner);

  await mutate(carol.request, "support.reply", { ticketId, message: `Add the TXT record we sent ${STAMP}.`, internal: false });
  // Within the 10 s poll (and a margin for a busy machine).
  await expect(owner.locator('li[data-author="support"]')).toContainText(`Add the TXT record we sent ${STAMP}.`, { timeout: 15_000 });
  await notReloaded(owner);
  expect(refused).toBeGreaterThanOrEqual(1);
  await owner.unroute("**/api/events");
});
