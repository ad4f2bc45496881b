import { expect, request as playwrightRequest, test, type Browser, type Request } from "@playwright/test";
import { E2E } from "./env";
import { addIdentity, signIn, uniqueSuffix } from "./helpers";

async function cookieHeaderFor(browser: Browser, email: string): Promise<string> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  const cookies = await context.cookies();
  await context.close();
  return cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}

test("signed-out requests to admin pages and routes are refused", async () => {
  const api = await playwrightRequest.newContext({ baseURL: E2E.seededUrl });
  for (const path of ["/identities", "/identities?q=alice"]) {
    const response = await api.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(307);
    expect(response.headers().location).toContain("/login");
  }
  const image = await api.get("/api/portraits/00000000-0000-4000-8000-000000000000/thumbnail");
  expect(image.status()).toBe(401);
  // Middleware-bypass headers change nothing: the page itself checks the session.
  const bypass = await api.get("/identities", {
    maxRedirects: 0,
    headers: { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" },
  });
  expect(bypass.status()).toBe(307);
  await api.dispose();
});

test("a reviewer lands on Approvals and cannot open the identities console", async ({ page }) => {
  await signIn(page, E2E.users.reviewerA);
  await expect(page).toHaveURL(/\/approvals$/);
  await expect(page.getByRole("link", { name: "Identities" })).toHaveCount(0);
  await page.goto("/identities");
  await expect(page).toHaveURL(/\/forbidden$/);
});

test("a replayed server action is refused without a session, for another organization and for a reviewer", async ({
  page,
  browser,
}) => {
  const s = uniqueSuffix();
  await signIn(page, E2E.users.adminA);
  await addIdentity(page, `Replay One ${s}`, `R1-${s}`);
  await addIdentity(page, `Replay Two ${s}`, `R2-${s}`);
  await page.getByRole("button", { name: `Delete Replay Two ${s}` }).click();
  const targetId = await page.getByRole("dialog").locator('input[name="id"]').inputValue();
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();

  // Capture a genuine delete request for "Replay One"…
  await page.getByRole("button", { name: `Delete Replay One ${s}` }).click();
  const sourceId = await page.getByRole("dialog").locator('input[name="id"]').inputValue();
  const captured = page.waitForRequest(
    (r: Request) => r.method() === "POST" && Boolean(r.headers()["next-action"]),
  );
  await page.getByRole("dialog").getByRole("button", { name: "Delete identity" }).click();
  const original = await captured;
  await expect(page.getByText(`Replay One ${s}`)).toHaveCount(0);

  // …and aim it at "Replay Two" with other credentials.
  const body = original.postDataBuffer()!.toString("latin1").replaceAll(sourceId, targetId);
  // With the page's own Origin (Playwright leaves it out of headers()): the refusals below must come
  // from the session, organization and role checks, not from the missing-Origin refusal.
  const headers: Record<string, string> = { ...original.headers(), origin: E2E.seededUrl };
  delete headers.cookie;
  const replay = async (cookie: string | null) => {
    const api = await playwrightRequest.newContext();
    const response = await api.post(original.url(), {
      headers: cookie ? { ...headers, cookie } : headers,
      data: Buffer.from(body, "latin1"),
      maxRedirects: 0,
    });
    await api.dispose();
    return response.status();
  };
  const stillThere = async () => {
    await page.reload();
    // The person's link in the list (the name is also in the portrait button's hidden label).
    return page.getByRole("link", { name: `Replay Two ${s}`, exact: true }).count();
  };

  expect(await replay(null)).toBeLessThan(500);
  expect(await stillThere()).toBe(1);
  expect(await replay(await cookieHeaderFor(browser, E2E.users.ownerB))).toBeLessThan(500);
  expect(await stillThere()).toBe(1);
  expect(await replay(await cookieHeaderFor(browser, E2E.users.reviewerA))).toBeLessThan(500);
  expect(await stillThere()).toBe(1);
  // The same replay with the admin's own session does delete: the refusals above were real.
  await replay(await cookieHeaderFor(browser, E2E.users.adminA));
  expect(await stillThere()).toBe(0);
});

test("signing out ends the session: the old cookie no longer works", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, E2E.users.signOutA);
  const oldCookies = await context.cookies();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await context.close();

  const stale = await browser.newContext();
  await stale.addCookies(oldCookies);
  const stalePage = await stale.newPage();
  await stalePage.goto(`${E2E.seededUrl}/identities`);
  await expect(stalePage).toHaveURL(/\/login$/);
  await stale.close();
});

test("changing the password signs out everywhere and only the new password works", async ({
  browser,
  page,
}) => {
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, E2E.users.passwordA);
  await signIn(page, E2E.users.passwordA);
  await page.getByRole("link", { name: /password-a@e2e\.test/ }).click();
  await page.getByLabel("Current password").fill("not-my-password");
  await page.getByLabel("New password", { exact: true }).fill("brand-new-password-1");
  await page.getByLabel("Repeat the new password").fill("brand-new-password-1");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your current password is not right.").first()).toBeVisible();
  await page.getByLabel("Current password").fill(E2E.password);
  await page.getByLabel("New password", { exact: true }).fill("brand-new-password-1");
  await page.getByLabel("Repeat the new password").fill("brand-new-password-1");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page).toHaveURL(/\/login$/);
  // The other browser's session ended too.
  await otherPage.goto(`${E2E.seededUrl}/approvals`);
  await expect(otherPage).toHaveURL(/\/login$/);
  await other.close();
  await page.getByLabel("Email").fill(E2E.users.passwordA);
  await page.getByLabel("Password").fill(E2E.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("That email and password don’t match an account.")).toBeVisible();
  await signIn(page, E2E.users.passwordA, "brand-new-password-1");
});
