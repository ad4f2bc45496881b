import { describe, expect, expectTypeOf, it } from "vitest";
import type { z } from "zod";
import { qualityReportSchema } from "@/lib/api/problem";
import { searchResultSchema } from "@/lib/api/schemas";
import type { QualityReport } from "@/lib/portrait/report";
import type { FaceMatch } from "@/lib/search/service";
import { uncheckedReport } from "@/test/fixtures";

/**
 * One shape, one source: the quality report is `QualityReport` (what the portrait pipeline writes,
 * the jsonb column's `$type`), the search match is `FaceMatch` (the service's, the search action's
 * result and the viewer's duplicates). The API's zod schemas describe the same shapes for OpenAPI:
 * these checks run in `tsc` (npm run typecheck), so a field renamed on one side only fails the build.
 */

type ApiReport = z.infer<typeof qualityReportSchema>;
type ApiMatch = z.infer<typeof searchResultSchema>["matches"][number];

describe("declared shapes agree", () => {
  it("the API's QualityReport is the stored report, field for field", () => {
    expectTypeOf<QualityReport>().toExtend<ApiReport>();
    expectTypeOf<keyof QualityReport>().toEqualTypeOf<keyof ApiReport>();
    expectTypeOf<keyof NonNullable<QualityReport["face"]>>().toEqualTypeOf<
      keyof NonNullable<ApiReport["face"]>
    >();
    expectTypeOf<keyof QualityReport["issues"][number]>().toEqualTypeOf<keyof ApiReport["issues"][number]>();
    expect(qualityReportSchema.safeParse(uncheckedReport()).success).toBe(true);
  });

  it("the API's search match is the service's FaceMatch without the console-only fields", () => {
    expectTypeOf<Pick<FaceMatch, keyof ApiMatch>>().toExtend<ApiMatch>();
    expectTypeOf<Exclude<keyof FaceMatch, keyof ApiMatch>>().toEqualTypeOf<"portraitId" | "hasThumbnail">();
    expect(Object.keys(searchResultSchema.shape.matches.element.shape).sort()).toEqual(
      ["displayName", "externalId", "identityId", "samePerson", "similarity"].sort(),
    );
  });
});
