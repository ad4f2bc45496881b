import { describe, expect, it } from "vitest";
import {
  formatDate,
  formatDateTime,
  formatExact,
  formatForDisplay,
  formatRelative,
  timeZoneOrUtc,
} from "./dates";

const at = new Date("2026-11-26T01:52:40Z");

describe("the console's date formatter", () => {
  it("writes unambiguous dates: the month as a word in English, year first in Japanese", () => {
    expect(formatDateTime(at, { locale: "en", timeZone: "UTC" })).toBe("26 Nov 2026, 01:52");
    expect(formatDateTime(at, { locale: "ja", timeZone: "UTC" })).toBe("2026年11月26日 1:52");
    expect(formatDate(new Date("2026-12-03T12:00:00Z"), { locale: "en", timeZone: "UTC" })).toBe(
      "3 Dec 2026",
    );
    expect(formatDate(new Date("2026-12-03T12:00:00Z"), { locale: "ja", timeZone: "UTC" })).toBe(
      "2026年12月3日",
    );
  });

  it("shows the time in the user's time zone, which can change the day", () => {
    expect(formatDateTime(at, { locale: "ja", timeZone: "Asia/Tokyo" })).toBe("2026年11月26日 10:52");
    expect(formatDateTime(at, { locale: "en", timeZone: "America/New_York" })).toBe("25 Nov 2026, 20:52");
  });

  it("gives the exact moment with seconds and the zone for the tooltip", () => {
    expect(formatExact(at, { locale: "en", timeZone: "UTC" })).toBe("26 Nov 2026, 01:52:40 UTC");
    expect(formatExact(at, { locale: "ja", timeZone: "Asia/Tokyo" })).toBe("2026年11月26日 10:52:40 JST");
  });

  it("says relative times in the user's language", () => {
    const now = new Date("2026-11-26T12:00:00Z");
    const plus = (ms: number) => new Date(now.getTime() + ms);
    expect(formatRelative(plus(6 * 86_400_000), now, "en")).toBe("in 6 days");
    expect(formatRelative(plus(6 * 86_400_000), now, "ja")).toBe("6 日後");
    expect(formatRelative(plus(-3 * 60_000), now, "en")).toBe("3 minutes ago");
    expect(formatRelative(plus(-3 * 60_000), now, "ja")).toBe("3 分前");
    expect(formatRelative(plus(-2_000), now, "en")).toBe("now");
    expect(formatRelative(plus(5 * 3_600_000), now, "en")).toBe("in 5 hours");
    expect(formatRelative(plus(10 * 86_400_000), now, "en")).toBe("in 10 days");
    expect(formatRelative(plus(-60 * 86_400_000), now, "en")).toBe("2 months ago");
  });

  it("is relative only within a week; past that the date itself says more", () => {
    const now = new Date("2026-11-26T12:00:00Z");
    const ctx = { locale: "en" as const, timeZone: "UTC", now };
    expect(formatForDisplay(new Date("2026-12-02T12:00:00Z"), "relative", ctx)).toBe("in 6 days");
    expect(formatForDisplay(new Date("2026-12-20T12:00:00Z"), "relative", ctx)).toBe("20 Dec 2026, 12:00");
    expect(formatForDisplay(new Date("2026-12-02T12:00:00Z"), "absolute", ctx)).toBe("2 Dec 2026, 12:00");
    expect(formatForDisplay(new Date("2026-12-02T12:00:00Z"), "date", ctx)).toBe("2 Dec 2026");
  });

  it("takes the browser's time zone from its cookie only when it is a real zone, else UTC", () => {
    expect(timeZoneOrUtc("Asia/Tokyo")).toBe("Asia/Tokyo");
    expect(timeZoneOrUtc(undefined)).toBe("UTC");
    expect(timeZoneOrUtc("Mars/Olympus_Mons")).toBe("UTC");
    expect(timeZoneOrUtc("x".repeat(200))).toBe("UTC");
  });
});
