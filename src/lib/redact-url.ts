const SECRET_PARAMS = /([?&](?:token|crc_token|hub\.verify_token|access_token|password)=)[^&#]*/gi;

/** A URL fit for the log: values of parameters that carry secrets are replaced. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_PARAMS, "$1[redacted]");
}
