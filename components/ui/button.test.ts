import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Button } from "./button";

const html = (props: Parameters<typeof Button>[0]) => renderToString(createElement(Button, props, "Go"));
const DISABLED = /<button[^>]* disabled=""/;

describe("Button before the page is hydrated (the server's HTML)", () => {
  it("holds back a button that acts through script, so an early tap is not lost", () => {
    expect(html({ onClick: () => {} })).toMatch(DISABLED);
  });

  it("never holds back a submit button (its form works without script) or a plain one", () => {
    expect(html({ type: "submit", onClick: () => {} })).not.toMatch(DISABLED);
    expect(html({ type: "submit" })).not.toMatch(DISABLED);
    expect(html({})).not.toMatch(DISABLED);
    expect(html({ disabled: true })).toMatch(DISABLED);
  });
});
