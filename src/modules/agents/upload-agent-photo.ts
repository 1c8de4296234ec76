import sharp from "sharp";
import type { UserRow } from "../../db/schema/index.ts";
import { invalidField, notFound } from "../../lib/errors.ts";
import type { Services } from "../../server/services.ts";

/** Largest upload accepted (before resizing). */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
/** Stored size: square, enough for avatars and the team page on high-density screens. */
export const PHOTO_SIZE = 256;
const ACCEPTED = new Set(["jpeg", "png", "webp"]);

const invalidPhoto = (message: string) => invalidField("photo", message);

/**
 * Checks what the bytes really are (not what the browser claims), then stores a square
 * WebP of PHOTO_SIZE pixels. Metadata such as GPS position in a phone photo is dropped.
 */
export async function uploadAgentPhoto(
  services: Services,
  user: UserRow,
  bytes: Buffer,
): Promise<UserRow> {
  if (bytes.length === 0) throw invalidPhoto("is empty");
  let format: string | undefined;
  try {
    format = (await sharp(bytes).metadata()).format;
  } catch {
    throw invalidPhoto("is not an image hilft can read");
  }
  if (!format || !ACCEPTED.has(format)) {
    throw invalidPhoto("must be a JPEG, PNG or WebP image");
  }
  let webp: Buffer;
  try {
    webp = await sharp(bytes, { limitInputPixels: 40_000_000 })
      .rotate()
      .resize(PHOTO_SIZE, PHOTO_SIZE, { fit: "cover", position: "attention" })
      .webp({ quality: 82 })
      .toBuffer();
  } catch {
    throw invalidPhoto("could not be read as an image (damaged or too large in pixels)");
  }
  const updated = await services.agentPhotos.save(user.id, webp);
  if (!updated) throw notFound("User");
  return updated;
}
