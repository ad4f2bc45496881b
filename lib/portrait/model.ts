/**
 * Which model made a face template. Templates are comparable only when made by the same network
 * from the same alignment: the same photo through face-api's descriptor net from the old
 * 68-landmark-net chip and from today's mesh chip lands 0.19 apart (median; max 0.27 over ten
 * portraits) — half the same-person threshold. Every stored template carries its model id, and
 * search, duplicate checks and comparisons only ever put templates of one model side by side.
 */

/** face-api faceRecognitionNet (128-d) on the chip aligned from the human face mesh (this release). */
export const TEMPLATE_MODEL = "face-api-128/mesh-468";

/** face-api faceRecognitionNet on the chip aligned from face-api's 68-landmark net (releases before). */
export const LEGACY_TEMPLATE_MODEL = "face-api-128/landmarks-68";
