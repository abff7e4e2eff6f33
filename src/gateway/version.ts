import pkg from '../../package.json';

/** The app's version, reported by `/api/health`. */
export const GATEWAY_VERSION: string = pkg.version;
