import { createElement, type ComponentProps } from "react";
import { renderToString } from "react-dom/server";
import { NextIntlClientProvider } from "next-intl";
import { describe, expect, it } from "vitest";
import { DateTime } from "./date-time";

const intl = {
  locale: "en",
  timeZone: "UTC",
  now: new Date("2026-11-26T00:00:00Z"),
  messages: {},
} as const;
/** Its children come as createElement's third argument. */
type Provided = ComponentProps<typeof NextIntlClientProvider>;
const render = (value: string) =>
  renderToString(createElement(NextIntlClientProvider, intl as Provided, createElement(DateTime, { value })));

describe("DateTime", () => {
  it("shows a time as a <time> element with its moment", () => {
    expect(render("2026-11-26T01:52:00Z")).toMatch(
      /<time dateTime="2026-11-26T01:52:00.000Z"[^>]*>26 Nov 2026, 01:52</,
    );
  });

  it("shows a stored value that is not a time as it is, instead of failing the page", () => {
    expect(render("tomorrow")).toBe("<span>tomorrow</span>");
  });
});
