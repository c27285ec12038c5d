// Outbound webhooks in Settings (spec 18.1, issue #19): alice, owner of acme, adds an endpoint
// pointing at a receiver this test starts on 127.0.0.1 (the e2e server runs with
// WEBHOOKS_ALLOW_LOOPBACK=1), sees its secret once, sends a test event the receiver verifies with the
// standardwebhooks package, sees it delivered, replays it (the same webhook-id again) and removes the
// endpoint; at 390 px no sideways scroll and axe clean; the section's heading in French.
import { expect, test } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { expectAccessible } from "../fixtures/axe";
import { signIn } from "../fixtures/auth";
import { ALICE, E2E } from "../fixtures/config";
import { tokenFor } from "../fixtures/tokens";
import { startWebhookReceiver } from "../fixtures/webhook-receiver";

test.use({ viewport: { width: 390, height: 844 } });

test("an owner adds a webhook endpoint in Settings, sends a test event, sees it delivered, replays it and removes it", async ({ page, request, context }) => {
  const receiver = await startWebhookReceiver("/ui-hook");
  try {
    await signIn(page, ALICE);
    await page.goto("/teams/acme/settings");
    const section = page.getByTestId("webhooks");
    await expect(section.getByRole("heading", { name: "Webhooks" })).toBeVisible();

    // Add: URL, two event types, a description.
    await section.getByLabel("Endpoint URL").fill(receiver.url);
    await section.getByLabel("payment.completed").check();
    await section.getByLabel("ticket.created").check();
    await section.getByLabel("Description (optional)").fill("UI e2e receiver");
    await section.getByRole("button", { name: "Add endpoint" }).click();

    // The secret, once, with its warning.
    const box = page.getByTestId("webhook-secret");
    await expect(box).toContainText("it will not be shown again");
    const secret = (await box.getByTestId("webhook-secret-value").innerText()).trim();
    expect(secret).toMatch(/^whsec_/);
    const endpoint = section.locator("li[data-endpoint]", { hasText: receiver.url });
    await expect(endpoint).toHaveCount(1);
    await expect(endpoint).toContainText("Enabled");

    // No sideways scroll at 390 px, axe clean with the secret shown.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectAccessible(page);

    await box.getByRole("button", { name: "I have saved it" }).click();
    await expect(box).toHaveCount(0);

    // Send a test event: the receiver gets it, signed with the shown secret.
    await endpoint.getByRole("button", { name: "Send test event" }).click();
    await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBe(1);
    const first = receiver.received[0]!;
    const payload = new Webhook(secret).verify(first.body, first.headers) as { type: string };
    expect(payload.type).toBe("webhook.test");

    const delivery = endpoint.locator("li[data-delivery]").first();
    await expect(delivery).toContainText("webhook.test");
    await expect(delivery.getByTestId("delivery-status")).toHaveText("Delivered");
    await expect(delivery).toContainText("HTTP 200");

    // Replay: the same webhook-id again.
    await delivery.getByRole("button", { name: "Replay webhook.test" }).click();
    await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBe(2);
    expect(receiver.received[1]!.headers["webhook-id"]).toBe(first.headers["webhook-id"]);
    new Webhook(secret).verify(receiver.received[1]!.body, receiver.received[1]!.headers);
    await expect(delivery).toContainText("2 attempts");

    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectAccessible(page);

    // Remove, confirmed.
    await endpoint.getByRole("button", { name: "Remove" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Remove endpoint" }).click();
    await expect(endpoint).toHaveCount(0);

    // The section's heading in French.
    await context.addCookies([{ name: "NEXT_LOCALE", value: "fr", url: E2E.baseURL }]);
    await page.reload();
    await expect(section.getByRole("heading", { name: "Webhooks" })).toBeVisible();
    await expect(section.getByRole("heading", { name: "Ajouter une adresse" })).toBeVisible();
  } finally {
    // Whatever happened above, acme keeps no endpoint of this test.
    const token = await tokenFor(ALICE);
    const headers = { authorization: `Bearer ${token}` };
    const listed = await request.get("/api/webhooks/acme/endpoints", { headers });
    if (listed.ok()) {
      const { endpoints } = (await listed.json()) as { endpoints: { id: string; url: string }[] };
      for (const e of endpoints.filter((x) => x.url === receiver.url)) await request.delete(`/api/webhooks/acme/endpoints/${e.id}`, { headers });
    }
    await receiver.close();
  }
});
