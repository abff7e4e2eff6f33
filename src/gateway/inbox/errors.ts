/** Failure texts the edges map to a status (REST 404 for an unknown thread, 400 for the rest). */
export const UNKNOWN_THREAD = 'unknown thread';
export const UNKNOWN_AGENT = 'unknown agent';
export const UNKNOWN_MESSAGE = 'unknown message';
