/**
 * The files an item takes as evidence (佐证材料), by their name's extension: photos, scans and the
 * documents an office writes (Word, Excel, WPS, PDF, OFD — the format of China's official e-documents).
 * Served back as what their extension says, always as a download.
 */
export const ITEM_FILE_TYPES: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  pdf: 'application/pdf',
  ofd: 'application/ofd',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  wps: 'application/vnd.ms-works',
  et: 'application/vnd.ms-excel',
  txt: 'text/plain',
  zip: 'application/zip',
};

/** At most this many bytes a file, and this many files on an item. */
export const ITEM_FILE_LIMITS = { bytes: 10 * 1024 * 1024, files: 20, name: 200 } as const;

/** The media type of a file name, or undefined when its extension is not one an item takes. */
export function itemFileType(name: string): string | undefined {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? undefined : ITEM_FILE_TYPES[name.slice(dot + 1).toLowerCase()];
}
