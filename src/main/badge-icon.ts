/**
 * Windows has no badge count on the taskbar button, only an overlay icon: a red dot drawn here as a raw bitmap
 * (what `nativeImage.createFromBitmap` takes: BGRA, premultiplied alpha), so no image file has to ship for it.
 */
export function unreadDotBitmap(size = 16): Buffer {
  const red = { b: 0x3b, g: 0x3b, r: 0xe0 };
  const pixels = Buffer.alloc(size * size * 4);
  const centre = (size - 1) / 2;
  const radius = size / 2;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      // One pixel of soft edge keeps the dot round at 16 px.
      const coverage = Math.min(1, Math.max(0, radius - Math.hypot(x - centre, y - centre)));
      const i = (y * size + x) * 4;
      pixels[i] = Math.round(red.b * coverage);
      pixels[i + 1] = Math.round(red.g * coverage);
      pixels[i + 2] = Math.round(red.r * coverage);
      pixels[i + 3] = Math.round(255 * coverage);
    }
  }
  return pixels;
}
