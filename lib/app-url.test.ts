import { describe, expect, it } from "vitest";
import { isLoopbackUrl, resolveAppUrl } from "./app-url";

describe("the links' origin", () => {
  it("is APP_URL when set, else the port this server listens on", () => {
    expect(resolveAppUrl({ APP_URL: "https://id.example.com", PORT: "3300" })).toBe("https://id.example.com");
    expect(resolveAppUrl({ PORT: "3300" })).toBe("http://localhost:3300");
    expect(resolveAppUrl({ APP_URL: "  ", PORT: "3300" })).toBe("http://localhost:3300");
    expect(resolveAppUrl({})).toBe("http://localhost:3000");
    expect(resolveAppUrl({ PORT: "banana" })).toBe("http://localhost:3000");
  });

  it("knows which addresses only this computer reaches", () => {
    for (const url of [
      "http://localhost:3000",
      "http://LOCALHOST",
      "http://app.localhost:8080",
      "http://127.0.0.1:3300",
      "http://127.1.2.3",
      "http://[::1]:3000",
      "http://0.0.0.0:3000",
    ])
      expect(isLoopbackUrl(url), url).toBe(true);
    for (const url of ["https://id.example.com", "http://192.168.1.20:3000", "http://10.0.0.5", "nonsense"])
      expect(isLoopbackUrl(url), url).toBe(false);
  });
});
