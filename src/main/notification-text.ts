/**
 * Text for a native notification. Linux notification daemons read the body as markup (the freedesktop
 * notification spec allows <b>, <i>, <a>), so a customer's "<b>" would be rendered and a stray "<" can blank the
 * body; escaping keeps customer text plain text. Other platforms show the string as it is.
 */
export function notificationBody(text: string, platform: NodeJS.Platform): string {
  if (platform !== 'linux') return text;
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
