/** The port `dms-live sandbox` listens on unless told otherwise. */
export const DEFAULT_SANDBOX_PORT = 4577;
