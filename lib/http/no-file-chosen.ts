/**
 * True for what a form's empty file input sends: a part with an empty file name and no bytes. The
 * production server decodes action bodies with busboy, which reports that name as missing, and
 * React then makes `new File(chunks, undefined)`: the name arrives as "undefined". A file the user
 * did choose always has its own name, so a chosen file of zero bytes is not this (it is checked, and
 * refused as IMAGE_UNREADABLE like at the other doors).
 */
export function noFileChosen(file: File): boolean {
  return file.size === 0 && (file.name === "" || file.name === "undefined");
}
